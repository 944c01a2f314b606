package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.file.IdIndexFile;
import fr.mlml.ledger.journal.file.IdTable;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRecordBytes;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The archive of old ids in PostgreSQL ({@code archived_ids}, found by its primary key), with a local index of
 * their fingerprints so that a miss, the usual answer (the engine asks for every id it no longer holds, most of them
 * new), costs no round trip: an {@link IdIndexFile} in a temporary file, off the heap, from each archived id's
 * fingerprint to the batch that archived it. A hit reads the record (a retry of an old id, or a 2^-64 collision).
 * Records handed over with a batch not yet committed are kept here until it commits, so they are found meanwhile.
 *
 * <p>The index is rebuilt at every start by reading the table's ids through a cursor (a few rows at a time). While
 * batches after the snapshot are replayed, only ids archived up to the batch replayed last are found, as the first
 * run saw them: the ledger would drop the others anyway, but only after reading each record.
 * The index is used on the engine's thread only; the uncommitted records from any thread.
 */
final class PgArchive implements AutoCloseable {
    /** Rows read at a time when loading the fingerprints: bounds what one read holds in memory. */
    private static final int LOAD_ROWS = 50_000;
    /** Ids are unique in the table: every entry is kept, a fingerprint shared by two ids included. */
    private static final IdTable.Ids NEVER_SAME = (batch, hi, lo) -> false;

    private record Id(long hi, long lo) {
    }

    private final Pool pool;
    private IdIndexFile fingerprints;
    private Path fingerprintsFile;
    private final ConcurrentHashMap<Id, TransferRecord> uncommitted = new ConcurrentHashMap<>();
    /** The last batch whose archived ids are found: the batch replayed last, then every batch. */
    private long visibleUpTo = Long.MAX_VALUE;
    private final IdTable.Ids visible = (batch, hi, lo) -> batch <= visibleUpTo;

    PgArchive(Pool pool) {
        this.pool = pool;
    }

    /**
     * Reads every archived id through a cursor on {@code connection} into a fresh index; those forgotten after the
     * snapshot's batch are found as {@link #replayed} passes their batch.
     */
    void load(SqlConnection connection, long snapshotSequence) throws Exception {
        fingerprintsFile = Files.createTempFile("mlml-archived-ids", ".index");
        Files.delete(fingerprintsFile); // only its name is wanted: the index creates the file
        fingerprintsFile.toFile().deleteOnExit();
        fingerprints = IdIndexFile.open(fingerprintsFile);
        visibleUpTo = snapshotSequence;
        PgJournal.await(connection.query("BEGIN").execute());
        var statement = PgJournal.await(connection.prepare("SELECT id, batch FROM archived_ids"));
        Cursor cursor = statement.cursor();
        try {
            do {
                RowSet<Row> rows = PgJournal.await(cursor.read(LOAD_ROWS));
                for (Row row : rows) {
                    UUID id = row.getUUID(0);
                    fingerprints.put(id.getMostSignificantBits(), id.getLeastSignificantBits(), row.getLong(1),
                            NEVER_SAME);
                }
            } while (cursor.hasMore());
        } finally {
            PgJournal.await(cursor.close());
            PgJournal.await(statement.close());
            PgJournal.await(connection.query("COMMIT").execute());
        }
    }

    /** Batch {@code sequence} was replayed: the ids it forgot are archived from now on, as in the first run. */
    void replayed(long sequence) {
        visibleUpTo = sequence;
    }

    /** Records handed to the journal with batch {@code batch}: findable at once, and in the index from now on. */
    void handedOver(long batch, List<TransferRecord> forgotten) {
        for (TransferRecord r : forgotten) {
            uncommitted.put(new Id(r.idHi(), r.idLo()), r);
            try {
                fingerprints.put(r.idHi(), r.idLo(), batch, NEVER_SAME);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Their batch committed: the table answers for them now. */
    void committed(List<TransferRecord> forgotten) {
        for (TransferRecord r : forgotten) uncommitted.remove(new Id(r.idHi(), r.idLo()));
    }

    /** The record of an archived id, or null; reads the table (blocking) only on a fingerprint hit. */
    TransferRecord find(long hi, long lo) {
        if (!uncommitted.isEmpty()) {
            TransferRecord pending = uncommitted.get(new Id(hi, lo));
            if (pending != null) return pending;
        }
        if (fingerprints.find(hi, lo, visible) < 0) return null;
        try {
            RowSet<Row> rows = PgJournal.await(pool.preparedQuery(
                    "SELECT record FROM archived_ids WHERE id = $1 AND batch <= $2")
                    .execute(Tuple.of(new UUID(hi, lo), visibleUpTo)));
            return rows.size() == 0 ? null : read(rows.iterator().next().getBuffer(0).getBytes());
        } catch (Exception e) {
            throw new IllegalStateException("the archive of old ids could not be read", e);
        }
    }

    /** The records a batch forgot, as rows of {@code archived_ids}. */
    static CopyRows rows(long batch, List<TransferRecord> forgotten) {
        CopyRows rows = new CopyRows("archived_ids (id, position, batch, record)", 4, forgotten.size() * 160);
        for (TransferRecord r : forgotten) {
            rows.row().uuid(r.idHi(), r.idLo()).int8(r.position()).int8(batch)
                    .bytea(out -> TransferRecordBytes.write(new DataOutputStream(out), r));
        }
        return rows;
    }

    private static TransferRecord read(byte[] record) throws IOException {
        return TransferRecordBytes.read(new DataInputStream(new ByteArrayInputStream(record)));
    }

    @Override
    public void close() throws IOException {
        if (fingerprints == null) return;
        fingerprints.close();
        Files.deleteIfExists(fingerprintsFile);
    }
}
