package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.WebhookStore;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The PostgreSQL journal's webhooks: the {@code webhooks} table of {@code db/V7__events.sql}. */
final class PgWebhookStore implements WebhookStore {
    private final Pool pool;

    PgWebhookStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<List<Stored>> load() {
        return pool.query("SELECT id, endpoint, cursor FROM webhooks ORDER BY id").execute().map(rows -> {
            List<Stored> out = new ArrayList<>();
            for (Row r : rows) out.add(new Stored(r.getString(0), r.getString(1), r.getLong(2)));
            return out;
        }).toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> put(Stored e) {
        return pool.preparedQuery("INSERT INTO webhooks (id, endpoint, cursor) VALUES ($1, $2, $3) ON CONFLICT (id) "
                        + "DO UPDATE SET endpoint = EXCLUDED.endpoint, cursor = EXCLUDED.cursor")
                .execute(Tuple.of(e.id(), e.endpoint(), e.cursor())).<Void>mapEmpty()
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> cursors(Map<String, Long> cursors) {
        String[] ids = cursors.keySet().toArray(new String[0]);
        Long[] values = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) values[i] = cursors.get(ids[i]);
        return pool.preparedQuery("UPDATE webhooks w SET cursor = u.cursor FROM UNNEST($1::text[], $2::bigint[]) "
                        + "AS u (id, cursor) WHERE w.id = u.id")
                .execute(Tuple.of(ids, values)).<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> delete(String id) {
        return pool.preparedQuery("DELETE FROM webhooks WHERE id = $1").execute(Tuple.of(id)).<Void>mapEmpty()
                .toCompletionStage().toCompletableFuture();
    }
}
