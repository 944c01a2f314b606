package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.ByteWriter;
import fr.mlml.ledger.journal.EntriesDigest;
import fr.mlml.ledger.journal.EntryCodec;
import fr.mlml.ledger.journal.History;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.Entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The file journal's history: every batch's entries in the entries {@link SideFile}, written and forced by the
 * writer thread before the batch record, and in-memory indexes that turn every question into binary searches and
 * positional reads. The indexes take a batch's entries only once the batch is durable ({@link #publish}), so queries
 * see durable entries only; a read-write lock keeps them consistent while the writer adds to them.
 *
 * <p>Memory: each entry costs 16 bytes (its number and file offset) in the index of each of its two accounts, 32
 * bytes in all, up to twice that just after an array doubles; the time index costs 16 bytes per distinct batch
 * time. The indexes are rebuilt at start by reading the entries file once, sequentially (about 150 bytes per
 * entry: a million entries is some 150 MB read); keeping them on disk is a later improvement.
 */
final class FileHistory implements History, AutoCloseable {
    private static final int READER_THREADS = 2;
    private static final int MAX_QUEUED_QUERIES = 1024;
    private static final int INITIAL_CAPACITY = 16;

    private final SideFile file;
    private final ReaderPool readers = new ReaderPool("journal-history", READER_THREADS, MAX_QUEUED_QUERIES);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Each account's entries in number order; guarded by {@link #lock}. */
    private final Map<String, AccountEntries> accounts = new HashMap<>();
    /**
     * Distinct entry times, ascending, with the last entry number at each and the file offset of the first entry at
     * each; guarded by {@link #lock}.
     */
    private long[] timesMs = new long[INITIAL_CAPACITY];
    private long[] lastNumbers = new long[INITIAL_CAPACITY];
    private long[] firstOffsets = new long[INITIAL_CAPACITY];
    private int timeCount;
    /** The entries file's length after the last published batch: queries never read past it. Guarded by {@link #lock}. */
    private long publishedBytes;
    /** The batch being written, its entries' offsets and the file's length after it: the writer thread's, until {@link #publish}. */
    private List<Entry> writing = List.of();
    private long[] writingOffsets = new long[INITIAL_CAPACITY];
    private long writingEndBytes;
    /** Writer thread only. */
    private final EntriesDigest digest = new EntriesDigest();
    private byte[] writtenDigest;

    private FileHistory(SideFile file) {
        this.file = file;
    }

    /** Opens the entries file cut to {@code claimedBytes} and rebuilds the indexes from it. */
    static FileHistory open(Path path, long claimedBytes) throws IOException {
        FileHistory history = new FileHistory(SideFile.open(path, claimedBytes));
        try {
            history.lock.writeLock().lock();
            try {
                history.file.scan(0, (offset, bytes, from, length) -> EntryCodec.readKeys(bytes, from, length,
                        (number, timestampMs, debit, credit) -> history.index(number, timestampMs, debit, credit,
                                offset)));
                history.publishedBytes = history.file.bytes();
            } finally {
                history.lock.writeLock().unlock();
            }
        } catch (IOException | RuntimeException e) {
            history.close();
            throw e;
        }
        return history;
    }

    /**
     * Writes and forces a batch's entries (writer thread); returns the file's length after them. Their digest is
     * then {@link #writtenDigest}.
     */
    long write(List<Entry> entries) throws IOException {
        assert writing.isEmpty() : "the previous batch was not published";
        if (writingOffsets.length < entries.size()) {
            writingOffsets = new long[Math.max(entries.size(), 2 * writingOffsets.length)];
        }
        for (int i = 0; i < entries.size(); i++) {
            ByteWriter out = file.begin();
            int from = out.size();
            EntryCodec.encode(entries.get(i), out);
            digest.add(out.buffer().array(), from, out.size() - from);
            writingOffsets[i] = file.end();
        }
        writtenDigest = digest.digest();
        writing = entries;
        writingEndBytes = file.flush();
        return writingEndBytes;
    }

    /** The digest of the entries of the batch written last. */
    byte[] writtenDigest() {
        return writtenDigest;
    }

