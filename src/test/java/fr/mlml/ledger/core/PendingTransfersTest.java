package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Holds: pending transfers posted (fully or partly), voided or expired, and how they count against limits. */
class PendingTransfersTest {
    private static final int TEN_MINUTES_S = 600;

    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
        f.citizen("claire");
        f.citizen("paul");
        f.business("shop");
        f.issue("mlc:claire", 10_000);
    }

    private TransferRequest holdOf3000() {
        TransferRequest t = f.hold("claire", "mlc:claire", "mlc:shop", 3_000, TEN_MINUTES_S);
        assertEquals(ResultCode.OK, t.result());
        return t;
    }

    private void assertNothingPending(String account) {
        AccountView v = f.view(account);
        assertEquals(0, v.debitsPending(), account);
        assertEquals(0, v.creditsPending(), account);
    }

    @Test
    void aHoldKeepsItsAmountApartFromTheBalances() {
        TransferRequest t = holdOf3000();

        assertEquals(TransferStatus.PENDING, t.status());
        AccountView claire = f.view("mlc:claire");
        assertEquals(10_000, claire.balance());
        assertEquals(3_000, claire.debitsPending());
        AccountView shop = f.view("mlc:shop");
        assertEquals(0, shop.balance());
        assertEquals(3_000, shop.creditsPending());
        assertEquals(1, f.ledger.pendingCount());
        assertEquals(TransferStatus.PENDING, f.record(t).status());
    }

    @Test
    void thePayeePostsTheWholeHold() {
        TransferRequest t = holdOf3000();

        ResolvePending post = f.post("shop", t, 0);

        assertEquals(ResultCode.OK, post.result());
        assertEquals(TransferStatus.POSTED, post.status());
        assertEquals(3_000, post.postedAmount());
        assertEquals(7_000, f.balance("mlc:claire"));
        assertEquals(3_000, f.balance("mlc:shop"));
        assertNothingPending("mlc:claire");
        assertNothingPending("mlc:shop");
        assertEquals(0, f.ledger.pendingCount());
        TransferRecord r = f.record(t);
        assertEquals(TransferStatus.POSTED, r.status());
        assertEquals(3_000, r.postedAmount());
        assertEquals(3_000, r.amount());
    }

    @Test
    void thePayeePostsPartOfTheHoldAndTheRestIsReleased() {
        TransferRequest t = holdOf3000();

        ResolvePending post = f.post("shop", t, 1_200);

        assertEquals(ResultCode.OK, post.result());
        assertEquals(1_200, post.postedAmount());
        assertEquals(8_800, f.balance("mlc:claire"));
        assertEquals(1_200, f.balance("mlc:shop"));
        assertNothingPending("mlc:claire");
        assertNothingPending("mlc:shop");
        assertEquals(1_200, f.record(t).postedAmount());
        assertEquals(ResultCode.OK, f.send("claire", "mlc:claire", "mlc:shop", 8_800).result(),
                "the unposted rest is the payer's to spend again");
    }

    @Test
    void aPostOfMoreThanTheHoldOrOfANegativeAmountIsRefused() {
        TransferRequest t = holdOf3000();

        assertEquals(ResultCode.INVALID_AMOUNT, f.post("shop", t, 3_001).result());
        assertEquals(ResultCode.INVALID_AMOUNT, f.post("shop", t, -1).result());
        assertEquals(TransferStatus.PENDING, f.record(t).status());
        assertEquals(3_000, f.view("mlc:claire").debitsPending());
        assertEquals(ResultCode.OK, f.post("shop", t, 3_000).result());
        assertEquals(3_000, f.balance("mlc:shop"));
    }

    @Test
    void thePayeeVoidsAHold() {
        TransferRequest t = holdOf3000();

        ResolvePending v = f.voiding("shop", t);

        assertEquals(ResultCode.OK, v.result());
        assertEquals(TransferStatus.VOIDED, v.status());
        assertEquals(0, v.postedAmount());
        assertEquals(10_000, f.balance("mlc:claire"));
        assertEquals(0, f.balance("mlc:shop"));
        assertNothingPending("mlc:claire");
        assertNothingPending("mlc:shop");
        assertEquals(TransferStatus.VOIDED, f.record(t).status());
    }

    @Test
    void thePayerVoidsAHoldButMayNotPostIt() {
        TransferRequest t = holdOf3000();

        assertEquals(ResultCode.NOT_PERMITTED, f.post("claire", t, 0).result());
        assertEquals(TransferStatus.PENDING, f.record(t).status());
        assertEquals(ResultCode.OK, f.voiding("claire", t).result());
        assertEquals(TransferStatus.VOIDED, f.record(t).status());
        assertEquals(10_000, f.balance("mlc:claire"));
        assertNothingPending("mlc:claire");
    }

    @Test
    void nobodyElsePostsOrVoidsAHold() {
        TransferRequest t = holdOf3000();

        assertEquals(ResultCode.NOT_PERMITTED, f.post("paul", t, 0).result());
        assertEquals(ResultCode.NOT_PERMITTED, f.voiding("paul", t).result());
        assertEquals(ResultCode.NOT_PERMITTED, f.voiding("nobody", t).result());
        assertEquals(TransferStatus.PENDING, f.record(t).status());
        assertEquals(3_000, f.view("mlc:shop").creditsPending());
    }

    @Test
    void aTickAtTheDeadlineExpiresTheHold() {
        TransferRequest t = holdOf3000();

        f.advanceSeconds(TEN_MINUTES_S - 1);
        assertEquals(ResultCode.OK, f.apply(new Tick()));
        assertEquals(TransferStatus.PENDING, f.record(t).status(), "one second before its deadline");

        f.advanceSeconds(1);
        assertEquals(ResultCode.OK, f.apply(new Tick()));
        assertEquals(TransferStatus.EXPIRED, f.record(t).status());
        assertEquals(0, f.record(t).postedAmount());
        assertEquals(10_000, f.balance("mlc:claire"));
        assertEquals(0, f.balance("mlc:shop"));
        assertNothingPending("mlc:claire");
        assertNothingPending("mlc:shop");
        assertEquals(0, f.ledger.pendingCount());
    }

    @Test
    void anyCommandFirstExpiresTheHoldsThatAreDue() {
        TransferRequest t = holdOf3000();
        f.advanceSeconds(TEN_MINUTES_S + 5);

        f.member("late", MemberKind.CITIZEN);

        assertEquals(TransferStatus.EXPIRED, f.record(t).status());
        assertNothingPending("mlc:claire");
        assertEquals(ResultCode.OK, f.send("claire", "mlc:claire", "mlc:shop", 10_000).result());
    }

    @Test
    void holdsExpireEachAtItsOwnDeadline() {
        TransferRequest shortHold = f.hold("claire", "mlc:claire", "mlc:shop", 100, 60);
        TransferRequest longHold = f.hold("claire", "mlc:claire", "mlc:shop", 200, 120);
        TransferRequest middleHold = f.hold("claire", "mlc:claire", "mlc:shop", 400, 90);

        f.advanceSeconds(90);
        f.apply(new Tick());

        assertEquals(TransferStatus.EXPIRED, f.record(shortHold).status());
        assertEquals(TransferStatus.EXPIRED, f.record(middleHold).status());
        assertEquals(TransferStatus.PENDING, f.record(longHold).status());
        assertEquals(200, f.view("mlc:claire").debitsPending());
    }

    @Test
    void anExpiredHoldCanNoLongerBePostedOrVoided() {
        TransferRequest t = holdOf3000();
        f.advanceSeconds(TEN_MINUTES_S);

        ResolvePending post = f.post("shop", t, 0);
        assertEquals(ResultCode.PENDING_EXPIRED, post.result());
        assertEquals(TransferStatus.EXPIRED, post.status());
        assertEquals(ResultCode.PENDING_EXPIRED, f.voiding("claire", t).result());
        assertEquals(0, f.balance("mlc:shop"));
    }

    @Test
    void aResolvedHoldIsNotResolvedTwice() {
        TransferRequest posted = holdOf3000();
        assertEquals(ResultCode.OK, f.post("shop", posted, 1_000).result());
        TransferRequest voided = holdOf3000();
        assertEquals(ResultCode.OK, f.voiding("shop", voided).result());

        ResolvePending again = f.post("shop", posted, 0);
        assertEquals(ResultCode.PENDING_ALREADY_RESOLVED, again.result());
        assertEquals(TransferStatus.POSTED, again.status());
        assertEquals(1_000, again.postedAmount());
        assertEquals(ResultCode.PENDING_ALREADY_RESOLVED, f.voiding("shop", posted).result());
        assertEquals(ResultCode.PENDING_ALREADY_RESOLVED, f.post("shop", voided, 0).result());
        assertEquals(ResultCode.PENDING_ALREADY_RESOLVED, f.voiding("claire", voided).result());
        assertEquals(9_000, f.balance("mlc:claire"));
        assertEquals(1_000, f.balance("mlc:shop"));
    }

    @Test
    void onlyAHoldCanBePostedOrVoided() {
        TransferRequest neverSent = f.transfer("mlc:claire", "mlc:shop", 10, 60);
        TransferRequest posted = f.send("claire", "mlc:claire", "mlc:shop", 10);
        TransferRequest rejectedHold = f.hold("claire", "mlc:claire", "mlc:shop", 1_000_000, 60);
        assertEquals(ResultCode.EXCEEDS_FLOOR, rejectedHold.result());

        assertEquals(ResultCode.PENDING_NOT_FOUND, f.post("shop", neverSent, 0).result());
        assertEquals(ResultCode.PENDING_NOT_FOUND, f.post("shop", posted, 0).result());
        assertEquals(ResultCode.PENDING_NOT_FOUND, f.voiding("claire", posted).result());
        assertEquals(ResultCode.PENDING_NOT_FOUND, f.post("shop", rejectedHold, 0).result());
        assertEquals(10, f.balance("mlc:shop"));
    }

    @Test
    void theFloorCountsPendingDebits() {
        holdOf3000();
        assertEquals(ResultCode.EXCEEDS_FLOOR, f.send("claire", "mlc:claire", "mlc:shop", 7_001).result());
        assertEquals(ResultCode.EXCEEDS_FLOOR, f.hold("claire", "mlc:claire", "mlc:shop", 7_001, 60).result());
        assertEquals(ResultCode.OK, f.send("claire", "mlc:claire", "mlc:shop", 7_000).result());
        assertEquals(3_000, f.balance("mlc:claire"));
        assertEquals(3_000, f.view("mlc:claire").debitsPending());
    }

    @Test
    void theFloorDoesNotCountPendingCredits() {
        f.citizen("anne");
        f.hold("claire", "mlc:claire", "mlc:anne", 5_000, 60);
        assertEquals(ResultCode.EXCEEDS_FLOOR, f.send("anne", "mlc:anne", "mlc:shop", 1).result(),
                "money on its way in is not yet there to spend");
    }

    @Test
    void theCeilingCountsPendingCredits() {
        f.member("kiosk", MemberKind.BUSINESS);
        f.account("mlc:kiosk", "kiosk", "MLC", null, 5_000L);
        assertEquals(ResultCode.OK, f.hold("claire", "mlc:claire", "mlc:kiosk", 4_000, 60).result());

        assertEquals(ResultCode.EXCEEDS_CEILING, f.hold("claire", "mlc:claire", "mlc:kiosk", 1_001, 60).result());
        assertEquals(ResultCode.EXCEEDS_CEILING, f.send("claire", "mlc:claire", "mlc:kiosk", 1_001).result());
        assertEquals(ResultCode.OK, f.send("claire", "mlc:claire", "mlc:kiosk", 1_000).result());
        assertEquals(1_000, f.balance("mlc:kiosk"));
        assertEquals(4_000, f.view("mlc:kiosk").creditsPending());
    }

    @Test
    void aFrozenAccountBlocksAPostButNotAVoid() {
        TransferRequest t = holdOf3000();
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mlc:shop", null, null, AccountStatus.FROZEN)));

        assertEquals(ResultCode.ACCOUNT_FROZEN, f.post("shop", t, 0).result());
        assertEquals(TransferStatus.PENDING, f.record(t).status());
        assertEquals(ResultCode.OK, f.voiding("shop", t).result());
        assertEquals(10_000, f.balance("mlc:claire"));
        assertNothingPending("mlc:claire");
        assertNothingPending("mlc:shop");
    }

    @Test
    void aFrozenPayerBlocksAPostToo() {
        TransferRequest t = holdOf3000();
        f.apply(new ChangeAccount("mlc:claire", null, null, AccountStatus.FROZEN));

        assertEquals(ResultCode.ACCOUNT_FROZEN, f.post("shop", t, 0).result());
        assertEquals(ResultCode.OK, f.voiding("claire", t).result());
        assertEquals(0, f.balance("mlc:shop"));
    }

    @Test
    void aHoldOnAFrozenAccountStillExpires() {
        TransferRequest t = holdOf3000();
        f.apply(new ChangeAccount("mlc:shop", null, null, AccountStatus.FROZEN));
        f.advanceSeconds(TEN_MINUTES_S);
        f.apply(new Tick());
        assertEquals(TransferStatus.EXPIRED, f.record(t).status());
        assertNothingPending("mlc:claire");
    }

    @Test
    void resendingAResolvedHoldAnswersItsCurrentStatus() {
        TransferRequest t = holdOf3000();
        f.post("shop", t, 0);

        TransferRequest again = LedgerFixture.request(LedgerFixture.uuid(t), "mlc:claire", "mlc:shop", 3_000, "MLC",
                TEN_MINUTES_S);
        f.submit("claire", again);

        assertEquals(ResultCode.EXISTS, again.result());
        assertEquals(TransferStatus.POSTED, again.status());
        assertEquals(7_000, f.balance("mlc:claire"));
    }

    @Test
    void postingAHoldThatTakesAnAccountNegativeRecordsSince() {
        f.business("baker");
        TransferRequest t = f.hold("baker", "mie:baker", "mie:shop", 5_000, 3_600);
        assertNull(f.view("mie:baker").negativeSinceMs(), "a hold does not change the balance");
        f.advanceSeconds(60);
        assertEquals(ResultCode.OK, f.post("shop", t, 0).result());
        assertEquals(f.now, f.view("mie:baker").negativeSinceMs());
    }
}
