package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Paid and expired payment requests leave memory once the retention period has passed since, at the first command
 * past it; their ids stay taken, and a replay or a restored snapshot drops them at the same point.
 */
class PaymentRequestRetentionTest {
    private static final int RETENTION_DAYS = 3;
    private static final LedgerConfig CONFIG = new LedgerConfig(LedgerFixture.CONFIG.currencies(),
            LedgerFixture.CONFIG.systemAccounts(), LedgerFixture.CONFIG.conversions(),
            LedgerFixture.CONFIG.negativePeriodDays(), LedgerFixture.CONFIG.recentTransfersCapacity(), RETENTION_DAYS);

    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = fixture();
    }

    private static LedgerFixture fixture() {
        LedgerFixture f = new LedgerFixture(CONFIG);
        f.business("shop");
        f.citizen("claire");
        f.issue("mlc:claire", 10_000);
        return f;
    }

    private static ResultCode request(LedgerFixture f, String id, long amount, int expiresInS) {
        return f.apply(new CreatePaymentRequest(id, "shop", "mlc:shop", amount, "table 4", expiresInS));
    }

    private static ResultCode pay(LedgerFixture f, String id, long amount) {
        TransferRequest t = f.payment("mlc:claire", "mlc:shop", amount, id);
        f.submit("claire", t);
        return t.result();
    }

    private int live() {
        return f.ledger.paymentRequests.count();
    }

    /** One paid at once, one left to expire after an hour, one still open for a week. */
    private static void history(LedgerFixture f) {
        request(f, "paid", 1_000, 3_600);
        request(f, "expiring", 2_000, 3_600);
        request(f, "open", 3_000, CreatePaymentRequest.MAX_EXPIRES_IN_S);
        f.advanceSeconds(60);
        assertEquals(ResultCode.OK, pay(f, "paid", 1_000));
    }

    @Test
    void paidAndExpiredRequestsLeaveMemoryAfterTheRetentionPeriod() {
        history(f);
        long paidAt = f.now;
        f.advanceMs(RETENTION_DAYS * LedgerFixture.DAY_MS - 1);
        f.apply(new Tick());
        assertEquals(3, live(), "one millisecond before the paid one's retention ends, all are kept");
        assertEquals("paid", f.ledger.paymentRequest("shop", "paid", f.now).status());

        f.now = paidAt + RETENTION_DAYS * LedgerFixture.DAY_MS;
        f.apply(new Tick());
        assertEquals(2, live(), "the paid one leaves at the first command past its retention");
        assertNull(f.ledger.paymentRequest("shop", "paid", f.now));
        assertEquals("expired", f.ledger.paymentRequest("shop", "expiring", f.now).status());

        f.advanceSeconds(3_600);
        f.apply(new Tick());
        assertEquals(1, live(), "the expired one leaves its retention after its deadline");
        assertNull(f.ledger.paymentRequest("shop", "expiring", f.now));
        assertEquals("open", f.ledger.paymentRequest("shop", "open", f.now).status(), "an open one stays");

        f.advanceDays(CreatePaymentRequest.MAX_EXPIRES_IN_S / 86_400 + RETENTION_DAYS);
        f.apply(new Tick());
        assertEquals(0, live());
        assertEquals(3, f.ledger.paymentRequests.retired.count(), "their ids stay taken");
    }

    @Test
    void aRetiredIdStaysTakenAndAnswersAsBefore() {
        history(f);
        f.advanceDays(RETENTION_DAYS + 1);
        f.apply(new Tick());
        assertNull(f.ledger.paymentRequest("shop", "paid", f.now));

        assertEquals(ResultCode.EXISTS, request(f, "paid", 1_000, 3_600), "a retry with the same fields");
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, request(f, "paid", 1_001, 3_600));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new CreatePaymentRequest("expiring", "shop", "mlc:shop", 2_000, "table 5", 3_600)));
        assertEquals(ResultCode.EXISTS, f.apply(new CreatePaymentRequest("expiring", "shop", "mlc:shop", 2_000,
                "table 4", 60)), "the deadline is not one of the fields a retry must repeat");
        assertNull(f.ledger.paymentRequest("shop", "paid", f.now), "a retry does not bring it back");
        assertEquals(ResultCode.PAYMENT_REQUEST_MISMATCH, pay(f, "expiring", 2_000), "nor makes it payable");
        assertEquals(1_000, f.balance("mlc:shop"));

        f.member("cafe", MemberKind.BUSINESS);
        f.account("mlc:cafe", "cafe", "MLC");
        assertEquals(ResultCode.OK, f.apply(new CreatePaymentRequest("paid", "cafe", "mlc:cafe", 1_000, "table 4",
                60)), "ids stay scoped to their member once retired too");
    }

    @Test
    void aReplayAndARestoredSnapshotRetireTheSameRequestsAtTheSamePoint() {
        history(f);
        Ledger restored = LedgerSnapshot.read(CONFIG, (hi, lo) -> null, LedgerSnapshot.write(f.ledger));
        assertArrayEquals(f.ledger.digest(), restored.digest());

        f.advanceDays(RETENTION_DAYS);
        f.advanceSeconds(3_600);
        f.apply(new Tick());
        Tick twin = new Tick();
        twin.setTimestampMs(f.now);
        restored.apply(twin);
        assertEquals(1, live());
        assertEquals(1, restored.paymentRequests.count());
        assertArrayEquals(f.ledger.digest(), restored.digest(), "the restored ledger retired the same requests");

        LedgerFixture replay = fixture();
        history(replay);
        replay.now = f.now;
        replay.apply(new Tick());
        assertArrayEquals(f.ledger.digest(), replay.ledger.digest(), "a replay retired the same requests");

        Ledger again = LedgerSnapshot.read(CONFIG, (hi, lo) -> null, LedgerSnapshot.write(f.ledger));
        assertArrayEquals(f.ledger.digest(), again.digest(), "the retired ids are in the snapshot");
        CreatePaymentRequest retry = new CreatePaymentRequest("paid", "shop", "mlc:shop", 1_000, "table 4", 60);
        retry.setTimestampMs(f.now);
        assertEquals(ResultCode.EXISTS, again.apply(retry));
        assertNotNull(again.paymentRequest("shop", "open", f.now));
    }

    @Test
    void aPaymentTakenBackByItsFailedGroupLeavesTheRequestToItsDeadline() {
        request(f, "pr", 1_000, 3_600);
        TransferRequest payment = f.payment("mlc:claire", "mlc:shop", 1_000, "pr");
        TransferRequest tooMuch = f.transfer("mlc:claire", "mlc:shop", 1_000_000);
        f.submitAtomic("claire", payment, tooMuch);
        assertEquals(ResultCode.LINKED_FAILED, payment.result());

        f.advanceDays(RETENTION_DAYS);
        f.apply(new Tick());
        assertEquals("expired", f.ledger.paymentRequest("shop", "pr", f.now).status(),
                "kept for the retention period after its deadline, not after the payment taken back");
        f.advanceSeconds(3_600);
        f.apply(new Tick());
        assertEquals(0, live());
    }
}
