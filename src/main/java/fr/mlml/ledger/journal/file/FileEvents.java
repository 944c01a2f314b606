package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.ByteWriter;
import fr.mlml.ledger.journal.EventStore;
import fr.mlml.ledger.journal.StoredEvent;
import fr.mlml.ledger.core.CorruptRecordException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The file journal's events: the {@code events} side file holds one record per event, {@code [long batch][event
 * bytes]}, and {@code events.index} the offset of each, 8 bytes per event, so event {@code n} is found at
 * {@code 8 (n - 1)} without any index in memory. Both are forced before the batch record; at start, events of
 * batches that did not become durable (at most the ones in flight) are cut from the tail, so the store holds
 * exactly the events of durable batches. Reads are positional, on a reader thread, up to the last published event:
 * consecutive events lie one after the other in {@code events}, so a read of many is one sequential read of their
 * bytes, a chunk at a time.
 */
final class FileEvents implements EventStore, AutoCloseable {
    private static final int OFFSET_BYTES = Long.BYTES;
    private static final int MAX_QUEUED_READS = 256;

    private final SideFile file;
    private final FileChannel index;
    private final ThreadPoolExecutor readers = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED_READS), r -> {
        Thread t = new Thread(r, "journal-events");
        t.setDaemon(true);
        return t;
    });
    /** Events stored (written by the writer thread); readers see up to {@link #published}. */
    private long writtenSeq;
    private volatile Published published;

    /** What readers may see: the events up to {@code seq}, whose records end at byte {@code bytes} of the file. */
    private record Published(long seq, long bytes) {
    }

    private FileEvents(SideFile file, FileChannel index, long count) {
        this.file = file;
        this.index = index;
        this.writtenSeq = count;
        this.published = new Published(count, file.bytes());
    }

    /** Opens both files and cuts what batches after {@code lastBatch} (not durable) left at their tail. */
    static FileEvents open(Path dir, long lastBatch) throws IOException {
        Path data = dir.resolve("events");
        Path indexPath = dir.resolve("events.index");
        boolean created = !Files.exists(indexPath);
        FileChannel index = OwnerOnly.open(indexPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (created) RecordFile.forceDirectory(dir);
            long count = index.size() / OFFSET_BYTES;
            long claimed = 0;
            try (SideFile reader = SideFile.readOnly(data)) {
                while (count > 0) {
                    long offset = offsetAt(index, count - 1);
                    boolean there = reader != null && offset + SideFile.HEADER_BYTES <= reader.bytes();
                    byte[] record = there ? reader.read(offset) : null;
                    if (record != null && ByteBuffer.wrap(record).getLong() <= lastBatch) {
                        claimed = offset + SideFile.HEADER_BYTES + record.length;
                        break;
                    }
                    count--;
                }
            }
            if (index.size() != count * OFFSET_BYTES) {
                index.truncate(count * OFFSET_BYTES);
                index.force(true);
            }
            return new FileEvents(SideFile.open(data, claimed), index, count);
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private static long offsetAt(FileChannel index, long i) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(OFFSET_BYTES);
        RecordFile.readFully(index, b, i * OFFSET_BYTES);
        return b.getLong(0);
    }

    /** On the writer thread, before the batch record: stores and forces the batch's events (nothing if none). */
    void write(long batch, List<? extends StoredEvent> events) throws IOException {
        if (events.isEmpty()) return;
        ByteBuffer offsets = ByteBuffer.allocate(events.size() * OFFSET_BYTES);
        for (StoredEvent e : events) {
            if (e.seq() != writtenSeq + 1) {
                throw new IllegalStateException("event " + e.seq() + " after event " + writtenSeq);
            }
            ByteWriter out = file.begin();
            out.writeLong(batch);
            byte[] bytes = e.bytes();
            out.write(bytes, 0, bytes.length);
            offsets.putLong(file.end());
            writtenSeq++;
        }
        file.flush();
        offsets.flip();
        long at = (writtenSeq - events.size()) * OFFSET_BYTES;
        while (offsets.hasRemaining()) at += index.write(offsets, at);
        index.force(false);
    }

    /** Both files' length after the last write. */
    long bytes() {
        return file.bytes() + writtenSeq * OFFSET_BYTES;
    }

    /** Once the batch record is durable: readers may see its events. */
    void publish() {
        published = new Published(writtenSeq, file.bytes());
    }

    @Override
    public long lastSeq() {
        return published.seq();
    }

    @Override
    public CompletableFuture<List<byte[]>> after(long afterSeq, int limit) {
        try {
            return CompletableFuture.supplyAsync(() -> read(afterSeq, limit), readers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<byte[]> read(long afterSeq, int limit) {
        Published p = published;
        long from = Math.max(0, afterSeq);
        int n = (int) Math.max(0, Math.min(Math.min(limit, MAX_READ), p.seq() - from));
        List<byte[]> out = new ArrayList<>(n);
        if (n == 0) return out;
        try {
            // The offsets of the n events and, unless the last is the last published, of the one after: where the
            // run of records ends.
            boolean toEnd = from + n == p.seq();
            ByteBuffer offsets = ByteBuffer.allocate((toEnd ? n : n + 1) * OFFSET_BYTES);
            RecordFile.readFully(index, offsets, from * OFFSET_BYTES);
            long end = toEnd ? p.bytes() : offsets.getLong(n * OFFSET_BYTES);
            file.scan(offsets.getLong(0), end, (offset, bytes, at, length) -> {
                if (out.size() == n || offset != offsets.getLong(out.size() * OFFSET_BYTES)) {
                    throw new CorruptRecordException("event " + (from + out.size() + 1) + " is not at byte " + offset
                            + " of the events file, as its index says");
                }
                out.add(Arrays.copyOfRange(bytes, at + Long.BYTES, at + length));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.size() != n) throw new CorruptRecordException("events file shorter than its index: " + out.size()
                + " of " + n + " events after " + from);
        return out;
    }

    @Override
    public void close() throws IOException {
        readers.shutdown();
        file.close();
        index.close();
    }
}
