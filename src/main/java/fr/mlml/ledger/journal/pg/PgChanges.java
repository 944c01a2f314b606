package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.AccountChange;
import fr.mlml.ledger.journal.ChangeLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The PostgreSQL journal's account changes ({@code db/V8__account_changes.sql}): inserted in their batch's
 * transaction, one statement per batch, read on the pool, so only committed changes are seen.
 */
final class PgChanges implements ChangeLog {
    static final String INSERT = "INSERT INTO account_changes (account, batch, position, body) "
            + "SELECT account, $4::bigint, position, body "
            + "FROM UNNEST($1::text[], $2::int[], $3::bytea[]) AS c (account, position, body)";
    private static final String NEWEST = "SELECT body FROM account_changes WHERE account = $1 "
            + "ORDER BY batch DESC, position DESC LIMIT " + AccountChange.MAX_READ;

    private final Pool pool;

    PgChanges(Pool pool) {
        this.pool = pool;
    }

    static Tuple rows(long batch, List<AccountChange> changes) {
        String[] account = new String[changes.size()];
        Integer[] position = new Integer[changes.size()];
        Buffer[] body = new Buffer[changes.size()];
        for (int i = 0; i < account.length; i++) {
            account[i] = changes.get(i).account();
            position[i] = i;
            body[i] = Buffer.buffer(changes.get(i).encode());
        }
        return Tuple.of(account, position, body, batch);
    }

    @Override
    public CompletableFuture<List<AccountChange>> of(String account) {
        return pool.preparedQuery(NEWEST).execute(Tuple.of(account)).map(rows -> {
            List<AccountChange> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                byte[] body = r.getBuffer(0).getBytes();
                out.add(AccountChange.decode(body, 0, body.length));
            }
            Collections.reverse(out);
            return out;
        }).toCompletionStage().toCompletableFuture();
    }
}
