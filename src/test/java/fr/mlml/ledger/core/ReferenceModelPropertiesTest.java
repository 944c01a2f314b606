package fr.mlml.ledger.core;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;

/**
 * The model-based property: the core and {@link ReferenceLedger}, a slow and obvious implementation of the same
 * rules, fed the same random command sequences ({@link LedgerOps}), agree on everything they report.
 */
class ReferenceModelPropertiesTest {
    static final int EXAMPLES = Integer.getInteger("ledger.properties.examples", 1000);
    static final int SHRINKS = Integer.getInteger("ledger.properties.shrinks", 200);
    static final long SEED = Long.getLong("QT_SEED", 0x5EED_0001L);

    /*
     * Guards every rule at once: after every command the core and the reference agree on the command's result
     * code; for a batch, on every transfer's code, status, timestamp and sequence; for a conversion or issuance, on
     * its status, fee, timestamp and legs; for a post or void, on the status and amount posted; on every account
     * (id, owner, currency, status, floor, ceiling, debits and credits posted and pending, negative_since, in creation
     * order), the last sequence, the number of pending transfers and of members. At the end of the sequence they
     * agree on the record of every id named (kind, status, code, accounts, amounts, fee, timestamp, sequence; ids
     * never seen are unknown to both, also once forgotten to the archive), on every payment request and member.
     */
    @Test
    void theCoreAgreesWithTheReferenceOnEveryResultAndEveryBalance() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).withFixedSeed(SEED)
                .forAll(LedgerOps.sequences())
                .checkAssert(ReferenceModelPropertiesTest::agree);
    }

    static void agree(LedgerOps.Sequence sequence) {
        List<Command> commands = LedgerOps.materialize(sequence);
        Ledger core = LedgerOps.newLedger();
        ReferenceLedger ref = new ReferenceLedger(LedgerOps.CONFIG);
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            core.apply(c);
            ReferenceLedger.Outcome o = ref.apply(c);
            final int step = i;
            Supplier<String> where = () -> "command " + step + " " + LedgerOps.describe(c);
            compareOutcome(c, o, where);
            compareState(core, ref, where);
        }
        compareRecords(core, ref, commands);
    }

    static void compareOutcome(Command c, ReferenceLedger.Outcome o, Supplier<String> where) {
        assertEquals(o.code, c.result(), () -> where.get() + ": result");
        if (c instanceof SubmitTransfers s) {
            for (int j = 0; j < s.transfers.length; j++) {
                TransferRequest t = s.transfers[j];
                if (o.codes[j] == t.result() && o.statuses[j] == t.status() && o.timesMs[j] == t.timestampMs()
                        && o.sequences[j] == t.sequence()) {
                    continue;
                }
                String w = where.get() + " transfer " + j + " " + LedgerOps.describe(t);
                assertEquals(o.codes[j], t.result(), w + ": result");
                assertEquals(o.statuses[j], t.status(), w + ": status");
                assertEquals(o.timesMs[j], t.timestampMs(), w + ": timestamp");
                assertEquals(o.sequences[j], t.sequence(), w + ": sequence");
            }
        } else if (c instanceof Convert v) {
            compareGroup(v.outcome(), o, where);
        } else if (c instanceof Issue i) {
            compareGroup(i.outcome(), o, where);
        } else if (c instanceof ResolvePending p) {
            assertEquals(o.resolvedStatus, p.status(), () -> where.get() + ": status");
            assertEquals(o.postedAmount, p.postedAmount(), () -> where.get() + ": posted amount");
        }
    }

    static void compareGroup(GroupOutcome g, ReferenceLedger.Outcome o, Supplier<String> where) {
        assertNotNull(g, () -> where.get() + ": outcome");
        assertEquals(o.groupStatus, g.status(), () -> where.get() + ": group status");
        assertEquals(o.fee, g.fee(), () -> where.get() + ": fee");
        assertEquals(o.groupTimeMs, g.timestampMs(), () -> where.get() + ": group timestamp");
        if (o.code != ResultCode.EXISTS_WITH_DIFFERENT_FIELDS) {
            assertEquals(o.legs, g.legCount(), () -> where.get() + ": legs");
        }
    }

    static void compareState(Ledger core, ReferenceLedger ref, Supplier<String> where) {
        assertEquals(ref.accounts.size(), core.accountCount(), () -> where.get() + ": number of accounts");
        int a = 0;
        for (ReferenceLedger.Account x : ref.accounts.values()) {
            AccountView v = core.accountAt(a++);
            if (same(x, v)) continue;
            String w = where.get() + ": account " + x.id;
            assertEquals(x.id, v.id(), w + " (creation order)");
            assertEquals(x.owner, v.memberId(), w + " owner");
            assertEquals(x.currency, v.currency(), w + " currency");
            assertEquals(x.status, v.status(), w + " status");
            assertEquals(x.floor, v.floor(), w + " floor");
            assertEquals(x.ceiling, v.ceiling(), w + " ceiling");
            assertEquals(x.debitsPosted, BigInteger.valueOf(v.debitsPosted()), w + " debits posted");
            assertEquals(x.creditsPosted, BigInteger.valueOf(v.creditsPosted()), w + " credits posted");
            assertEquals(x.debitsPending, BigInteger.valueOf(v.debitsPending()), w + " debits pending");
            assertEquals(x.creditsPending, BigInteger.valueOf(v.creditsPending()), w + " credits pending");
            assertEquals(x.balance(), BigInteger.valueOf(v.balance()), w + " balance");
            assertEquals(x.negativeSince, v.negativeSinceMs(), w + " negative since");
        }
        assertEquals(ref.lastSequence, core.lastSequence(), () -> where.get() + ": last sequence");
        assertEquals(ref.pendingCount(), core.pendingCount(), () -> where.get() + ": pending transfers");
        assertEquals(ref.members.size(), core.memberCount(), () -> where.get() + ": members");
    }

    private static boolean same(ReferenceLedger.Account x, AccountView v) {
        return x.id.equals(v.id()) && Objects.equals(x.owner, v.memberId()) && x.currency.equals(v.currency())
                && x.status == v.status() && x.floor == v.floor() && x.ceiling == v.ceiling()
                && x.debitsPosted.equals(BigInteger.valueOf(v.debitsPosted()))
                && x.creditsPosted.equals(BigInteger.valueOf(v.creditsPosted()))
                && x.debitsPending.equals(BigInteger.valueOf(v.debitsPending()))
                && x.creditsPending.equals(BigInteger.valueOf(v.creditsPending()))
                && x.balance().equals(BigInteger.valueOf(v.balance()))
                && Objects.equals(x.negativeSince, v.negativeSinceMs());
    }

    static void compareRecords(Ledger core, ReferenceLedger ref, List<Command> commands) {
        for (UUID id : LedgerOps.namedIds(commands)) {
            TransferRecord r = core.transfer(id.getMostSignificantBits(), id.getLeastSignificantBits());
            ReferenceLedger.Record x = ref.records.get(id);
            String w = "at the end, id " + LedgerOps.shortId(id.getMostSignificantBits(), id.getLeastSignificantBits())
                    + " " + id;
            if (x == null) {
                assertNull(r, w + " was never applied nor rejected");
                continue;
            }
            assertNotNull(r, w + " must be known");
            assertEquals(x.kind, r.kind(), w + " kind");
            assertEquals(x.status, r.status(), w + " status");
            assertEquals(x.status == TransferStatus.REJECTED ? x.code : ResultCode.OK, r.code(), w + " code");
            assertEquals(x.debit, r.debitAccount(), w + " debit account");
            assertEquals(x.credit, r.creditAccount(), w + " credit account");
            assertEquals(x.currency, r.currency(), w + " currency");
            assertEquals(x.amount, r.amount(), w + " amount");
            assertEquals(x.posted, r.postedAmount(), w + " posted amount");
            assertEquals(x.fee, r.fee(), w + " fee");
            assertEquals(x.timeoutS, r.pendingTimeoutS(), w + " timeout");
            assertEquals(x.memo, r.memo(), w + " memo");
            assertEquals(x.paymentRequest, r.paymentRequest(), w + " payment request");
            assertEquals(x.timeMs, r.timestampMs(), w + " timestamp");
            assertEquals(x.sequence, r.sequence(), w + " sequence");
        }
        for (String member : ref.members.keySet()) {
            for (String id : LedgerOps.REQUEST_IDS) checkRequest(core, ref, member, id);
        }
        assertEquals(ref.probesRefused, core.reconciliation(ref.timeMs).ceilingProbesRefused(), "probes refused");
        for (Map.Entry<String, ReferenceLedger.Member> e : ref.members.entrySet()) {
            MemberView v = core.member(e.getKey());
            String w = "at the end, member " + e.getKey();
            assertNotNull(v, w);
            assertEquals(e.getValue().name, v.name(), w + " name");
            assertEquals(e.getValue().kind, v.kind(), w + " kind");
            assertEquals(e.getValue().caps == null ? List.of() : e.getValue().caps, v.caps(), w + " caps");
        }
    }

    private static void checkRequest(Ledger core, ReferenceLedger ref, String member, String id) {
        PaymentRequestView v = core.paymentRequest(member, id, ref.timeMs);
        ReferenceLedger.Request x = ref.requests.get(member + "/" + id);
        String w = "at the end, payment request " + member + "~" + id;
        if (x == null) {
            assertNull(v, w);
            return;
        }
        assertNotNull(v, w);
        assertEquals(x.account, v.creditAccount(), w + " account");
        assertEquals(x.amount, v.amount(), w + " amount");
        assertEquals(x.memo, v.memo(), w + " memo");
        assertEquals(x.createdMs, v.createdMs(), w + " created");
        assertEquals(x.expiresAtMs, v.expiresAtMs(), w + " expires");
        assertEquals(x.paid ? "paid" : ref.timeMs >= x.expiresAtMs ? "expired" : "open", v.status(), w + " status");
        assertEquals(x.paid ? x.paidBy.getMostSignificantBits() : null, v.paidByHi(), w + " paid by");
        assertEquals(x.paid ? x.paidBy.getLeastSignificantBits() : null, v.paidByLo(), w + " paid by");
    }
}
