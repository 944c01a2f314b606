package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.ByteWriter;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRecordBytes;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.StampedLock;

/**
 * The file journal's archive of old ids: the records the ledger forgot from memory, in the archive {@link SideFile}
 * (as {@link TransferRecordBytes} writes them), written and forced by the writer thread before their batch record,
 * and an {@link IdIndexFile} beside it ({@code archive.index}) from id to file offset; a later record of an id
 * replaces the earlier one.
 *
 * <p>{@link #find} runs on the engine thread for every id the ledger does not hold, most of them new: a miss is
 * answered from the mapped index (one or two adjacent slots) under an optimistic read of a {@link StampedLock},
 * without blocking the writer; a hit reads the record back (one positional read). Records of batches handed over
 * but not yet durable are found in {@link Pending} tables until the writer has put them in the index. The heap
 * holds no archived id: at start the index is opened as it was left and brought up to the archive's length, or
 * rebuilt by reading the archive once, sequentially, when it cannot be trusted.
 */
final class FileArchive implements AutoCloseable {
    private final SideFile file;
    private final StampedLock lock = new StampedLock();
    /** Guarded by {@link #lock}: written by the writer thread only. */
    private final IdIndexFile offsets;
    private final IdTable.Ids idAtOffset = this::isIdAt;
    /** The batches not yet durable, oldest first; replaced whole (copy on write), so a reader needs no lock. */
    private volatile Pending[] pending = new Pending[0];

    private FileArchive(SideFile file, IdIndexFile offsets) {
        this.file = file;
        this.offsets = offsets;
    }

    /**
     * Opens the archive file cut to {@code claimedBytes} and its index, checking every record and indexing the ones
     * it does not cover yet (all of them when it was rebuilt).
     */
    static FileArchive open(Path path, long claimedBytes) throws IOException {
        SideFile file = SideFile.open(path, claimedBytes);
        IdIndexFile index;
        try {
            index = IdIndexFile.open(path.resolveSibling(path.getFileName() + ".index"));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        FileArchive archive = new FileArchive(file, index);
        try {
            if (index.covered() > claimedBytes) index.reset();
            long covered = index.covered();
            // Every record's checksum is read at start, not only the ones to index: a damaged record refuses the
            // start naming its offset instead of answering a wrong or failing lookup one day. One sequential read.
            file.scan(0, (offset, bytes, from, length) -> {
                if (offset < covered) return;
                ByteBuffer id = ByteBuffer.wrap(bytes, from, length);
                try {
                    index.put(id.getLong(from), id.getLong(from + Long.BYTES), offset, archive.idAtOffset);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            index.cover(claimedBytes);
        } catch (IOException | RuntimeException e) {
            archive.close();
            throw e;
        }
        return archive;
    }

    /** Keeps a batch's forgotten records findable until they are durable (the engine thread, at append). */
    synchronized Pending hold(List<TransferRecord> records) {
        Pending p = new Pending(records);
        Pending[] next = Arrays.copyOf(pending, pending.length + 1);
        next[pending.length] = p;
        pending = next;
        return p;
    }

    /** Writes and forces a batch's records (writer thread); returns the file's length after them. */
    long write(Pending batch) throws IOException {
        DataOutputStream out = null; // over the file's record buffer, the same for every record
        for (int i = 0; i < batch.records.size(); i++) {
            ByteWriter record = file.begin();
            if (out == null) out = new DataOutputStream(record);
            TransferRecordBytes.write(out, batch.records.get(i));
            batch.offsets[i] = file.end();
        }
        return file.flush();
    }

    /** The archive file's length after the last batch written. */
    long bytes() {
        return file.bytes();
    }

    /** Puts a batch's records, once durable, in the main table, then stops holding them apart (writer thread). */
    void publish(Pending batch) throws IOException {
        long stamp = lock.writeLock();
        try {
            for (int i = 0; i < batch.records.size(); i++) {
                TransferRecord r = batch.records.get(i);
                offsets.put(r.idHi(), r.idLo(), batch.offsets[i], idAtOffset);
            }
            offsets.cover(file.bytes());
        } finally {
            lock.unlockWrite(stamp);
        }
        release(batch);
    }

    private synchronized void release(Pending batch) {
        assert pending.length > 0 && pending[0] == batch : "batches become durable in order";
        pending = Arrays.copyOfRange(pending, 1, pending.length);
    }

    /** The newest record of the id, or null; safe beside the writer. */
    TransferRecord find(long idHi, long idLo) {
        Pending[] held = pending;
        for (int i = held.length - 1; i >= 0; i--) {
            TransferRecord r = held[i].find(idHi, idLo);
            if (r != null) return r;
        }
        long stamp = lock.tryOptimisticRead();
        boolean mayHold = offsets.mayHold(idHi, idLo);
        if (!mayHold && lock.validate(stamp)) return null;
        stamp = lock.readLock();
        try {
            long offset = offsets.find(idHi, idLo, idAtOffset);
            return offset < 0 ? null : TransferRecordBytes.read(new DataInputStream(
                    new ByteArrayInputStream(file.read(offset))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private boolean isIdAt(long offset, long idHi, long idLo) {
        if (offset >= file.bytes()) return false; // a slot the index should not hold: never trust it as the id
        try {
            ByteBuffer id = ByteBuffer.wrap(file.read(offset));
            return id.getLong(0) == idHi && id.getLong(Long.BYTES) == idLo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            offsets.close();
        } finally {
            file.close();
        }
    }

    /** A batch's forgotten records, not yet durable, by id; built on the engine thread, then only read. */
    static final class Pending implements IdTable.Ids {
        private final List<TransferRecord> records;
        private final IdTable indexes;
        /** Where the writer put each record in the file. */
        private final long[] offsets;

        private Pending(List<TransferRecord> records) {
            this.records = records;
            this.indexes = new IdTable(records.size());
            this.offsets = new long[records.size()];
            for (int i = 0; i < records.size(); i++) {
                indexes.put(records.get(i).idHi(), records.get(i).idLo(), i, this);
            }
        }

        TransferRecord find(long idHi, long idLo) {
            long i = indexes.find(idHi, idLo, this);
            return i < 0 ? null : records.get((int) i);
        }

        @Override
        public boolean isId(long index, long idHi, long idLo) {
            TransferRecord r = records.get((int) index);
            return r.idHi() == idHi && r.idLo() == idLo;
        }
    }
}
