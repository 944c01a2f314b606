package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.ChangeAccount;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.LedgerSnapshot;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.engine.LedgerReplay;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.LedgerKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link Journal} promises; run against the file journal and PostgreSQL. */
public abstract class JournalContract {
    /** A journal over the test's storage; the same storage every time it is called within one test. */
    protected abstract Journal open() throws Exception;

    protected abstract LedgerKey key() throws Exception;

    private static List<Command> batch(int n) {
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CreateMember c = new CreateMember("m" + n + "-" + i, "Membre n°" + i + " – é", MemberKind.CITIZEN);
            c.setTimestampMs(1_800_000_000_000L + n);
            commands.add(c);
        }
        return commands;
    }

    private static List<List<Command>> recoverAll(Journal j) throws Exception {
        return Recovered.from(j).batches;
    }

    @Test
    void anEmptyJournalRecoversNothingAndVerifies() throws Exception {
        try (Journal j = open()) {
            assertEquals(List.of(), recoverAll(j));
            assertEquals(0, j.head().sequence());
            assertTrue(j.verify().ok());
        }
    }

    @Test
    void batchesComeBackInOrderByteForByteAfterAReopen() throws Exception {
        try (Journal j = open()) {
            recoverAll(j);
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            long encodedBytes = 0;
            for (int n = 1; n <= 50; n++) {
                writes.add(j.append(n, batch(n), BatchEffects.NONE));
                encodedBytes += BatchCodec.encode(batch(n)).length;
            }
            for (CompletableFuture<Void> w : writes) w.get(30, TimeUnit.SECONDS);
            assertTrue(j.bytesWritten() >= encodedBytes, "every durable batch's bytes are counted");
        }
        try (Journal j = open()) {
            List<List<Command>> back = recoverAll(j);
            assertEquals(0, j.bytesWritten(), "counted from the opening on");
            assertEquals(50, back.size());
            for (int n = 1; n <= 50; n++) {
                assertArrayEquals(BatchCodec.encode(batch(n)), BatchCodec.encode(back.get(n - 1)), "batch " + n);
            }
            assertEquals(50, j.head().sequence());
        }
    }

    @Test
    void theHeadIsSignedByTheLedgerAndTheChainVerifies() throws Exception {
        try (Journal j = open()) {
            recoverAll(j);
            for (int n = 1; n <= 5; n++) j.append(n, batch(n), BatchEffects.NONE).get(30, TimeUnit.SECONDS);
            var head = j.head();
            assertEquals(5, head.sequence());
            assertTrue(Ed25519.verify(key().publicKey, AuditChain.signedBytes(5, head.hash()), head.signature()));
            assertEquals(new AuditChain.Verification(true, 5, null), j.verify());
        }
        try (Journal j = open()) {
            recoverAll(j);
            j.append(6, batch(6), BatchEffects.NONE).get(30, TimeUnit.SECONDS);
            assertEquals(new AuditChain.Verification(true, 6, null), j.verify(), "the chain goes on after a reopen");
        }
    }

    // ---- history, archive of old ids, snapshots ----

    private static final long NEVER_MS = Long.MAX_VALUE / 2;

    @Test
    void historyPagesAnAccountsEntriesNewestFirstAfterAReopen() throws Exception {
        JournalDriver d;
        try (Journal j = open()) {
            recoverAll(j);
            d = new JournalDriver(j);
            d.setUp();
            d.trade(12);
        }
        try (Journal j = open()) {
            recoverAll(j);
            for (String account : JournalDriver.ACCOUNTS) {
                List<Entry> expected = new ArrayList<>(d.entriesOf(account));
                java.util.Collections.reverse(expected);
                List<Entry> paged = new ArrayList<>();
                long before = Long.MAX_VALUE;
                List<Entry> page;
                while (!(page = j.history().entries(account, before, 37).get(30, TimeUnit.SECONDS)).isEmpty()) {
                    assertTrue(page.size() <= 37);
                    paged.addAll(page);
                    before = page.get(page.size() - 1).number();
                }
                assertEquals(expected, paged, account + ": every entry, newest first, by pages of 37");
            }
            assertEquals(List.of(), j.history().entries("mlc:nobody", Long.MAX_VALUE, 10).get(30, TimeUnit.SECONDS));
            List<Entry> all = new ArrayList<>();
            List<Entry> page;
            while (!(page = j.history().entriesAfter(all.isEmpty() ? 0 : all.get(all.size() - 1).number(), 500)
                    .get(30, TimeUnit.SECONDS)).isEmpty()) {
                all.addAll(page);
            }
            assertEquals(d.entries, all, "the whole ledger, oldest first, by pages of 500");
        }
    }

    @Test
    void anAccountsLimitAndStatusChangesAreFoundByAccountAfterAReopen() throws Exception {
        String account = JournalDriver.ACCOUNTS[1];
        try (Journal j = open()) {
            recoverAll(j);
            JournalDriver d = new JournalDriver(j);
            d.setUp();
            ChangeAccount credit = new ChangeAccount(account, -5_000L, null, null);
            credit.changedBy("0123456789abcdef");
            ChangeAccount refused = new ChangeAccount("mlc:nobody", null, null, AccountStatus.FROZEN);
            refused.changedBy("0123456789abcdef");
            ChangeAccount nothing = new ChangeAccount(account, null, null, null);
            d.batch(JournalDriver.T0 + 60_000, List.of(credit, refused, nothing));
            ChangeAccount frozen = new ChangeAccount(account, null, Limits.NO_CEILING, AccountStatus.FROZEN);
            frozen.changedBy("fedcba9876543210");
            d.trade(2);
            d.batch(JournalDriver.T0 + 3_600_000, List.of(frozen));
            assertEquals(3, j.changes().of(account).get(30, TimeUnit.SECONDS).size(), "durable: seen at once");
        }
        try (Journal j = open()) {
            recoverAll(j);
            assertEquals(List.of(
                    new AccountChange(account, JournalDriver.T0, null, 0L, Limits.NO_CEILING, AccountStatus.ACTIVE),
                    new AccountChange(account, JournalDriver.T0 + 60_000, "0123456789abcdef", -5_000L, null, null),
                    new AccountChange(account, JournalDriver.T0 + 3_600_000, "fedcba9876543210", null,
                            Limits.NO_CEILING, AccountStatus.FROZEN)),
                    j.changes().of(account).get(30, TimeUnit.SECONDS), "the opening first, then each change");
            assertEquals(1, j.changes().of(JournalDriver.ACCOUNTS[0]).get(30, TimeUnit.SECONDS).size());
            assertEquals(List.of(), j.changes().of("mlc:nobody").get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void historyAnswersABalanceAtAnyInstantAndAStatementBetweenTwo() throws Exception {
        try (Journal j = open()) {
            recoverAll(j);
            JournalDriver d = new JournalDriver(j);
            d.setUp();
            d.trade(12);
            History h = j.history();
            String claire = JournalDriver.ACCOUNTS[0];
            assertEquals(0L, h.balanceAsOf(claire, JournalDriver.T0 - 1).get(30, TimeUnit.SECONDS), "before anything");
            for (long t = JournalDriver.T0; t <= JournalDriver.T0 + 14 * JournalDriver.MINUTE_MS; t += 20_000) {
                for (String account : JournalDriver.ACCOUNTS) {
                    assertEquals(balanceAt(d, account, t), h.balanceAsOf(account, t).get(30, TimeUnit.SECONDS),
                            account + " as of " + t);
                }
            }
            assertEquals(d.ledger.account(claire).balance(), h.balanceAsOf(claire, NEVER_MS).get(30, TimeUnit.SECONDS));

            long from = JournalDriver.T0 + 3 * JournalDriver.MINUTE_MS;
            long to = JournalDriver.T0 + 7 * JournalDriver.MINUTE_MS;
            History.Statement st = h.statement(claire, from, to).get(30, TimeUnit.SECONDS);
            List<Entry> inside = d.entriesOf(claire).stream()
                    .filter(e -> e.timestampMs() >= from && e.timestampMs() < to).toList();
            assertFalse(inside.isEmpty());
            assertEquals(new History.Statement(claire, from, to, balanceAt(d, claire, from - 1), inside,
                    balanceAt(d, claire, to - 1)), st);
        }
    }

    private static long balanceAt(JournalDriver d, String account, long atMs) {
        long balance = 0;
        for (Entry e : d.entriesOf(account)) {
            if (e.timestampMs() <= atMs) balance = e.balanceAfter(account);
        }
        return balance;
    }

    @Test
    void forgottenIdsAreFoundInTheArchiveAfterAReopen() throws Exception {
        JournalDriver d;
        try (Journal j = open()) {
            recoverAll(j);
            d = new JournalDriver(j);
            d.setUp();
            d.trade(25);
        }
        assertTrue(d.forgotten.size() > 400, "the ledger forgot ids: " + d.forgotten.size());
        try (Journal j = open()) {
            recoverAll(j);
            for (TransferRecord r : d.forgotten) assertEquals(r, j.archived(r.idHi(), r.idLo()));
            assertNull(j.archived(0, 1L << 40), "an id never seen");
        }
    }

    @Test
    void recoveryStartsFromTheLatestSnapshotAndReplaysOnlyWhatCameAfter() throws Exception {
        JournalDriver d;
        byte[] state;
        try (Journal j = open()) {
            recoverAll(j);
            d = new JournalDriver(j);
            d.setUp();
            d.trade(9);
            j.snapshot(d.sequence, LedgerSnapshot.write(d.ledger)).get(60, TimeUnit.SECONDS);
            d.trade(5);
            state = LedgerSnapshot.write(d.ledger);
            j.snapshot(d.sequence, state).get(60, TimeUnit.SECONDS);
            d.trade(16);
        }
        try (Journal j = open()) {
            Recovered r = Recovered.from(j);
            assertEquals(15, r.snapshotSequence, "the newest snapshot");
            assertArrayEquals(state, r.snapshot);
            assertEquals(16, r.batches.size(), "only the batches after it");
            assertEquals(31, j.head().sequence());
            LedgerReplay replay = new LedgerReplay(JournalDriver.CONFIG, j::archived);
            replay.snapshot(r.snapshotSequence, r.snapshot);
            r.batches.forEach(replay::batch);
            assertArrayEquals(d.ledger.digest(), replay.ledger().digest(), "the same ledger as before the restart");
            assertTrue(j.verify().ok());
        }
    }
}
