package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.AccountChange;
import fr.mlml.ledger.journal.ByteWriter;
import fr.mlml.ledger.journal.ChangeLog;
import fr.mlml.ledger.core.CorruptRecordException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The file journal's account changes: the {@code changes} side file holds one record per change,
 * {@code [long batch][long offset of the account's previous change, or -1][change bytes]}, forced before the batch
 * record; at start, changes of batches that did not become durable (at most those in flight, at the tail, the last
 * maybe torn) are cut. Each account's changes are a chain through the file, newest to oldest, so memory holds one
 * offset per account (where its newest change is), whatever the number of changes; reads follow the chain with
 * positional reads, on a reader thread, from the newest published change.
 */
final class FileChanges implements ChangeLog, AutoCloseable {
    private static final int MAX_QUEUED_READS = 256;
    private static final long NONE = -1;
    private static final int PREFIX_BYTES = 2 * Long.BYTES;

    private final SideFile file;
    private final ReaderPool readers = new ReaderPool("journal-changes", 1, MAX_QUEUED_READS);
    /** Guarded by {@code this}; changed by the writer thread only: each account's newest published change. */
    private final Map<String, Long> newest = new HashMap<>();
    /** The batch being written: its accounts' newest changes, the writer thread's until {@link #publish}. */
    private final Map<String, Long> writing = new HashMap<>();

    private FileChanges(SideFile file) {
        this.file = file;
    }

    /** Opens (or creates) the file, finds the changes of batches up to {@code lastBatch} and cuts the rest. */
    static FileChanges open(Path path, long lastBatch) throws IOException {
        Map<String, Long> found = new HashMap<>();
        long claimed = 0;
        try (SideFile reader = SideFile.readOnly(path)) {
            for (long offset = 0; reader != null && offset < reader.bytes(); ) {
                byte[] record = reader.readUnlessTorn(offset);
                if (record == null || ByteBuffer.wrap(record).getLong() > lastBatch) break;
                found.put(change(record).account(), offset);
                offset += SideFile.HEADER_BYTES + record.length;
                claimed = offset;
            }
        }
        FileChanges changes = new FileChanges(SideFile.open(path, claimed));
        changes.newest.putAll(found);
        return changes;
    }

    private static AccountChange change(byte[] record) {
        return AccountChange.decode(record, PREFIX_BYTES, record.length - PREFIX_BYTES);
    }

    /** On the writer thread, before the batch record: stores and forces the batch's changes (nothing if none). */
    void write(long batch, List<AccountChange> changes) throws IOException {
        if (changes.isEmpty()) return;
        for (AccountChange c : changes) {
            Long previous = writing.containsKey(c.account()) ? writing.get(c.account()) : newest.get(c.account());
            ByteWriter out = file.begin();
            out.writeLong(batch);
            out.writeLong(previous == null ? NONE : previous);
            byte[] bytes = c.encode();
            out.write(bytes, 0, bytes.length);
            writing.put(c.account(), file.end());
        }
        file.flush();
    }

    /** The file's length after the last write. */
    long bytes() {
        return file.bytes();
    }

    /** Once the batch record is durable: readers may see its changes. */
    void publish() {
        if (writing.isEmpty()) return;
        synchronized (this) {
            newest.putAll(writing);
        }
        writing.clear();
    }

    @Override
    public CompletableFuture<List<AccountChange>> of(String account) {
        Long from;
        synchronized (this) {
            from = newest.get(account);
        }
        return readers.run(() -> read(from == null ? NONE : from));
    }

    /** The chain from {@code offset} back, at most {@link AccountChange#MAX_READ}, oldest first. */
    private List<AccountChange> read(long offset) {
        List<AccountChange> out = new ArrayList<>();
        try {
            for (long at = offset; at != NONE && out.size() < AccountChange.MAX_READ; ) {
                byte[] record = file.read(at);
                out.add(change(record));
                long previous = ByteBuffer.wrap(record).getLong(Long.BYTES);
                if (previous >= at) throw new CorruptRecordException("changes at byte " + at + ": a chain forward");
                at = previous;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        readers.close();
        file.close();
    }
}
