package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.History;
import fr.mlml.ledger.core.Entry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The history from the rows of {@code db/V2__rows.sql}, on the pool (never the writer's connection), so it sees
 * committed batches only. Each question is index look-ups: an account's entries are two index ranges (it is the
 * debit side of some, the credit side of others) merged by entry number; an instant becomes an entry number
 * through the batches' time index (the last entry at or before it), then one look-up a side. Accounts are
 * found in the indexes by their numbers ({@link PgAccountNumbers}).
 */
final class PgHistory implements History {
    /** The account $1's number in the entries' indexes (null, so no rows, for an account the table lacks). */
    private static final String NUMBER = "(SELECT number FROM accounts WHERE id = $1)";
    /** Newest first from both sides, cut to the page. */
    private static final String PAGE = "(SELECT " + PgRows.ENTRY_COLUMNS + " FROM entries WHERE debit_number = "
            + NUMBER + " AND entry < $2 ORDER BY entry DESC LIMIT $3) UNION ALL (SELECT " + PgRows.ENTRY_COLUMNS
            + " FROM entries WHERE credit_number = " + NUMBER + " AND entry < $2 ORDER BY entry DESC LIMIT $3) "
            + "ORDER BY entry DESC LIMIT $3";
    /** Oldest first from both sides, numbered in ($2, $3]. */
    private static final String RANGE = "(SELECT " + PgRows.ENTRY_COLUMNS + " FROM entries WHERE debit_number = "
            + NUMBER + " AND entry > $2 AND entry <= $3 ORDER BY entry LIMIT $4) UNION ALL (SELECT "
            + PgRows.ENTRY_COLUMNS + " FROM entries WHERE credit_number = " + NUMBER
            + " AND entry > $2 AND entry <= $3 ORDER BY entry LIMIT $4) ORDER BY entry LIMIT $4";
    /** The whole ledger, oldest first, numbered above $1. */
    private static final String ALL = "SELECT " + PgRows.ENTRY_COLUMNS + " FROM entries WHERE entry > $1 "
            + "ORDER BY entry LIMIT $2";
    /** The account's balance after its last entry numbered at most $2 (0 without one). */
    private static final String BALANCE_AT_ENTRY = "SELECT coalesce((SELECT balance FROM ("
            + "(SELECT entry, debit_balance_after AS balance FROM entries WHERE debit_number = " + NUMBER
            + " AND entry <= $2 ORDER BY entry DESC LIMIT 1) UNION ALL "
            + "(SELECT entry, credit_balance_after FROM entries WHERE credit_number = " + NUMBER
            + " AND entry <= $2 ORDER BY entry DESC LIMIT 1)) last ORDER BY entry DESC LIMIT 1), 0)";
    /** The numbers of the ledger's last entries at or before the instants $1 and $2 (0 before the first). */
    private static final String LAST_ENTRIES_AT = "SELECT " + lastEntryAt("$1") + ", " + lastEntryAt("$2");

    private final Pool pool;

    PgHistory(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<List<Entry>> entries(String account, long beforeEntry, int limit) {
        return done(pool.preparedQuery(PAGE).execute(Tuple.of(account, beforeEntry, limit)).map(PgHistory::entries));
    }

    @Override
    public CompletableFuture<List<Entry>> entriesAfter(long afterEntry, int limit) {
        return done(pool.preparedQuery(ALL).execute(Tuple.of(afterEntry, limit)).map(PgHistory::entries));
    }

    private static List<Entry> entries(Iterable<Row> rows) {
        List<Entry> page = new ArrayList<>();
        for (Row r : rows) page.add(PgRows.entry(r));
        return page;
    }

    @Override
    public CompletableFuture<Long> balanceAsOf(String account, long asOfMs) {
        return done(lastEntriesAt(asOfMs, asOfMs).compose(cut -> balanceAtEntry(account, cut[0])));
    }

    @Override
    public CompletableFuture<Statement> statement(String account, long fromMs, long toMs) {
        return done(lastEntriesAt(fromMs - 1, toMs - 1).compose(cut -> balanceAtEntry(account, cut[0])
                .compose(opening -> pool.preparedQuery(RANGE)
                        .execute(Tuple.of(account, cut[0], cut[1], MAX_STATEMENT_ENTRIES + 1))
                        .map(rows -> {
                            if (rows.size() > MAX_STATEMENT_ENTRIES) {
                                throw new IllegalArgumentException("more than " + MAX_STATEMENT_ENTRIES
                                        + " entries between " + fromMs + " and " + toMs + "; ask for a shorter period");
                            }
                            List<Entry> entries = entries(rows);
                            long closing = entries.isEmpty() ? opening
                                    : entries.get(entries.size() - 1).balanceAfter(account);
                            return new Statement(account, fromMs, toMs, opening, entries, closing);
                        }))));
    }

    /** The last entry numbers at or before two instants, in one round trip. */
    private Future<long[]> lastEntriesAt(long firstMs, long secondMs) {
        return pool.preparedQuery(LAST_ENTRIES_AT).execute(Tuple.of(firstMs, secondMs)).map(rows -> {
            Row r = rows.iterator().next();
            return new long[]{r.getLong(0), r.getLong(1)};
        });
    }

    private Future<Long> balanceAtEntry(String account, long entry) {
        return pool.preparedQuery(BALANCE_AT_ENTRY).execute(Tuple.of(account, entry))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static String lastEntryAt(String instant) {
        return "coalesce((SELECT last_entry FROM batches WHERE at_ms <= " + instant
                + " ORDER BY at_ms DESC, sequence DESC LIMIT 1), 0)";
    }

    private static <T> CompletableFuture<T> done(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }
}
