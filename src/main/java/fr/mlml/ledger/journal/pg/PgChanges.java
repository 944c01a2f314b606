package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.AccountChange;
import fr.mlml.ledger.journal.ChangeLog;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The PostgreSQL journal's account changes ({@code db/V8__account_changes.sql}): copied in their batch's
 * transaction, one stream per batch, read on the pool, so only committed changes are seen.
 */
final class PgChanges implements ChangeLog {
    private static final String NEWEST = "SELECT body FROM account_changes WHERE account = $1 "
            + "ORDER BY batch DESC, position DESC LIMIT " + AccountChange.MAX_READ;

    private final Pool pool;

    PgChanges(Pool pool) {
        this.pool = pool;
    }

    static CopyRows rows(long batch, List<AccountChange> changes) {
        CopyRows rows = new CopyRows("account_changes (account, batch, position, body)", 4, changes.size() * 100);
        for (int i = 0; i < changes.size(); i++) {
            rows.row().text(changes.get(i).account()).int8(batch).int4(i).bytea(changes.get(i).encode());
        }
        return rows;
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
