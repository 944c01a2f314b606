package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRecordBytes;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The archive of old ids in PostgreSQL ({@code archived_ids}), answered from memory whenever it can: the engine asks
 * for every id it no longer holds, and most are new. A {@link FingerprintSet} of every archived id answers a miss
 * with no round trip; a hit reads the record (a retry of an old id, or a 2^-64 collision). Records handed over
 * with a batch not yet committed are kept here until it commits, so they are found meanwhile.
 *
 * <p>After a snapshot, the ids forgotten by the batches replayed after it are added as the replay passes their
 * batch, as the first run saw them: the ledger would drop them anyway, but only after reading each record.
 * The set and the replay's ids are used on the engine's thread only; the uncommitted records from any thread.
 */
final class PgArchive {
    static final String INSERT = "INSERT INTO archived_ids (id, position, batch, record) "
            + "SELECT id, position, $4::bigint, record FROM UNNEST($1::uuid[], $2::bigint[], $3::bytea[]) "
            + "AS forgotten (id, position, record)";
    /** Rows read at a time when loading the fingerprints: bounds what one read holds in memory. */
    private static final int LOAD_ROWS = 50_000;

    private record Id(long hi, long lo) {
    }

    private final Pool pool;
    private final FingerprintSet fingerprints = new FingerprintSet();
    private final ConcurrentHashMap<Id, TransferRecord> uncommitted = new ConcurrentHashMap<>();
    /** Ids forgotten after the snapshot, by batch: {hi, lo, batch} triples sorted by batch; null once replayed. */
    private long[] replayIds;
    private int replayCount;
    private int replayNext;

    PgArchive(Pool pool) {
        this.pool = pool;
    }

    /**
     * Reads every archived id through a cursor on {@code connection}: those forgotten up to the snapshot's batch go
     * in the set now, the others as {@link #replayed} passes their batch.
     */
    void load(SqlConnection connection, long snapshotSequence) throws Exception {
        long[] later = new long[3 * 1024];
        int count = 0;
        PgJournal.await(connection.query("BEGIN").execute());
        var statement = PgJournal.await(connection.prepare("SELECT id, batch FROM archived_ids"));
        Cursor cursor = statement.cursor();
        try {
            do {
                RowSet<Row> rows = PgJournal.await(cursor.read(LOAD_ROWS));
                for (Row row : rows) {
                    UUID id = row.getUUID(0);
                    long batch = row.getLong(1);
                    if (batch <= snapshotSequence) {
                        fingerprints.add(id.getMostSignificantBits(), id.getLeastSignificantBits());
                    } else {
                        if (3 * (count + 1) > later.length) later = Arrays.copyOf(later, later.length * 2);
                        later[3 * count] = id.getMostSignificantBits();
                        later[3 * count + 1] = id.getLeastSignificantBits();
                        later[3 * count + 2] = batch;
                        count++;
                    }
                }
            } while (cursor.hasMore());
        } finally {
            PgJournal.await(cursor.close());
            PgJournal.await(statement.close());
            PgJournal.await(connection.query("COMMIT").execute());
        }
        replayIds = sortedByBatch(later, count);
        replayCount = count;
        replayNext = 0;
    }

    /** Batch {@code sequence} was replayed: the ids it forgot are archived from now on, as in the first run. */
    void replayed(long sequence) {
        while (replayNext < replayCount && replayIds[3 * replayNext + 2] <= sequence) {
            fingerprints.add(replayIds[3 * replayNext], replayIds[3 * replayNext + 1]);
            replayNext++;
        }
        if (replayNext == replayCount) replayIds = null;
    }

    /** Records handed to the journal with a batch: findable at once, and in the set from now on. */
    void handedOver(List<TransferRecord> forgotten) {
        for (TransferRecord r : forgotten) {
            uncommitted.put(new Id(r.idHi(), r.idLo()), r);
            fingerprints.add(r.idHi(), r.idLo());
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
        if (!fingerprints.mightContain(hi, lo)) return null;
        try {
            RowSet<Row> rows = PgJournal.await(pool.preparedQuery("SELECT record FROM archived_ids WHERE id = $1")
                    .execute(Tuple.of(new UUID(hi, lo))));
            return rows.size() == 0 ? null : read(rows.iterator().next().getBuffer(0).getBytes());
        } catch (Exception e) {
            throw new IllegalStateException("the archive of old ids could not be read", e);
        }
    }

    /** The parameters of {@link #INSERT} for the records a batch forgot. */
    static Tuple rows(long batch, List<TransferRecord> forgotten) {
        int n = forgotten.size();
        UUID[] id = new UUID[n];
        Long[] position = new Long[n];
        Buffer[] record = new Buffer[n];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        for (int i = 0; i < n; i++) {
            TransferRecord r = forgotten.get(i);
            id[i] = new UUID(r.idHi(), r.idLo());
            position[i] = r.position();
            bytes.reset();
            try {
                TransferRecordBytes.write(out, r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            record[i] = Buffer.buffer(bytes.toByteArray());
        }
        return Tuple.tuple().addArrayOfUUID(id).addArrayOfLong(position).addArrayOfBuffer(record).addLong(batch);
    }

    private static TransferRecord read(byte[] record) throws IOException {
        return TransferRecordBytes.read(new DataInputStream(new ByteArrayInputStream(record)));
    }

    /** The {hi, lo, batch} triples ordered by batch (their order within a batch does not matter). */
    private static long[] sortedByBatch(long[] triples, int count) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(triples[3 * a + 2], triples[3 * b + 2]));
        long[] sorted = new long[3 * count];
        for (int i = 0; i < count; i++) System.arraycopy(triples, 3 * order[i], sorted, 3 * i, 3);
        return sorted;
    }
}