    /** The entries file's length after the last batch written. */
    long bytes() {
        return file.bytes();
    }

    /** Makes the batch just written visible to queries, once its batch record is durable (writer thread). */
    void publish() {
        lock.writeLock().lock();
        try {
            for (int i = 0; i < writing.size(); i++) {
                Entry e = writing.get(i);
                index(e.number(), e.timestampMs(), e.debitAccount(), e.creditAccount(), writingOffsets[i]);
            }
            publishedBytes = writingEndBytes;
        } finally {
            lock.writeLock().unlock();
        }
        writing = List.of();
    }

    private void index(long number, long timestampMs, String debit, String credit, long offset) {
        assert lock.isWriteLockedByCurrentThread();
        if (timeCount > 0) {
            long lastTimeMs = timesMs[timeCount - 1];
            if (timestampMs < lastTimeMs || number <= lastNumbers[timeCount - 1]) {
                throw new CorruptRecordException("entry " + number + " at " + timestampMs + " after entry "
                        + lastNumbers[timeCount - 1] + " at " + lastTimeMs + ": history must not run back");
            }
        }
        if (timeCount == 0 || timesMs[timeCount - 1] != timestampMs) {
            if (timeCount == timesMs.length) {
                timesMs = Arrays.copyOf(timesMs, 2 * timeCount);
                lastNumbers = Arrays.copyOf(lastNumbers, 2 * timeCount);
                firstOffsets = Arrays.copyOf(firstOffsets, 2 * timeCount);
            }
            firstOffsets[timeCount] = offset;
            timesMs[timeCount++] = timestampMs;
        }
        lastNumbers[timeCount - 1] = number;
        accounts.computeIfAbsent(debit, a -> new AccountEntries()).add(number, offset);
        if (!credit.equals(debit)) accounts.computeIfAbsent(credit, a -> new AccountEntries()).add(number, offset);
    }

    @Override
    public CompletableFuture<List<Entry>> entries(String account, long beforeEntry, int limit) {
        if (limit < 0) throw new IllegalArgumentException("negative limit " + limit);
        return query(() -> {
            long[] offsets;
            lock.readLock().lock();
            try {
                AccountEntries a = accounts.get(account);
                if (a == null) return List.of();
                int end = a.countBelow(beforeEntry);
                offsets = a.offsets(end - Math.min(limit, end), end);
            } finally {
                lock.readLock().unlock();
            }
            List<Entry> newestFirst = new ArrayList<>(offsets.length);
            for (int i = offsets.length - 1; i >= 0; i--) newestFirst.add(read(offsets[i]));
            return newestFirst;
        });
    }

    @Override
    public CompletableFuture<List<Entry>> entriesAfter(long afterEntry, int limit) {
        if (limit < 0) throw new IllegalArgumentException("negative limit " + limit);
        return query(() -> {
            long offset;
            long endBytes;
            lock.readLock().lock();
            try {
                int slot = firstTimeEndingAfter(afterEntry);
                if (slot == timeCount) return List.of();
                offset = firstOffsets[slot];
                endBytes = publishedBytes;
            } finally {
                lock.readLock().unlock();
            }
            // Entries lie in the file in number order: read on from the first entry of the right time.
            List<Entry> page = new ArrayList<>(Math.min(limit, 1024));
            while (page.size() < limit && offset < endBytes) {
                byte[] payload = readPayload(offset);
                offset += SideFile.HEADER_BYTES + payload.length;
                Entry e = EntryCodec.decode(payload);
                if (e.number() > afterEntry) page.add(e);
            }
            return page;
        });
    }

