package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.ByteWriter;
import fr.mlml.ledger.core.CorruptRecordException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * An append-only file the journal keeps beside its batch records (the entries of history, the archive of old ids):
 * records {@code [int payload length][int CRC32C of offset and payload][payload]}. The writer thread gathers a
 * batch's records in memory, then {@link #flush writes and forces} them before the batch record, which states the
 * file's length after them: at start the file is cut back to what the last durable batch claims, and one shorter
 * than that refuses to start (history would be lost). Reads are positional, so any thread may read what was
 * flushed while the writer appends.
 */
final class SideFile implements AutoCloseable {
    static final int HEADER_BYTES = 8;
    /** Bounds one batch's records (and any record read back): more means a bug or a corrupt length. */
    static final int MAX_BATCH_BYTES = 256 << 20;
    private static final int SCAN_CHUNK_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    /** The file's length: durable up to here once {@link #flush} returned. Written by the writer thread only. */
    private long fileBytes;
    /** The current batch's records, not yet written; kept and cleared, so steady writing allocates nothing. */
    private final ByteWriter pending = new ByteWriter(1 << 16);
    private int recordStart = -1;

    private SideFile(Path path, FileChannel channel, long fileBytes) {
        this.path = path;
        this.channel = channel;
        this.fileBytes = fileBytes;
    }

