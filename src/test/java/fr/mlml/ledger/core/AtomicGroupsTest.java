package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static fr.mlml.ledger.core.LedgerFixture.request;
import static fr.mlml.ledger.core.LedgerFixture.uuid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code atomic: true}: a batch applies whole or not at all; the others answer {@code linked_failed}. */
class AtomicGroupsTest {
    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
        f.business("payroll");
        f.account("mlc:payroll-2", "payroll", "MLC");
        f.citizen("anne");
        f.citizen("bob");
        f.citizen("carl");
        f.issue("mlc:payroll", 1_000);
    }

    @Test
    void aGroupThatPassesAppliesWhole() {
        TransferRequest toAnne = f.transfer("mlc:payroll", "mlc:anne", 300);
        TransferRequest toBob = f.transfer("mlc:payroll", "mlc:bob", 700);
        f.submitAtomic("payroll", toAnne, toBob);

        assertEquals(ResultCode.OK, toAnne.result());
        assertEquals(ResultCode.OK, toBob.result());
        assertEquals(toAnne.sequence() + 1, toBob.sequence());
        assertEquals(0, f.balance("mlc:payroll"));
        assertEquals(300, f.balance("mlc:anne"));
        assertEquals(700, f.balance("mlc:bob"));
    }

    @Test
    void aTransferOfTheGroupMaySpendWhatAnEarlierOneBroughtIn() {
        TransferRequest move = f.transfer("mlc:payroll", "mlc:payroll-2", 1_000);
        TransferRequest pay = f.transfer("mlc:payroll-2", "mlc:carl", 1_000);
        f.submitAtomic("payroll", move, pay);

        assertEquals(ResultCode.OK, move.result());
        assertEquals(ResultCode.OK, pay.result());
        assertEquals(0, f.balance("mlc:payroll"));
        assertEquals(0, f.balance("mlc:payroll-2"));
        assertEquals(1_000, f.balance("mlc:carl"));
    }

    @Test
    void oneFailureAppliesNothingAndTheOthersAnswerLinkedFailed() {
        byte[] before = f.ledger.moneyDigest();
        TransferRequest first = f.transfer("mlc:payroll", "mlc:anne", 500);
        TransferRequest tooMuch = f.transfer("mlc:payroll", "mlc:bob", 600);
        TransferRequest last = f.transfer("mlc:payroll", "mlc:carl", 1);
        f.submitAtomic("payroll", first, tooMuch, last);

        assertEquals(ResultCode.LINKED_FAILED, first.result());
        assertEquals(ResultCode.EXCEEDS_FLOOR, tooMuch.result());
        assertEquals(ResultCode.LINKED_FAILED, last.result());
        assertEquals(TransferStatus.REJECTED, first.status());
        assertEquals(1_000, f.balance("mlc:payroll"));
        assertEquals(0, f.balance("mlc:anne"));
        assertEquals(0, f.view("mlc:payroll").debitsPosted());
        assertArrayEquals(before, f.ledger.moneyDigest());
        assertEquals(ResultCode.LINKED_FAILED, f.record(first).code());
        assertEquals(ResultCode.LINKED_FAILED, f.record(last).code());
    }

    @Test
    void anyRuleBreakFailsTheGroup() {
        TransferRequest ok = f.transfer("mlc:payroll", "mlc:anne", 10);
        TransferRequest notMine = f.transfer("mlc:anne", "mlc:bob", 1);
        f.submitAtomic("payroll", ok, notMine);
        assertEquals(ResultCode.LINKED_FAILED, ok.result());
        assertEquals(ResultCode.NOT_PERMITTED, notMine.result());
        assertEquals(0, f.balance("mlc:anne"));
    }

    @Test
    void aRolledBackGroupLeavesNoNegativeSince() {
        f.business("baker");
        TransferRequest credit = f.transfer("mie:baker", "mie:payroll", 50_000);
        TransferRequest broken = f.transfer("mie:baker", "mie:payroll", 60_000);
        f.submitAtomic("baker", credit, broken);

        assertEquals(ResultCode.EXCEEDS_FLOOR, broken.result());
        assertEquals(0, f.balance("mie:baker"));
        assertNull(f.view("mie:baker").negativeSinceMs());
    }

    @Test
    void holdsOfAFailedGroupAreTakenBackToo() {
        TransferRequest hold = f.transfer("mlc:payroll", "mlc:anne", 400, 60);
        TransferRequest broken = f.transfer("mlc:payroll", "mlc:bob", 700);
        f.submitAtomic("payroll", hold, broken);

        assertEquals(ResultCode.LINKED_FAILED, hold.result());
        assertEquals(0, f.view("mlc:payroll").debitsPending());
        assertEquals(0, f.view("mlc:anne").creditsPending());
        assertEquals(0, f.ledger.pendingCount());
        assertEquals(ResultCode.PENDING_NOT_FOUND, f.post("anne", hold, 0).result());
    }

    @Test
    void aGroupOfHoldsThatPassesLeavesThemPending() {
        TransferRequest a = f.transfer("mlc:payroll", "mlc:anne", 400, 60);
        TransferRequest b = f.transfer("mlc:payroll", "mlc:bob", 600, 60);
        f.submitAtomic("payroll", a, b);
        assertEquals(TransferStatus.PENDING, a.status());
        assertEquals(TransferStatus.PENDING, b.status());
        assertEquals(1_000, f.view("mlc:payroll").debitsPending());
        assertEquals(2, f.ledger.pendingCount());
    }

    @Test
    void aGroupWithAKnownIdAppliesNothingAndRetriesGetTheSameAnswers() {
        TransferRequest earlier = f.send("payroll", "mlc:payroll", "mlc:anne", 100);
        TransferRequest again = request(uuid(earlier), "mlc:payroll", "mlc:anne", 100, "MLC");
        TransferRequest fresh = f.transfer("mlc:payroll", "mlc:bob", 100);
        f.submitAtomic("payroll", again, fresh);

        assertEquals(ResultCode.EXISTS, again.result());
        assertEquals(ResultCode.LINKED_FAILED, fresh.result());
        assertEquals(900, f.balance("mlc:payroll"));
        assertEquals(0, f.balance("mlc:bob"));

        TransferRequest again2 = request(uuid(earlier), "mlc:payroll", "mlc:anne", 100, "MLC");
        TransferRequest fresh2 = request(uuid(fresh), "mlc:payroll", "mlc:bob", 100, "MLC");
        f.submitAtomic("payroll", again2, fresh2);
        assertEquals(ResultCode.EXISTS, again2.result());
        assertEquals(ResultCode.LINKED_FAILED, fresh2.result());
        assertEquals(0, f.balance("mlc:bob"));
    }

    @Test
    void aFailedGroupRetriedGetsTheSameAnswers() {
        TransferRequest first = f.transfer("mlc:payroll", "mlc:anne", 500);
        TransferRequest tooMuch = f.transfer("mlc:payroll", "mlc:bob", 600);
        f.submitAtomic("payroll", first, tooMuch);
        f.issue("mlc:payroll", 1_000);

        TransferRequest first2 = request(uuid(first), "mlc:payroll", "mlc:anne", 500, "MLC");
        TransferRequest tooMuch2 = request(uuid(tooMuch), "mlc:payroll", "mlc:bob", 600, "MLC");
        f.submitAtomic("payroll", first2, tooMuch2);

        assertEquals(ResultCode.LINKED_FAILED, first2.result());
        assertEquals(ResultCode.EXCEEDS_FLOOR, tooMuch2.result(), "a rejected id stays rejected");
        assertEquals(2_000, f.balance("mlc:payroll"));
    }

    @Test
    void aGroupThatRepeatsAnIdAppliesNothing() {
        TransferRequest t = f.transfer("mlc:payroll", "mlc:anne", 100);
        TransferRequest same = request(uuid(t), "mlc:payroll", "mlc:anne", 100, "MLC");
        TransferRequest other = f.transfer("mlc:payroll", "mlc:bob", 100);
        f.submitAtomic("payroll", t, same, other);

        assertEquals(ResultCode.LINKED_FAILED, t.result());
        assertEquals(ResultCode.LINKED_FAILED, same.result());
        assertEquals(ResultCode.LINKED_FAILED, other.result());
        assertEquals(1_000, f.balance("mlc:payroll"));
    }

    @Test
    void aFailedGroupGivesBackThePaymentRequestItPaid() {
        assertEquals(ResultCode.OK, f.apply(new CreatePaymentRequest("pr-1", "anne", "mlc:anne", 200, null, 300)));
        TransferRequest pay = f.payment("mlc:payroll", "mlc:anne", 200, "pr-1");
        TransferRequest broken = f.transfer("mlc:payroll", "mlc:bob", 900);
        f.submitAtomic("payroll", pay, broken);

        assertEquals(ResultCode.LINKED_FAILED, pay.result());
        assertEquals("open", f.ledger.paymentRequest("anne", "pr-1", f.now).status());
        TransferRequest payAgain = f.payment("mlc:payroll", "mlc:anne", 200, "pr-1");
        f.submit("payroll", payAgain);
        assertEquals(ResultCode.OK, payAgain.result());
        assertEquals("paid", f.ledger.paymentRequest("anne", "pr-1", f.now).status());
    }
}