    /** The first time slot whose last entry is numbered above {@code number}; {@link #timeCount} if none. */
    private int firstTimeEndingAfter(long number) {
        int low = 0;
        int high = timeCount;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (lastNumbers[mid] <= number) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    @Override
    public CompletableFuture<Long> balanceAsOf(String account, long asOfMs) {
        return query(() -> {
            long offset;
            lock.readLock().lock();
            try {
                AccountEntries a = accounts.get(account);
                int count = a == null ? 0 : a.countAtOrBelow(lastNumberAt(asOfMs, true));
                if (count == 0) return 0L;
                offset = a.offset(count - 1);
            } finally {
                lock.readLock().unlock();
            }
            return read(offset).balanceAfter(account);
        });
    }

    @Override
    public CompletableFuture<Statement> statement(String account, long fromMs, long toMs) {
        if (fromMs > toMs) throw new IllegalArgumentException("a statement from " + fromMs + " to " + toMs);
        return query(() -> {
            long[] offsets; // the entry before the period, if any, then the period's entries
            boolean opened;
            lock.readLock().lock();
            try {
                AccountEntries a = accounts.get(account);
                if (a == null) return new Statement(account, fromMs, toMs, 0, List.of(), 0);
                int first = a.countAtOrBelow(lastNumberAt(fromMs, false));
                int end = a.countAtOrBelow(lastNumberAt(toMs, false));
                if (end - first > MAX_STATEMENT_ENTRIES) {
                    throw new IllegalArgumentException("more than " + MAX_STATEMENT_ENTRIES
                            + " entries in the period: ask for it in parts");
                }
                opened = first > 0;
                offsets = a.offsets(opened ? first - 1 : first, end);
            } finally {
                lock.readLock().unlock();
            }
            long opening = opened ? read(offsets[0]).balanceAfter(account) : 0;
            List<Entry> inside = new ArrayList<>(offsets.length);
            for (int i = opened ? 1 : 0; i < offsets.length; i++) inside.add(read(offsets[i]));
            long closing = inside.isEmpty() ? opening : inside.get(inside.size() - 1).balanceAfter(account);
            return new Statement(account, fromMs, toMs, opening, inside, closing);
        });
    }

    /** The number of the last entry at or before ({@code inclusive}) or strictly before {@code timeMs}; 0 if none. */
    private long lastNumberAt(long timeMs, boolean inclusive) {
        int low = 0;
        int high = timeCount; // the first index past the time
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (timesMs[mid] < timeMs || (inclusive && timesMs[mid] == timeMs)) low = mid + 1;
            else high = mid;
        }
        return low == 0 ? 0 : lastNumbers[low - 1];
    }

    private Entry read(long offset) {
        return EntryCodec.decode(readPayload(offset));
    }

    private byte[] readPayload(long offset) {
        try {
            return file.read(offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a query on the reader threads, never the caller's; a full queue fails it rather than wait. */
    private <T> CompletableFuture<T> query(Supplier<T> query) {
        return readers.run(query);
    }

    @Override
    public void close() throws IOException {
        readers.close();
        file.close();
    }

    /**
     * One account's entries: numbers ascending, each beside its offset in the entries file, in one array grown by
     * doubling (one array, not two: adding an entry touches one cache line, not two).
     */
    private static final class AccountEntries {
        long[] numbersAndOffsets = new long[2 * INITIAL_CAPACITY];
        int count;

        void add(long number, long offset) {
            assert count == 0 || number(count - 1) < number : "entry numbers ascend";
            if (2 * count == numbersAndOffsets.length) numbersAndOffsets = Arrays.copyOf(numbersAndOffsets, 4 * count);
            numbersAndOffsets[2 * count] = number;
            numbersAndOffsets[2 * count + 1] = offset;
            count++;
        }

        long number(int i) {
            return numbersAndOffsets[2 * i];
        }

        long offset(int i) {
            return numbersAndOffsets[2 * i + 1];
        }

        /** The offsets of entries {@code from} (included) to {@code to} (excluded). */
        long[] offsets(int from, int to) {
            long[] out = new long[to - from];
            for (int i = from; i < to; i++) out[i - from] = offset(i);
            return out;
        }

        /** How many entries are numbered below {@code bound}. */
        int countBelow(long bound) {
            int low = 0;
            int high = count;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (number(mid) < bound) low = mid + 1;
                else high = mid;
            }
            return low;
        }

        int countAtOrBelow(long number) {
            return number == Long.MAX_VALUE ? count : countBelow(number + 1);
        }
    }
}
