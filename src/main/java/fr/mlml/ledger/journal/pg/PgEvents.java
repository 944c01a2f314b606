package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.EventStore;
import fr.mlml.ledger.journal.StoredEvent;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The PostgreSQL journal's events ({@code db/V7__events.sql}): copied in their batch's transaction, one stream per
 * batch, so the table holds exactly the events of committed batches. Readers see up to the last committed one.
 */
final class PgEvents implements EventStore {
    /** Numbers are gap-free: the range of the numbers wanted is exact, one scan of the primary key. */
    private static final String AFTER = "SELECT body FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq";

    private final Pool pool;
    private volatile long committedSeq;

    PgEvents(Pool pool) {
        this.pool = pool;
    }

    /** At recovery, on the writer's connection: the last event of the last committed batch. */
    void load(SqlConnection connection) throws Exception {
        Row row = PgJournal.await(connection.query("SELECT coalesce(max(seq), 0) FROM events").execute())
                .iterator().next();
        committedSeq = row.getLong(0);
    }

    static CopyRows rows(long batch, List<? extends StoredEvent> events) {
        CopyRows rows = new CopyRows("events (seq, batch, body)", 3, events.size() * 400);
        for (StoredEvent e : events) rows.row().int8(e.seq()).int8(batch).bytea(e.bytes());
        return rows;
    }

    /** Once the batch's transaction committed (in batch order). */
    void committed(List<? extends StoredEvent> events) {
        if (!events.isEmpty()) committedSeq = events.get(events.size() - 1).seq();
    }

    @Override
    public long lastSeq() {
        return committedSeq;
    }

    @Override
    public CompletableFuture<List<byte[]>> after(long afterSeq, int limit) {
        long to = afterSeq + Math.max(0, Math.min(committedSeq - afterSeq, Math.min(limit, MAX_READ)));
        return pool.preparedQuery(AFTER)
                .execute(Tuple.of(afterSeq, to))
                .map(rows -> {
                    List<byte[]> out = new ArrayList<>(rows.size());
                    for (Row r : rows) out.add(r.getBuffer(0).getBytes());
                    return out;
                })
                .toCompletionStage().toCompletableFuture();
    }
}
