package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Entry;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The small integer that stands for each account in the entry rows' indexes ({@code db/V6__account_numbers.sql}):
 * 1, 2, 3… in the order accounts first reached the {@code accounts} table. Integer keys made each entry's two index
 * inserts markedly cheaper than the text ids (fixed width, no string comparisons). Engine thread only; reloaded from
 * the table at every recovery, so numbers given out for a batch that never committed are forgotten with it.
 */
final class PgAccountNumbers {
    private final Map<String, Integer> numbers = new HashMap<>();
    /** The number the next new account gets: one above the highest in the table, whatever gaps it may have. */
    private int next = 1;

    void load(SqlConnection connection) throws Exception {
        numbers.clear();
        next = 1;
        for (Row row : PgJournal.await(connection.query("SELECT id, number FROM accounts").execute())) {
            int number = row.getInteger(1);
            numbers.put(row.getString(0), number);
            next = Math.max(next, Math.addExact(number, 1));
        }
    }

    /** The numbers of a batch's changed accounts, in their order; an account new to the table gets the next one. */
    Integer[] of(List<AccountView> accounts) {
        Integer[] of = new Integer[accounts.size()];
        for (int i = 0; i < of.length; i++) {
            of[i] = numbers.computeIfAbsent(accounts.get(i).id(), id -> {
                int number = next;
                next = Math.incrementExact(next);
                return number;
            });
        }
        return of;
    }

    /**
     * An entry's account: changed by the entry, so in this batch's accounts or an earlier one's. A missing one is a
     * bug that would leave the entry out of its account's history: the batch fails instead.
     */
    Integer of(Entry entry, String account) {
        Integer number = numbers.get(account);
        if (number == null) {
            throw new IllegalStateException("entry " + entry.number() + " names account " + account
                    + ", which no batch has written to the accounts table");
        }
        return number;
    }
}
