package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.journal.BatchEffects;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.JournalContract;
import fr.mlml.ledger.journal.JournalDriver;
import fr.mlml.ledger.journal.PgTestServer;
import fr.mlml.ledger.journal.Recovered;
import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.Tick;
import fr.mlml.ledger.crypto.LedgerKey;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgJournalContractTest extends JournalContract {
    private static Vertx vertx;

    @TempDir
    Path keyDir;
    private String url;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @BeforeEach
    void freshDatabase(TestInfo test) throws Exception {
        url = PgTestServer.database("journal_" + test.getTestMethod().orElseThrow().getName().toLowerCase());
    }

    @Override
    protected Journal open() throws Exception {
        return new PgJournal(vertx, url, key());
    }

    @Override
    protected LedgerKey key() throws Exception {
        return LedgerKey.loadOrCreate(keyDir);
    }

    @Test
    void aSecondInstanceWaitsForTheWriterAndTakesOverWhenItStops() throws Exception {
        Journal first = open();
        first.recover(new Recovered());
        first.append(1, List.of(new fr.mlml.ledger.core.Tick()), BatchEffects.NONE).get(30, TimeUnit.SECONDS);
        Journal second = open();
        CompletableFuture<Long> takeover = CompletableFuture.supplyAsync(() -> {
            try {
                return second.recover(new Recovered());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertFalse(takeover.isDone(), "the standby must wait while the writer holds the lock");
        first.append(2, List.of(new fr.mlml.ledger.core.Tick()), BatchEffects.NONE).get(30, TimeUnit.SECONDS);
        first.close();
        assertEquals(2L, takeover.get(30, TimeUnit.SECONDS), "the standby sees every batch the writer committed");
        second.close();
    }

    /** Runs {@code sql} on a connection of its own, as someone with access to the database would. */
    private RowSet<Row> sql(String sql) {
        PgConnection c = PgConnection.connect(vertx, url).await();
        try {
            return c.query(sql).execute().await();
        } finally {
            c.close().await();
        }
    }

    @Test
    void verifyNamesTheFirstBatchWhoseStoredBodyWasRewritten() throws Exception {
        try (Journal j = open()) {
            j.recover(new Recovered());
            for (int n = 1; n <= 6; n++) {
                Tick tick = new Tick();
                tick.setTimestampMs(1_800_000_000_000L + n);
                j.append(n, List.of(tick), BatchEffects.NONE).get(30, TimeUnit.SECONDS);
            }
            assertEquals(new AuditChain.Verification(true, 6, null), j.verify());
            sql("UPDATE batches SET body = body || '\\x00'::bytea WHERE sequence IN (4, 5)");
            assertEquals(new AuditChain.Verification(false, 3, 4L), j.verify(), "batch 4 is the first rewritten");
        }
    }

    @Test
    void verifyNamesTheBatchWhoseStoredHashWasReplaced() throws Exception {
        try (Journal j = open()) {
            j.recover(new Recovered());
            for (int n = 1; n <= 4; n++) j.append(n, List.of(new Tick()), BatchEffects.NONE).get(30, TimeUnit.SECONDS);
            sql("UPDATE batches SET hash = sha256(hash) WHERE sequence = 2");
            assertEquals(new AuditChain.Verification(false, 1, 2L), j.verify());
        }
    }

    @Test
    void verifyNamesTheBatchOfAChangedEntryRow() throws Exception {
        try (Journal j = open()) {
            j.recover(new Recovered());
            JournalDriver d = new JournalDriver(j);
            d.setUp();
            d.trade(4);
            AuditChain.Verification before = j.verify();
            assertTrue(before.ok(), before.toString());
            Row target = sql("SELECT entry, batch FROM entries ORDER BY entry DESC LIMIT 1 OFFSET 50").iterator().next();
            sql("UPDATE entries SET credit_balance_after = credit_balance_after + 1 WHERE entry = " + target.getLong(0));
            AuditChain.Verification after = j.verify();
            assertFalse(after.ok());
            assertEquals(target.getLong(1), after.firstBadSequence(), "the batch that wrote the changed row");
        }
    }

    @Test
    void theAccountsTableAndTheEntryRowsAgreeWithTheLedger() throws Exception {
        JournalDriver d;
        try (Journal j = open()) {
            j.recover(new Recovered());
            d = new JournalDriver(j);
            d.setUp();
            d.trade(8);
        }
        Ledger ledger = d.ledger;
        Map<String, AccountView> expected = new HashMap<>();
        for (int a = 0; a < ledger.accountCount(); a++) expected.put(ledger.accountAt(a).id(), ledger.accountAt(a));
        Map<String, AccountView> stored = new HashMap<>();
        for (Row r : sql("SELECT id, member_id, currency, balance, debits_posted, credits_posted, debits_pending, "
                + "credits_pending, floor, ceiling, status, negative_since_ms FROM accounts")) {
            Long floor = r.getLong(8);
            Long ceiling = r.getLong(9);
            stored.put(r.getString(0), new AccountView(r.getString(0), r.getString(1), r.getString(2), r.getLong(3),
                    r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), floor == null ? Limits.NO_FLOOR : floor,
                    ceiling == null ? Limits.NO_CEILING : ceiling, AccountStatus.ofCode(r.getString(10)),
                    r.getLong(11)));
        }
        assertEquals(expected, stored, "one row per account, as the ledger holds it");
        Map<String, Long> totals = new HashMap<>();
        for (AccountView a : expected.values()) totals.merge(a.currency(), a.balance(), Long::sum);
        Map<String, Long> storedTotals = new HashMap<>();
        for (Row r : sql("SELECT currency, sum(balance)::bigint FROM accounts GROUP BY currency")) {
            storedTotals.put(r.getString(0), r.getLong(1));
        }
        assertEquals(totals, storedTotals, "balances per currency");

        List<Entry> rows = new ArrayList<>();
        for (Row r : sql("SELECT " + PgRows.ENTRY_COLUMNS + " FROM entries ORDER BY entry")) rows.add(PgRows.entry(r));
        assertEquals(d.entries, rows, "every entry, with both balances after it");
        Map<String, Long> posted = new HashMap<>();
        for (Entry e : rows) {
            long debit = posted.getOrDefault(e.debitAccount(), 0L);
            long credit = posted.getOrDefault(e.creditAccount(), 0L);
            boolean moves = e.status() == fr.mlml.ledger.core.TransferStatus.POSTED;
            if (moves) {
                debit -= e.amount();
                credit += e.amount();
            }
            posted.put(e.debitAccount(), debit);
            posted.put(e.creditAccount(), credit);
            if (moves) {
                assertEquals(debit, e.debitBalanceAfter(), "entry " + e.number() + ": debit balance after");
                assertEquals(credit, e.creditBalanceAfter(), "entry " + e.number() + ": credit balance after");
            }
        }
        for (String account : JournalDriver.ACCOUNTS) {
            AccountView a = expected.get(account);
            assertEquals(a.creditsPosted() - a.debitsPosted(), posted.get(account), account + ": posted balance");
        }
        assertTrue(rows.size() > 800);
        assertEquals(List.of(), sql("SELECT entry FROM entries e LEFT JOIN accounts d ON d.number = e.debit_number "
                + "LEFT JOIN accounts c ON c.number = e.credit_number "
                + "WHERE d.id IS DISTINCT FROM e.debit_account OR c.id IS DISTINCT FROM e.credit_account").value()
                .stream().toList(), "every entry's account numbers are its accounts'");
        assertEquals(expected.size(), sql("SELECT count(DISTINCT number) FROM accounts WHERE number BETWEEN 1 AND "
                + expected.size()).iterator().next().getInteger(0), "accounts numbered 1, 2, 3…");
    }

    /**
     * A database whose entries were indexed by text account ids (before V6, so before the later migrations too) gets
     * numbers, and its history reads.
     */
    @Test
    void aDatabaseFromBeforeAccountNumbersIsMigratedAndItsHistoryReads() throws Exception {
        JournalDriver d;
        try (Journal j = open()) {
            j.recover(new Recovered());
            d = new JournalDriver(j);
            d.setUp();
            d.trade(3);
        }
        sql("DROP INDEX entries_debit; DROP INDEX entries_credit; "
                + "ALTER TABLE entries DROP COLUMN debit_number, DROP COLUMN credit_number; "
                + "ALTER TABLE accounts DROP COLUMN number; "
                + "CREATE INDEX entries_debit ON entries (debit_account, entry); "
                + "CREATE INDEX entries_credit ON entries (credit_account, entry); "
                + "DROP TABLE events, webhooks, account_changes; "
                + "DELETE FROM schema_version WHERE version >= 6");
        try (Journal j = open()) {
            j.recover(new Recovered());
            for (String account : JournalDriver.ACCOUNTS) {
                List<Entry> expected = new ArrayList<>();
                for (Entry e : d.entries) {
                    if (e.debitAccount().equals(account) || e.creditAccount().equals(account)) expected.add(0, e);
                }
                assertEquals(expected, j.history().entries(account, Long.MAX_VALUE, 10_000).get(30, TimeUnit.SECONDS),
                        account + ": every entry, newest first, after the migration");
            }
            d.journal = j;
            d.trade(1);
        }
        assertEquals(PgJournal.SCHEMA_VERSION,
                sql("SELECT max(version) FROM schema_version").iterator().next().getInteger(0));
    }
}
