package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.core.CorruptRecordException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * The file journal's storage: append-only segment files of records, each
 * {@code [int payload length][int CRC32C of sequence and payload][long sequence][payload]}, one record per batch
 * and one {@code force} per append (group commit: the engine makes a batch of many commands).
 *
 * <p>Opening reads only the last segment (or the last two, when a crash left the newest one empty): only the last
 * record can be incomplete (it is the only one whose {@code force} may not have returned), so a bad record at the
 * very end of the last segment is a torn write and is cut off; a bad record anywhere else is corruption of
 * acknowledged data, and reading fails naming the file and offset, rather than silently skipping it. Earlier
 * records are read by {@link #replay} from a given sequence on, so a start from a snapshot skips the segments
 * before it (a segment's name is its first sequence). Sequences must follow each other without a gap.
 */
public final class RecordFile implements AutoCloseable {
    public static final int MAX_PAYLOAD_BYTES = 64 << 20;
    static final int HEADER_BYTES = 16;
    private static final String SUFFIX = ".journal";

    private final Path dir;
    private final long segmentBytes;
    private FileChannel current;
    private long currentSize;
    private long lastSequence;
    /** The last durable record's payload (null when empty): what the journal keeps beside the batches is in it. */
    private byte[] lastPayload;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    /** Whether a torn tail is cut off; a reader beside the writer, or a replay after opening, never writes. */
    private boolean repair = true;

    private RecordFile(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /** Opens the journal in {@code dir} (created if absent), after cutting off a torn last record. */
    public static RecordFile open(Path dir, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        RecordFile file = new RecordFile(dir, segmentBytes);
        List<Path> segments = file.segments();
        if (segments.isEmpty()) {
            file.startSegment(1);
            return file;
        }
        Path last = segments.get(segments.size() - 1);
        file.lastSequence = firstSequence(last) - 1;
        file.readSegment(last, true, (sequence, payload) -> file.lastPayload = payload);
        if (file.lastPayload == null && segments.size() > 1) {
            // A new segment got its name but no record before the crash: the last record ends the one before.
            Path previous = segments.get(segments.size() - 2);
            file.lastSequence = firstSequence(previous) - 1;
            file.readSegment(previous, false, (sequence, payload) -> file.lastPayload = payload);
            if (file.lastSequence != firstSequence(last) - 1) {
                throw new CorruptRecordException(previous + " ends at sequence " + file.lastSequence + " but "
                        + last + " starts a segment after it");
            }
        }
        file.reopenLast(last);
        return file;
    }

    /** Sequence of the last durable record, 0 when empty. */
    public long lastSequence() {
        return lastSequence;
    }

    /** The payload of the last durable record, null when the journal is empty. */
    public byte[] lastPayload() {
        return lastPayload;
    }

    /**
     * Hands every record from sequence {@code fromSequence} on to {@code records}, in order, reading only the
     * segments that hold them; before the first {@link #append}. A gap or a bad record refuses, naming it.
     */
    public void replay(long fromSequence, BiConsumer<Long, byte[]> records) throws IOException {
        RecordFile reader = new RecordFile(dir, Long.MAX_VALUE);
        reader.repair = false;
        reader.readFrom(fromSequence, false, records);
        if (reader.lastSequence != lastSequence) {
            throw new CorruptRecordException(dir + ": reading from sequence " + fromSequence + " ends at sequence "
                    + reader.lastSequence + ", not at the last one, " + lastSequence);
        }
    }

    /** Appends the next record and forces it to disk before returning: when this returns, it is durable. */
    public long append(byte[] payload) throws IOException {
        if (payload.length > MAX_PAYLOAD_BYTES) throw new IllegalArgumentException("record too large");
        long sequence = lastSequence + 1;
        if (currentSize > 0 && currentSize + HEADER_BYTES + payload.length > segmentBytes) startSegment(sequence);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        record.putInt(payload.length).putInt(crc(sequence, payload, payload.length)).putLong(sequence).put(payload);
        record.flip();
        while (record.hasRemaining()) current.write(record);
        current.force(false);
        currentSize += HEADER_BYTES + payload.length;
        lastSequence = sequence;
        lastPayload = payload;
        return sequence;
    }

    @Override
    public void close() throws IOException {
        if (current != null) current.close();
    }

    /**
     * Reads every complete record of the journal in {@code dir} without changing anything (for a verifier running
     * beside the writer): a torn or unfinished last record just ends the scan.
     */
    public static void scan(Path dir, BiConsumer<Long, byte[]> records) throws IOException {
        scanFrom(dir, 1, records);
    }

    /** {@link #scan} from sequence {@code from} on, reading only the segments that hold it and what follows. */
    public static void scanFrom(Path dir, long from, BiConsumer<Long, byte[]> records) throws IOException {
        RecordFile reader = new RecordFile(dir, Long.MAX_VALUE);
        reader.repair = false;
        reader.readFrom(from, true, records);
    }

    /**
     * Reads the segments holding sequence {@code from} and after, handing over the records from it on; a torn last
     * record ends the reading only if {@code tornTailEnds}.
     */
    private void readFrom(long from, boolean tornTailEnds, BiConsumer<Long, byte[]> records) throws IOException {
        List<Path> segments = segments();
        int first = 0;
        while (first + 1 < segments.size() && firstSequence(segments.get(first + 1)) <= from) first++;
        // Without a segment starting at or before it, the first record read must be sequence `from` itself.
        lastSequence = segments.isEmpty() || firstSequence(segments.get(first)) > from ? from - 1
                : firstSequence(segments.get(first)) - 1;
        BiConsumer<Long, byte[]> fromOn = (sequence, payload) -> {
            if (sequence >= from) records.accept(sequence, payload);
        };
        for (int i = first; i < segments.size(); i++) {
            readSegment(segments.get(i), tornTailEnds && i == segments.size() - 1, fromOn);
        }
    }

    private static long firstSequence(Path segment) {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            throw new CorruptRecordException(segment + " is not named for its first sequence");
        }
    }

    private void readSegment(Path segment, boolean last, BiConsumer<Long, byte[]> replay) throws IOException {
        var options = repair ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.READ};
        try (FileChannel ch = FileChannel.open(segment, options)) {
            long size = ch.size();
            long offset = 0;
            while (offset < size) {
                String problem = null;
                byte[] payload = null;
                long sequence = 0;
                if (size - offset < HEADER_BYTES) {
                    problem = "incomplete header";
                } else {
                    header.clear();
                    readFully(ch, header, offset);
                    header.flip();
                    int length = header.getInt();
                    int expectedCrc = header.getInt();
                    sequence = header.getLong();
                    if (length < 0 || length > MAX_PAYLOAD_BYTES) problem = "bad length " + length;
                    else if (size - offset - HEADER_BYTES < length) problem = "incomplete record";
                    else {
                        ByteBuffer body = ByteBuffer.allocate(length);
                        readFully(ch, body, offset + HEADER_BYTES);
                        payload = body.array();
                        if (crc(sequence, payload, length) != expectedCrc) problem = "checksum mismatch";
                        else if (sequence != lastSequence + 1) problem = "sequence " + sequence + " after " + lastSequence;
                    }
                }
                if (problem != null) {
                    if (last && isTornTail(ch, offset, size, problem, payload, lastSequence + 2)) {
                        if (repair) {
                            ch.truncate(offset);
                            ch.force(true);
                        }
                        return;
                    }
                    throw new CorruptRecordException(segment + " at byte " + offset + ": " + problem
                            + " (not a torn last record: refusing to start on corrupted history)");
                }
                replay.accept(sequence, payload);
                lastSequence = sequence;
                offset += HEADER_BYTES + payload.length;
            }
        }
    }

    /**
     * A torn write leaves the file ending inside the record, or a last record whose bytes did not all reach the
     * disk (checksum mismatch, ending exactly at the end of the file), or zeros where the file was extended. A record
     * that claims more bytes than the file holds is not the last one if the next record follows it: its length was
     * damaged, and cutting there would drop every acknowledged batch after it.
     */
    private static boolean isTornTail(FileChannel ch, long offset, long size, String problem, byte[] payload,
                                      long nextSequence) throws IOException {
        if (problem.startsWith("incomplete")) return !recordFollows(ch, offset + HEADER_BYTES, size, nextSequence);
        if (problem.startsWith("checksum") && offset + HEADER_BYTES + payload.length == size) return true;
        return !problem.startsWith("sequence") && allZero(ch, offset, size);
    }

    /** Whether a whole record of {@code sequence}, its checksum right, starts anywhere in {@code [from, size)}. */
    private static boolean recordFollows(FileChannel ch, long from, long size, long sequence) throws IOException {
        if (size - from < HEADER_BYTES) return false;
        ByteBuffer tail = ByteBuffer.allocate((int) (size - from)); // within one segment, on the error path only
        readFully(ch, tail, from);
        byte[] b = tail.array();
        for (int p = 0; p + HEADER_BYTES <= b.length; p++) {
            ByteBuffer header = ByteBuffer.wrap(b, p, HEADER_BYTES);
            int length = header.getInt();
            int expectedCrc = header.getInt();
            if (header.getLong() != sequence || length < 0 || length > b.length - p - HEADER_BYTES) continue;
            byte[] payload = Arrays.copyOfRange(b, p + HEADER_BYTES, p + HEADER_BYTES + length);
            if (crc(sequence, payload, length) == expectedCrc) return true;
        }
        return false;
    }

    private static boolean allZero(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        for (long p = from; p < to; ) {
            buf.clear();
            if (to - p < buf.capacity()) buf.limit((int) (to - p));
            readFully(ch, buf, p);
            for (int i = 0; i < buf.limit(); i++) {
                if (buf.get(i) != 0) return false;
            }
            p += buf.limit();
        }
        return true;
    }

    private void reopenLast(Path segment) throws IOException {
        current = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        currentSize = current.size();
    }

    private void startSegment(long firstSequence) throws IOException {
        if (current != null) current.close();
        Path path = dir.resolve(String.format("%020d%s", firstSequence, SUFFIX));
        current = OwnerOnly.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        currentSize = 0;
        forceDirectory();
    }

    /** Makes a new segment's name durable, not only its contents. */
    private void forceDirectory() throws IOException {
        forceDirectory(dir);
    }

    /** Makes the names in {@code dir} durable: a file created or renamed survives a crash only then. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private List<Path> segments() throws IOException {
        List<Path> out = new ArrayList<>();
        try (var stream = Files.list(dir)) {
            stream.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(out::add);
        }
        return out;
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) throw new IOException("unexpected end of file");
            p += n;
        }
    }

    static int crc(long sequence, byte[] payload, int length) {
        CRC32C crc = crcFrom(sequence);
        crc.update(payload, 0, length);
        return (int) crc.getValue();
    }

    /**
     * A CRC32C that has seen {@code sequence} (big-endian) first, to be fed the payload: binding a record's checksum
     * to its place (a batch's sequence, a side record's offset) makes a record copied elsewhere fail it.
     */
    static CRC32C crcFrom(long sequence) {
        CRC32C crc = new CRC32C();
        for (int shift = 56; shift >= 0; shift -= 8) crc.update((int) (sequence >>> shift));
        return crc;
    }
}
