package fr.mlml.ledger.core;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The core's side of refunds and of ceiling probes: what an atomic group takes back, what a terminal may do with a
 * hold, and the day that rations another's ceiling.
 */
class RefundsAndProbesTest {
    private final LedgerFixture f = new LedgerFixture();

    RefundsAndProbesTest() {
        f.citizen("claire");
        f.business("shop");
        f.issue("mlc:claire", 10_000);
    }

    private TransferRequest refund(TransferRequest payment, long amount) {
        UUID id = f.newId();
        return new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(), payment.creditAccount,
                payment.debitAccount, amount, payment.currency, null, null, 0,
                new UUID(payment.idHi, payment.idLo));
    }

    private void byTill(TransferRequest... ts) {
        SubmitTransfers c = new SubmitTransfers("shop", false, ts);
        c.byTerminal("till-1");
        f.apply(c);
    }

    private SubmitTransfers byLimitedTill(long perDay, boolean atomic, TransferRequest... ts) {
        SubmitTransfers c = new SubmitTransfers("shop", atomic, ts);
        c.byTerminal("till-1");
        c.limitDailyRefunds(perDay);
        f.apply(c);
        return c;
    }

    @Test
    void aTerminalRefundsAtMostItsDailyLimitInAny24Hours() {
        TransferRequest payment = f.send("claire", "mlc:claire", "mlc:shop", 5_000);
        TransferRequest first = refund(payment, 600);
        byLimitedTill(1_000, false, first);
        assertEquals(ResultCode.OK, first.result());
        f.advanceDays(1);
        f.advanceMs(-1);
        TransferRequest over = refund(payment, 401);
        TransferRequest within = refund(payment, 400);
        byLimitedTill(1_000, false, over, within);
        assertEquals(ResultCode.REFUND_LIMIT_PER_DAY_EXCEEDED, over.result(), "600 + 401 in 24 hours");
        assertEquals(ResultCode.OK, within.result());
        // An atomic group that fails takes its refunds back from the day's total.
        TransferRequest undone = refund(payment, 1);
        f.advanceMs(1);
        byLimitedTill(1_000, true, undone, refund(payment, 100_000));
        assertEquals(ResultCode.LINKED_FAILED, undone.result());
        TransferRequest afterFirstLeft = refund(payment, 600);
        byLimitedTill(1_000, false, afterFirstLeft);
        assertEquals(ResultCode.OK, afterFirstLeft.result(), "the first refund is more than 24 hours old");
        TransferRequest other = refund(payment, 1_000);
        SubmitTransfers byAnother = new SubmitTransfers("shop", false, other);
        byAnother.byTerminal("till-2");
        byAnother.limitDailyRefunds(1_000);
        f.apply(byAnother);
        assertEquals(ResultCode.OK, other.result(), "each terminal has its own day");
        Ledger restored = LedgerSnapshot.read(LedgerFixture.CONFIG, (hi, lo) -> null, LedgerSnapshot.write(f.ledger));
        assertEquals(java.util.Arrays.toString(f.ledger.digest()), java.util.Arrays.toString(restored.digest()),
                "the terminals' day survives a snapshot");
    }

    @Test
    void aFailedAtomicGroupGivesBackTheRefundItMade() {
        TransferRequest payment = f.send("claire", "mlc:claire", "mlc:shop", 1_000);
        TransferRequest partly = refund(payment, 400);
        f.submitAtomic("shop", partly, f.transfer("mlc:shop", "mlc:claire", 100_000));
        assertEquals(ResultCode.LINKED_FAILED, partly.result());
        TransferRequest whole = refund(payment, 1_000);
        byTill(whole);
        assertEquals(ResultCode.OK, whole.result(), "the failed group refunded nothing");
        TransferRequest more = refund(payment, 1);
        byTill(more);
        assertEquals(ResultCode.REFUND_EXCEEDS_PAYMENT, more.result());
        assertEquals(TransferStatus.REJECTED, f.record(more).status());
        assertEquals("till-1", f.record(whole).terminalId());
        assertEquals(new UUID(payment.idHi, payment.idLo), f.record(whole).refundOf());
    }

    @Test
    void aCapturedHoldIsRefundedUpToWhatWasCapturedAndATillVoidsOnlyWhatIsHeldForItsShop() {
        TransferRequest hold = f.hold("claire", "mlc:claire", "mlc:shop", 800, 600);
        f.post("shop", hold, 300);
        TransferRequest tooMuch = refund(hold, 301);
        byTill(tooMuch);
        assertEquals(ResultCode.REFUND_EXCEEDS_PAYMENT, tooMuch.result());
        TransferRequest captured = refund(hold, 300);
        byTill(captured);
        assertEquals(ResultCode.OK, captured.result());

        f.issue("mlc:shop", 1_000);
        TransferRequest shopPays = f.hold("shop", "mlc:shop", "mlc:claire", 100, 600);
        assertEquals(ResultCode.OK, shopPays.result());
        ResolvePending byTill = ResolvePending.voiding("shop", shopPays.idHi, shopPays.idLo);
        byTill.byTerminal("till-1");
        assertEquals(ResultCode.NOT_PERMITTED, f.apply(byTill));
        TransferRequest toShop = f.hold("claire", "mlc:claire", "mlc:shop", 100, 600);
        ResolvePending voidToShop = ResolvePending.voiding("shop", toShop.idHi, toShop.idLo);
        voidToShop.byTerminal("till-1");
        assertEquals(ResultCode.OK, f.apply(voidToShop));
    }

    @Test
    void aSendersCeilingRefusalsTowardsAnAccountAreRationedPerDayOfCommandTime() {
        f.account("mie:spy", "shop", "MIE", Limits.NO_FLOOR, Limits.NO_CEILING);
        f.business("cafe");
        f.apply(new ChangeAccount("mie:cafe", null, 1_000L, null));
        for (int i = 0; i < 5; i++) {
            assertEquals(ResultCode.EXCEEDS_CEILING, f.send("shop", "mie:spy", "mie:cafe", 1_001).result());
        }
        assertEquals(ResultCode.CEILING_PROBE_LIMITED, f.send("shop", "mie:spy", "mie:cafe", 1).result());
        assertEquals(ResultCode.OK, f.send("shop", "mie:spy", "mie:shop", 5_000).result(),
                "its own account's ceiling is no probe");
        assertEquals(1, f.ledger.reconciliation(f.now).ceilingProbesRefused());
        f.advanceDays(1);
        assertEquals(ResultCode.OK, f.send("shop", "mie:spy", "mie:cafe", 1).result(), "a new day, a new ration");
    }
}