    /**
     * Opens (or creates) the file and cuts it to {@code claimedBytes}, the length the last durable batch record
     * states: anything after it is a torn or unacknowledged tail.
     */
    static SideFile open(Path path, long claimedBytes) throws IOException {
        boolean created = !Files.exists(path);
        FileChannel ch = OwnerOnly.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (created) RecordFile.forceDirectory(path.getParent());
            long size = ch.size();
            if (size < claimedBytes) {
                throw new CorruptRecordException(path + " holds " + size + " bytes but the last durable batch claims "
                        + claimedBytes + ": refusing to start without what it recorded");
            }
            if (size > claimedBytes) {
                ch.truncate(claimedBytes);
                ch.force(true);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new SideFile(path, ch, claimedBytes);
    }

    /** Opens the file to read only (a verifier beside the writer); null if there is none yet. */
    static SideFile readOnly(Path path) throws IOException {
        if (!Files.exists(path)) return null;
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        return new SideFile(path, ch, ch.size());
    }

    /** Starts a record of the current batch: its payload is written to the returned writer, then {@link #end}. */
    ByteWriter begin() {
        assert recordStart < 0 : "a record is already open";
        recordStart = pending.size();
        pending.writeLong(0);
        return pending;
    }

    /** Ends the record begun last; returns the file offset it will have once flushed. */
    long end() {
        assert recordStart >= 0 : "no record open";
        int payloadBytes = pending.size() - recordStart - HEADER_BYTES;
        if (pending.size() > MAX_BATCH_BYTES) throw new IllegalStateException("a batch's records exceed " + path);
        long offset = fileBytes + recordStart;
        CRC32C crc = RecordFile.crcFrom(offset);
        pending.updateCrc(crc, recordStart + HEADER_BYTES);
        pending.setInt(recordStart, payloadBytes);
        pending.setInt(recordStart + 4, (int) crc.getValue());
        recordStart = -1;
        return offset;
    }

    /** Writes the batch's records and forces them (nothing when there are none); returns the file's length. */
    long flush() throws IOException {
        assert recordStart < 0 : "a record is still open";
        if (pending.size() == 0) return fileBytes;
        ByteBuffer bytes = pending.buffer();
        for (long at = fileBytes; bytes.hasRemaining(); ) at += channel.write(bytes, at);
        channel.force(false);
        fileBytes += pending.size();
        pending.clear();
        return fileBytes;
    }

    /** The file's length after the last flush. */
    long bytes() {
        return fileBytes;
    }

    /** The payload of the record at {@code offset}, checked; safe from any thread for a flushed record. */
    byte[] read(long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        RecordFile.readFully(channel, header, offset);
        int length = header.getInt(0);
        if (length < 0 || length > MAX_BATCH_BYTES) throw corrupt(offset, "bad length " + length);
        ByteBuffer payload = ByteBuffer.allocate(length);
        RecordFile.readFully(channel, payload, offset + HEADER_BYTES);
        CRC32C crc = RecordFile.crcFrom(offset);
        crc.update(payload.array());
        if ((int) crc.getValue() != header.getInt(4)) throw corrupt(offset, "checksum mismatch");
        return payload.array();
    }

    /**
     * The payload of the record at {@code offset}, or null if it is the file's last and a crash tore it (cut short, or
     * its checksum wrong): for a file no batch record claims a length of. A bad record before the last refuses.
     */
    byte[] readUnlessTorn(long offset) throws IOException {
        if (offset + HEADER_BYTES > fileBytes) return null;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        RecordFile.readFully(channel, header, offset);
        int length = header.getInt(0);
        if (length < 0 || length > MAX_BATCH_BYTES) throw corrupt(offset, "bad length " + length);
        if (offset + HEADER_BYTES + length > fileBytes) return null;
        boolean last = offset + HEADER_BYTES + length == fileBytes;
        try {
            return read(offset);
        } catch (CorruptRecordException e) {
            if (last) return null;
            throw e;
        }
    }

    /** Receives each record of a {@link #scan}: its offset and its payload in {@code bytes[from, from + length)}. */
    interface RecordReader {
        void read(long offset, byte[] bytes, int from, int length);
    }

    /**
     * Reads every record from the record at {@code from} (0 for the start) on, in order, checking each
     * (sequentially, a chunk at a time: rebuilding an index costs one read of the file). The tail was cut at
     * opening, so a bad record is corruption and refuses.
     */
    void scan(long from, RecordReader records) throws IOException {
        scan(from, fileBytes, records);
    }

    /**
     * The same for the records from the one at {@code from} to the one ending at {@code to}, which another thread may
     * call for flushed records while the writer appends: reading a run of records costs one read a chunk, not one
     * per record, and memory is a chunk whatever the run's length.
     */
    void scan(long from, long to, RecordReader records) throws IOException {
        byte[] chunk = new byte[(int) Math.max(HEADER_BYTES, Math.min(SCAN_CHUNK_BYTES, to - from))];
        long chunkOffset = from; // the file offset of chunk[0]
        int filled = 0;
        int at = 0;
        while (chunkOffset + at < to) {
            long offset = chunkOffset + at;
            int kept = filled - at;
            int length = kept >= HEADER_BYTES ? readInt(chunk, at) : 0;
            if (length < 0 || length > MAX_BATCH_BYTES) throw corrupt(offset, "bad length " + length);
            if (kept < HEADER_BYTES || kept < HEADER_BYTES + length) {
                // Move the partial record to the chunk's start (growing it for a large record) and read on.
                System.arraycopy(chunk, at, chunk, 0, kept);
                if (HEADER_BYTES + length > chunk.length) chunk = Arrays.copyOf(chunk, HEADER_BYTES + length);
                chunkOffset = offset;
                at = 0;
                int more = (int) Math.min(chunk.length - kept, to - offset - kept);
                if (more <= 0) throw corrupt(offset, "a record runs past the length the batches claim");
                RecordFile.readFully(channel, ByteBuffer.wrap(chunk, kept, more), offset + kept);
                filled = kept + more;
                continue;
            }
            CRC32C crc = RecordFile.crcFrom(offset);
            crc.update(chunk, at + HEADER_BYTES, length);
            if ((int) crc.getValue() != readInt(chunk, at + 4)) throw corrupt(offset, "checksum mismatch");
            records.read(offset, chunk, at + HEADER_BYTES, length);
            at += HEADER_BYTES + length;
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private CorruptRecordException corrupt(long offset, String problem) {
        return new CorruptRecordException(path + " at byte " + offset + ": " + problem
                + " (refusing to start on corrupted history)");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
