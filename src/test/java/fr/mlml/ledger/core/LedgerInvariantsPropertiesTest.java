package fr.mlml.ledger.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

/**
 * The invariants of DESIGN.md §2 (and the atomicity and no-op rules of §3 and §6), each checked after every command
 * of random command sequences ({@link LedgerOps}): a thousand sequences of a few hundred commands per property, with
 * a fixed QuickTheories seed (override with {@code -DQT_SEED=...}) so that a failure reproduces.
 */
@Execution(ExecutionMode.CONCURRENT)
class LedgerInvariantsPropertiesTest {
    static final int EXAMPLES = ReferenceModelPropertiesTest.EXAMPLES;
    static final int SHRINKS = ReferenceModelPropertiesTest.SHRINKS;
    static final long SEED = Long.getLong("QT_SEED", 0x5EED_0002L);

    private static void forAllSequences(Consumer<List<Command>> property) {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).withFixedSeed(SEED)
                .forAll(LedgerOps.sequences())
                .checkAssert(s -> property.accept(LedgerOps.materialize(s)));
    }

    /** Where a check failed, built only when it fails. */
    private static Supplier<String> at(int i, Command c, String what) {
        return () -> "command " + i + " " + LedgerOps.describe(c) + what;
    }

    // ---- 1 ----

    /*
     * Invariant 1: for every currency, the sum of all balances (credits posted − debits posted, system accounts
     * included) is exactly 0 after every command; and pending amounts are balanced too (the pending debits of a
     * currency equal its pending credits), so that settling them keeps the sum at 0.
     */
    @Test
    void everyCurrencySumsToZeroAfterEveryCommand() {
        forAllSequences(commands -> {
            Ledger ledger = LedgerOps.newLedger();
            for (int i = 0; i < commands.size(); i++) {
                final int step = i;
                ledger.apply(commands.get(i));
                Map<String, BigInteger> sums = new HashMap<>();
                Map<String, BigInteger> pending = new HashMap<>();
                for (int a = 0; a < ledger.accountCount(); a++) {
                    AccountView v = ledger.accountAt(a);
                    BigInteger balance = BigInteger.valueOf(v.creditsPosted()).subtract(BigInteger.valueOf(v.debitsPosted()));
                    if (!balance.equals(BigInteger.valueOf(v.balance()))) {
                        fail(at(step, commands.get(step), ": balance of " + v).get());
                    }
                    sums.merge(v.currency(), balance, BigInteger::add);
                    pending.merge(v.currency(), BigInteger.valueOf(v.creditsPending())
                            .subtract(BigInteger.valueOf(v.debitsPending())), BigInteger::add);
                }
                for (CurrencyPolicy c : LedgerOps.CONFIG.currencies()) {
                    assertEquals(BigInteger.ZERO, sums.getOrDefault(c.code(), BigInteger.ZERO),
                            at(step, commands.get(step), ": sum of " + c.code() + " balances"));
                    assertEquals(BigInteger.ZERO, pending.getOrDefault(c.code(), BigInteger.ZERO),
                            at(step, commands.get(step), ": pending " + c.code() + " credits − debits"));
                }
            }
        });
    }

    // ---- 2 ----

    /*
     * Invariant 2: after every command no account is below its floor or above its ceiling, the floor counting
     * pending debits (balance − debits pending ≥ floor) and the ceiling pending credits (balance + credits pending ≤
     * ceiling), computed exactly (BigInteger), for member and system accounts alike.
     */
    @Test
    void noAccountIsEverBeyondItsLimits() {
        forAllSequences(commands -> {
            Ledger ledger = LedgerOps.newLedger();
            for (int i = 0; i < commands.size(); i++) {
                final int step = i;
                ledger.apply(commands.get(i));
                for (int a = 0; a < ledger.accountCount(); a++) {
                    AccountView v = ledger.accountAt(a);
                    BigInteger balance = BigInteger.valueOf(v.creditsPosted()).subtract(BigInteger.valueOf(v.debitsPosted()));
                    BigInteger lowest = balance.subtract(BigInteger.valueOf(v.debitsPending()));
                    BigInteger highest = balance.add(BigInteger.valueOf(v.creditsPending()));
                    if (lowest.compareTo(BigInteger.valueOf(v.floor())) < 0) {
                        fail(at(step, commands.get(step), ": " + v.id() + " below its floor: " + v).get());
                    }
                    if (highest.compareTo(BigInteger.valueOf(v.ceiling())) > 0) {
                        fail(at(step, commands.get(step), ": " + v.id() + " above its ceiling: " + v).get());
                    }
                    if (v.debitsPending() < 0 || v.creditsPending() < 0 || v.debitsPosted() < 0 || v.creditsPosted() < 0) {
                        fail(at(step, commands.get(step), ": negative total " + v).get());
                    }
                }
            }
        });
    }

    // ---- 3 ----

    /*
     * Invariant 3: MLC is fully backed after every command: −balance(mlc:issuance) = balance(eur:reserve). Members
     * may never move money into or out of a system account (mlc:issuance included), so only issuance and
     * reconversion change either side, and always both.
     */
    @Test
    void mlcIsAlwaysFullyBacked() {
        forAllSequences(commands -> {
            Ledger ledger = LedgerOps.newLedger();
            for (int i = 0; i < commands.size(); i++) {
                final int step = i;
                ledger.apply(commands.get(i));
                AccountView issuance = ledger.account("mlc:issuance");
                AccountView reserve = ledger.account("eur:reserve");
                assertEquals(-issuance.balance(), reserve.balance(), at(step, commands.get(step),
                        ": MLC in circulation against the euro reserve"));
                assertEquals(0, issuance.debitsPending() + issuance.creditsPending() + reserve.debitsPending()
                        + reserve.creditsPending(), at(step, commands.get(step), ": no hold on the backing accounts"));
            }
        });
    }

    // ---- 4 ----

    /*
     * Invariant 4: no member's conversions on a pair exceed the cap in force when it converts, in any window: at each
     * conversion that applies, the member's conversions on that pair in (now − window, now], this one included, sum
     * to at most the cap amount, where the cap is the member's own override for the pair (in its last accepted
     * SetConversionCaps, which replaces the earlier ones) or else the pair's default from config. The test keeps its
     * own log of conversions and caps.
     */
    @Test
    void noConversionCapIsEverExceeded() {
        forAllSequences(commands -> {
            Ledger ledger = LedgerOps.newLedger();
            Map<String, List<CapOverride>> overrides = new HashMap<>();
            List<long[]> done = new ArrayList<>(); // {time, amount} of each conversion applied
            List<String> doneKeys = new ArrayList<>(); // and its member/from/to
            long now = Long.MIN_VALUE;
            for (int i = 0; i < commands.size(); i++) {
                Command c = commands.get(i);
                now = Math.max(now, c.timestampMs());
                ledger.apply(c);
                if (c instanceof SetConversionCaps s && c.result() == ResultCode.OK) overrides.put(s.memberId, s.caps);
                if (!(c instanceof Convert v) || c.result() != ResultCode.OK) continue;
                String from = ledger.account(v.fromAccount).currency();
                String to = v.toAccount != null ? ledger.account(v.toAccount).currency() : v.toCurrency;
                ConversionPolicy policy = LedgerOps.CONFIG.conversion(from, to);
                assertNotNull(policy, at(i, c, ": a conversion applied on a pair that is not configured"));
                ConversionPolicy.Cap cap = policy.cap();
                for (CapOverride o : overrides.getOrDefault(v.actorMemberId, List.of())) {
                    if (o.from().equals(from) && o.to().equals(to)) {
                        cap = o.cap();
                        break;
                    }
                }
                String key = v.actorMemberId + "/" + from + "/" + to;
                doneKeys.add(key);
                done.add(new long[] {now, v.amount});
                BigInteger used = BigInteger.ZERO;
                for (int k = 0; k < done.size(); k++) {
                    if (doneKeys.get(k).equals(key) && done.get(k)[0] > now - cap.windowMs()) {
                        used = used.add(BigInteger.valueOf(done.get(k)[1]));
                    }
                }
                assertTrue(used.compareTo(BigInteger.valueOf(cap.amount())) <= 0, at(i, c, ": " + key
                        + " converted " + used + " within " + cap.windowDays() + " days, cap " + cap.amount()));
            }
        });
    }

    // ---- 5 ----

    /*
     * Invariant 5: an id is applied at most once, forever, and a rejected id stays rejected. (a) Every command
     * applied a second time right away (a fresh copy, same timestamp) changes no money (moneyDigest) and answers as
     * a replay: exists for what was created, the original code for what was rejected. (b) At checkpoints (and at the
     * end), every earlier command whose outcome is settled for good is sent again at the latest time (so nothing
     * expires): every batch of transfers, conversion and issuance (applied or rejected, also once their ids left
     * memory for the archive), every member, account and payment request created or in conflict, every post or void
     * that resolved a hold. None changes the money state, and each answers exists or its original code.
     */
    @Test
    void resubmittingAnyCommandNeverAppliesTwice() {
        forAllSequences(commands -> {
            Ledger ledger = LedgerOps.newLedger();
            List<Command> applied = new ArrayList<>();
            int checkpoint = commands.size() / 3;
            for (int i = 0; i < commands.size(); i++) {
                Command c = commands.get(i);
                ledger.apply(c);
                applied.add(c);
                byte[] money = ledger.moneyDigest();
                Command again = LedgerOps.copy(c);
                ledger.apply(again);
                assertArrayEquals(money, ledger.moneyDigest(), at(i, c, ": applied twice in a row"));
                assertReplayAnswers(c, again, at(i, c, " applied twice in a row"), true);
                if (i == checkpoint || i == 2 * checkpoint || i == commands.size() - 1) {
                    resubmitSettled(ledger, applied, i, i == commands.size() - 1);
                }
            }
        });
    }

    private static void resubmitSettled(Ledger ledger, List<Command> applied, int step, boolean whole) {
        long now = Long.MIN_VALUE;
        for (Command c : applied) now = Math.max(now, c.timestampMs());
        byte[] digest = whole ? ledger.digest() : null;
        long head = ledger.log.head();
        for (int k = 0; k < applied.size(); k++) {
            Command c = applied.get(k);
            if (!settledForGood(c)) continue;
            byte[] money = ledger.moneyDigest();
            Command again = LedgerOps.copy(c);
            again.setTimestampMs(now);
            ledger.apply(again);
            final int index = k;
            Supplier<String> where = () -> "after command " + step + ", resubmitting command " + index + " "
                    + LedgerOps.describe(c);
            assertArrayEquals(money, ledger.moneyDigest(), () -> where.get() + ": the money state changed");
            assertReplayAnswers(c, again, where, false);
        }
        assertEquals(head, ledger.log.head(), "after command " + step + ": resubmissions wrote to the log");
        if (whole) assertArrayEquals(digest, ledger.digest(), "after command " + step + ": resubmissions changed the state");
    }

    /** Commands whose answer cannot change any more, whatever happened since. */
    private static boolean settledForGood(Command c) {
        ResultCode rc = c.result();
        if (c instanceof SubmitTransfers || c instanceof Convert || c instanceof Issue) return true;
        if (c instanceof CreateMember || c instanceof CreateAccount || c instanceof CreatePaymentRequest) {
            return rc == ResultCode.OK || rc == ResultCode.EXISTS || rc == ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (c instanceof ResolvePending) {
            return rc == ResultCode.OK || rc == ResultCode.PENDING_ALREADY_RESOLVED || rc == ResultCode.PENDING_EXPIRED;
        }
        return false;
    }

    private static ResultCode asReplay(ResultCode original) {
        return original == ResultCode.OK ? ResultCode.EXISTS : original;
    }

    private static void assertReplayAnswers(Command original, Command again, Supplier<String> where,
                                            boolean rightAway) {
        if (original instanceof SubmitTransfers s) {
            TransferRequest[] replayed = ((SubmitTransfers) again).transfers;
            for (int j = 0; j < s.transfers.length; j++) {
                final int t = j;
                assertEquals(asReplay(s.transfers[j].result()), replayed[j].result(), () -> where.get() + ", transfer " + t);
                if (s.transfers[j].result() == ResultCode.OK) {
                    assertEquals(s.transfers[j].sequence(), replayed[j].sequence(), () -> where.get() + ", transfer "
                            + t + ": the original's sequence");
                }
            }
        } else if (original instanceof Convert || original instanceof Issue || original instanceof CreateMember
                || original instanceof CreateAccount || original instanceof CreatePaymentRequest) {
            assertEquals(asReplay(original.result()), again.result(), where);
        } else if (original instanceof ResolvePending) {
            ResultCode expected = original.result() == ResultCode.OK ? ResultCode.PENDING_ALREADY_RESOLVED
                    : original.result();
            assertEquals(expected, again.result(), where);
        } else if (rightAway && original instanceof Tick) {
            assertEquals(ResultCode.OK, again.result(), where);
        }
    }

    // ---- 6 ----

    /** The same command applied twice gave the same result, and each of its transfers the same outcome. */
    private static void assertSameAnswers(Command original, Command again, Supplier<String> where) {
        assertEquals(original.result(), again.result(), where);
        if (original instanceof SubmitTransfers s) {
            TransferRequest[] ts = ((SubmitTransfers) again).transfers;
            for (int j = 0; j < ts.length; j++) {
                assertEquals(s.transfers[j].result(), ts[j].result(), where);
                assertEquals(s.transfers[j].sequence(), ts[j].sequence(), where);
            }
        }
    }


    /*
     * Invariant 6: the core is deterministic (no clock, no randomness, no hidden state): applying the same command
     * log (fresh command objects, same timestamps) to a fresh ledger gives the same result codes, the same money
     * state after every command and an identical digest() (the whole state with the ids in memory) at the middle and
     * at the end.
     */
    @Test
    void replayingTheLogRebuildsTheSameState() {
        forAllSequences(commands -> {
            int middle = commands.size() / 2;
            Ledger first = LedgerOps.newLedger();
            List<byte[]> money = new ArrayList<>();
            byte[] middleDigest = null;
            for (int i = 0; i < commands.size(); i++) {
                first.apply(commands.get(i));
                money.add(first.moneyDigest());
                if (i == middle) middleDigest = first.digest();
            }
            byte[] endDigest = first.digest();
            Ledger second = LedgerOps.newLedger();
            for (int i = 0; i < commands.size(); i++) {
                Command original = commands.get(i);
                Command again = LedgerOps.copy(original);
                second.apply(again);
                Supplier<String> where = at(i, original, " replayed");
                assertSameAnswers(original, again, where);
                assertArrayEquals(money.get(i), second.moneyDigest(), () -> where.get() + ": money state");
                if (i == middle) assertArrayEquals(middleDigest, second.digest(), () -> where.get() + ": digest");
            }
            assertArrayEquals(endDigest, second.digest(), "digest at the end of the replay");
        });
    }

    /*
     * Invariant 6 after a snapshot, the way a journal restarts: the ledger is restored from a snapshot taken in the
     * middle, with the archive of old ids as it stands at the END (it holds ids forgotten after the snapshot was
     * taken, some of them first seen after it), and the second half is replayed: the same result codes, transfer
     * sequences and entries, and the same digest at the end.
     */
    @Test
    void replayingFromASnapshotWithALaterArchiveRebuildsTheSameState() {
        forAllSequences(commands -> {
            int middle = commands.size() / 2;
            LedgerOps.MapArchive archive = new LedgerOps.MapArchive();
            Ledger first = new Ledger(LedgerOps.CONFIG, archive);
            List<Entry> entries = new ArrayList<>();
            byte[] snapshot = null;
            for (int i = 0; i < commands.size(); i++) {
                if (i == middle) {
                    snapshot = LedgerSnapshot.write(first);
                    first.onEntries(entries::add);
                }
                first.apply(commands.get(i));
            }
            Ledger second = LedgerSnapshot.read(LedgerOps.CONFIG, archive, snapshot);
            List<Entry> replayed = new ArrayList<>();
            second.onEntries(replayed::add);
            for (int i = middle; i < commands.size(); i++) {
                Command original = commands.get(i);
                Command again = LedgerOps.copy(original);
                second.apply(again);
                assertSameAnswers(original, again, at(i, original, " replayed from the snapshot"));
            }
            for (int k = 0; k < Math.min(entries.size(), replayed.size()); k++) {
                assertEquals(entries.get(k), replayed.get(k), "entry " + k + " of the second half");
            }
            assertEquals(entries.size(), replayed.size(), "entries of the second half");
            assertArrayEquals(first.digest(), second.digest(), "digest at the end of the replay");
        });
    }

    // ---- 7 ----

    /*
     * Atomic groups (DESIGN.md §6, `atomic: true`): an atomic batch applies every transfer or none. Either every
     * transfer answers ok, each is recorded (posted or pending, consecutive sequences) and every account moved by
     * exactly the sum of the group's transfers (posted and pending sides apart); or none answers ok and the money
     * state is unchanged (expiries due at the command's time are applied first, by a Tick at the same time).
     */
    @Test
    void anAtomicGroupAppliesEveryTransferOrNone() {
        forAllSequences(commands -> {
            Ledger ledger = LedgerOps.newLedger();
            int groups = 0;
            for (int i = 0; i < commands.size(); i++) {
                Command c = commands.get(i);
                if (!(c instanceof SubmitTransfers s) || !s.atomic) {
                    ledger.apply(c);
                    continue;
                }
                groups++;
                tickAt(ledger, c.timestampMs());
                Map<String, long[]> before = totals(ledger);
                byte[] money = ledger.moneyDigest();
                long sequence = ledger.lastSequence();
                ledger.apply(c);
                int ok = 0;
                for (TransferRequest t : s.transfers) if (t.result() == ResultCode.OK) ok++;
                if (ok == 0) {
                    assertArrayEquals(money, ledger.moneyDigest(), at(i, c, ": a rejected group moved money"));
                    assertEquals(sequence, ledger.lastSequence(), at(i, c, ": sequence"));
                    continue;
                }
                assertEquals(s.transfers.length, ok, at(i, c, ": only part of an atomic group applied: "
                        + Arrays.toString(Arrays.stream(s.transfers).map(TransferRequest::result).toArray())));
                assertEquals(sequence + s.transfers.length, ledger.lastSequence(), at(i, c, ": sequences"));
                Map<String, BigInteger[]> expected = new HashMap<>();
                for (TransferRequest t : s.transfers) {
                    int side = t.pendingTimeoutS > 0 ? 2 : 0; // {debits, credits} posted, then pending
                    add(expected, t.debitAccount, side, t.amount);
                    add(expected, t.creditAccount, side + 1, t.amount);
                    TransferRecord r = ledger.transfer(t.idHi, t.idLo);
                    assertEquals(t.pendingTimeoutS > 0 ? TransferStatus.PENDING : TransferStatus.POSTED, r.status(),
                            at(i, c, ": record of " + LedgerOps.describe(t)));
                }
                Map<String, long[]> after = totals(ledger);
                for (Map.Entry<String, long[]> e : after.entrySet()) {
                    long[] was = before.get(e.getKey());
                    BigInteger[] moved = expected.getOrDefault(e.getKey(), zeros());
                    for (int k = 0; k < 4; k++) {
                        assertEquals(moved[k], BigInteger.valueOf(e.getValue()[k]).subtract(BigInteger.valueOf(was[k])),
                                at(i, c, ": " + e.getKey() + " total " + k));
                    }
                }
            }
            assertTrue(groups > 0 || commands.size() < 50, "no atomic group in the sequence");
        });
    }

    private static BigInteger[] zeros() {
        return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
    }

    private static void add(Map<String, BigInteger[]> m, String account, int k, long amount) {
        m.computeIfAbsent(account, x -> zeros())[k] = m.get(account)[k].add(BigInteger.valueOf(amount));
    }

    /** Each account's {debits posted, credits posted, debits pending, credits pending}. */
    private static Map<String, long[]> totals(Ledger ledger) {
        Map<String, long[]> m = new HashMap<>();
        for (int a = 0; a < ledger.accountCount(); a++) {
            AccountView v = ledger.accountAt(a);
            m.put(v.id(), new long[] {v.debitsPosted(), v.creditsPosted(), v.debitsPending(), v.creditsPending()});
        }
        return m;
    }

    private static void tickAt(Ledger ledger, long timestampMs) {
        Tick t = new Tick();
        t.setTimestampMs(timestampMs);
        ledger.apply(t);
    }

    // ---- 8 ----

    /*
     * A rejected command changes nothing (DESIGN.md §2, §6): after any command that applied nothing (every
     * transfer of a batch rejected or answered from an earlier id, a conversion or issuance rejected or answered,
     * any other command whose code is not ok), the money state (moneyDigest: members, caps, accounts, holds, payment
     * requests, sequence) is unchanged, and the only trace is the outcome of its new ids: exactly one log entry per
     * new id, recorded rejected with the code it answered, and no leg of a rejected conversion or issuance.
     * Expiries due at the command's time are applied first, by a Tick at the same time.
     */
    @Test
    void aRejectedCommandChangesNothing() {
        forAllSequences(commands -> {
            Ledger ledger = LedgerOps.newLedger();
            for (int i = 0; i < commands.size(); i++) {
                Command c = commands.get(i);
                tickAt(ledger, c.timestampMs());
                byte[] money = ledger.moneyDigest();
                long head = ledger.log.head();
                Set<UUID> newIds = new HashSet<>();
                List<UUID> newLegs = new ArrayList<>();
                for (UUID id : idsOf(c)) {
                    if (ledger.transfer(id.getMostSignificantBits(), id.getLeastSignificantBits()) == null) newIds.add(id);
                    if (c instanceof Convert || c instanceof Issue) {
                        for (int k = 0; k < 3; k++) {
                            UUID leg = LedgerOps.leg(id, k);
                            if (ledger.transfer(leg.getMostSignificantBits(), leg.getLeastSignificantBits()) == null) {
                                newLegs.add(leg);
                            }
                        }
                    }
                }
                ledger.apply(c);
                if (applied(c)) continue;
                Supplier<String> where = at(i, c, "");
                assertArrayEquals(money, ledger.moneyDigest(),
                        () -> where.get() + ": a command that applied nothing changed the state");
                assertEquals(head + newIds.size(), ledger.log.head(), () -> where.get() + ": entries written to the log");
                if (c instanceof SubmitTransfers s) {
                    for (TransferRequest t : s.transfers) {
                        TransferRecord r = ledger.transfer(t.idHi, t.idLo);
                        assertNotNull(r, () -> where.get() + ": " + LedgerOps.describe(t) + " not recorded");
                        if (newIds.remove(new UUID(t.idHi, t.idLo))) {
                            assertEquals(TransferStatus.REJECTED, r.status(), () -> where.get() + ": " + LedgerOps.describe(t));
                            assertEquals(t.result(), r.code(), () -> where.get() + ": " + LedgerOps.describe(t));
                        }
                    }
                } else if (c instanceof Convert || c instanceof Issue) {
                    long hi = c instanceof Convert v ? v.idHi : ((Issue) c).idHi;
                    long lo = c instanceof Convert v ? v.idLo : ((Issue) c).idLo;
                    TransferRecord r = ledger.transfer(hi, lo);
                    UUID id = new UUID(hi, lo);
                    if (newIds.contains(id)) {
                        assertEquals(TransferStatus.REJECTED, r.status(), where);
                        assertEquals(c.result(), r.code(), where);
                        for (UUID leg : newLegs) {
                            assertNull(ledger.transfer(leg.getMostSignificantBits(), leg.getLeastSignificantBits()),
                                    () -> where.get() + ": a leg of a rejected group recorded");
                        }
                    }
                }
            }
        });
    }

    /** Whether a command applied something (a transfer created, a group posted, anything else ok). */
    private static boolean applied(Command c) {
        if (c instanceof SubmitTransfers s) {
            for (TransferRequest t : s.transfers) if (t.result() == ResultCode.OK) return true;
            return false;
        }
        if (c instanceof Tick) return true;
        if (c.result() == null) fail("no result for " + LedgerOps.describe(c));
        return c.result() == ResultCode.OK;
    }

    private static List<UUID> idsOf(Command c) {
        List<UUID> ids = new ArrayList<>();
        if (c instanceof SubmitTransfers s) for (TransferRequest t : s.transfers) ids.add(new UUID(t.idHi, t.idLo));
        if (c instanceof Convert v) ids.add(new UUID(v.idHi, v.idLo));
        if (c instanceof Issue v) ids.add(new UUID(v.idHi, v.idLo));
        return ids;
    }
}
