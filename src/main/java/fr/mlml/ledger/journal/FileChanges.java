package fr.mlml.ledger.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The file journal's account changes: the {@code changes} side file holds one record per change,
 * {@code [long batch][change bytes]}, forced before the batch record; at start, changes of batches that did not
 * become durable (at most those in flight, at the tail, the last maybe torn) are cut. Memory holds where each change
 * is, 8 bytes a change in its account's list (limit and status changes are the back office's occasional acts, and
 * one opening per account), never the changes themselves; reads are positional, on a reader thread, of published
 * changes only.
 */
final class FileChanges implements ChangeLog, AutoCloseable {
    private static final int MAX_QUEUED_READS = 256;

    /** One account's change offsets, in file order. */
    private static final class Offsets {
        long[] at = new long[2];
        int count;

        void add(long offset) {
            if (count == at.length) at = Arrays.copyOf(at, count * 2);
            at[count++] = offset;
        }
    }

    private final SideFile file;
    private final ReaderPool readers = new ReaderPool("journal-changes", 1, MAX_QUEUED_READS);
    /** Guarded by {@code this}: the published changes' offsets by account. */
    private final Map<String, Offsets> byAccount = new HashMap<>();
    /** The batch being written and its changes' offsets: the writer thread's, until {@link #publish}. */
    private List<AccountChange> writing = List.of();
    private long[] writingOffsets = new long[0];

    private FileChanges(SideFile file) {
        this.file = file;
    }

    /** Opens (or creates) the file, indexes the changes of batches up to {@code lastBatch} and cuts the rest. */
    static FileChanges open(Path path, long lastBatch) throws IOException {
        Map<String, Offsets> found = new HashMap<>();
        long claimed = 0;
        try (SideFile reader = SideFile.readOnly(path)) {
            for (long offset = 0; reader != null && offset < reader.bytes(); ) {
                byte[] record = reader.readUnlessTorn(offset);
                if (record == null || ByteBuffer.wrap(record).getLong() > lastBatch) break;
                AccountChange c = AccountChange.decode(record, Long.BYTES, record.length - Long.BYTES);
                found.computeIfAbsent(c.account(), a -> new Offsets()).add(offset);
                offset += SideFile.HEADER_BYTES + record.length;
                claimed = offset;
            }
        }
        FileChanges changes = new FileChanges(SideFile.open(path, claimed));
        changes.byAccount.putAll(found);
        return changes;
    }

    /** On the writer thread, before the batch record: stores and forces the batch's changes (nothing if none). */
    void write(long batch, List<AccountChange> changes) throws IOException {
        if (changes.isEmpty()) return;
        long[] offsets = new long[changes.size()];
        for (int i = 0; i < offsets.length; i++) {
            ByteWriter out = file.begin();
            out.writeLong(batch);
            byte[] bytes = changes.get(i).encode();
            out.write(bytes, 0, bytes.length);
            offsets[i] = file.end();
        }
        file.flush();
        writing = changes;
        writingOffsets = offsets;
    }

    /** The file's length after the last write. */
    long bytes() {
        return file.bytes();
    }

    /** Once the batch record is durable: readers may see its changes. */
    void publish() {
        synchronized (this) {
            for (int i = 0; i < writing.size(); i++) {
                byAccount.computeIfAbsent(writing.get(i).account(), a -> new Offsets()).add(writingOffsets[i]);
            }
        }
        writing = List.of();
    }

    @Override
    public CompletableFuture<List<AccountChange>> of(String account) {
        long[] offsets;
        synchronized (this) {
            Offsets o = byAccount.get(account);
            offsets = o == null ? new long[0]
                    : Arrays.copyOfRange(o.at, Math.max(0, o.count - AccountChange.MAX_READ), o.count);
        }
        return readers.run(() -> read(offsets));
    }

    private List<AccountChange> read(long[] offsets) {
        List<AccountChange> out = new ArrayList<>(offsets.length);
        try {
            for (long offset : offsets) {
                byte[] record = file.read(offset);
                out.add(AccountChange.decode(record, Long.BYTES, record.length - Long.BYTES));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        readers.close();
        file.close();
    }
}
