package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Payment requests of terminals: an exact amount into one account, paid once, before a deadline. */
class PaymentRequestsTest {
    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
        f.business("shop");
        f.business("cafe");
        f.citizen("claire");
        f.issue("mlc:claire", 10_000);
    }

    private ResultCode request(String id, String actor, String account, long amount, int expiresInS) {
        return f.apply(new CreatePaymentRequest(id, actor, account, amount, "table 4", expiresInS));
    }

    private TransferRequest pay(String requestId, String credit, long amount) {
        TransferRequest t = f.payment("mlc:claire", credit, amount, requestId);
        f.submit("claire", t);
        return t;
    }

    @Test
    void aRequestIsOpenUntilPaid() {
        assertEquals(ResultCode.OK, request("pr-1", "shop", "mlc:shop", 1_250, 300));

        PaymentRequestView open = f.ledger.paymentRequest("shop", "pr-1", f.now);
        assertEquals("open", open.status());
        assertEquals("mlc:shop", open.creditAccount());
        assertEquals(1_250, open.amount());
        assertEquals("table 4", open.memo());
        assertEquals(f.now, open.createdMs());
        assertEquals(f.now + 300_000, open.expiresAtMs());
        assertNull(open.paidByHi());

        f.advanceSeconds(10);
        TransferRequest t = pay("pr-1", "mlc:shop", 1_250);

        assertEquals(ResultCode.OK, t.result());
        assertEquals(1_250, f.balance("mlc:shop"));
        assertEquals(8_750, f.balance("mlc:claire"));
        PaymentRequestView paid = f.ledger.paymentRequest("shop", "pr-1", f.now);
        assertEquals("paid", paid.status());
        assertEquals(t.idHi, paid.paidByHi());
        assertEquals(t.idLo, paid.paidByLo());
        assertEquals("pr-1", f.record(t).paymentRequest());
        assertEquals("paid", f.ledger.paymentRequest("shop", "pr-1", f.now + 3_600_000).status(), "paid stays paid");
    }

    @Test
    void aRequestIsPaidOnce() {
        request("pr-1", "shop", "mlc:shop", 1_250, 300);
        assertEquals(ResultCode.OK, pay("pr-1", "mlc:shop", 1_250).result());
        assertEquals(ResultCode.PAYMENT_REQUEST_MISMATCH, pay("pr-1", "mlc:shop", 1_250).result());
        assertEquals(1_250, f.balance("mlc:shop"));
    }

    @Test
    void thePaymentMustMatchTheRequest() {
        request("pr-1", "shop", "mlc:shop", 1_250, 300);
        assertEquals(ResultCode.PAYMENT_REQUEST_MISMATCH, pay("pr-1", "mlc:shop", 1_249).result());
        assertEquals(ResultCode.PAYMENT_REQUEST_MISMATCH, pay("pr-1", "mlc:cafe", 1_250).result());
        assertEquals(ResultCode.PAYMENT_REQUEST_MISMATCH, pay("pr-unknown", "mlc:shop", 1_250).result());
        java.util.UUID id = f.newId();
        TransferRequest asHold = new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                "mlc:claire", "mlc:shop", 1_250, "MLC", null, "pr-1", 60);
        f.submit("claire", asHold);
        assertEquals(ResultCode.PAYMENT_REQUEST_MISMATCH, asHold.result(), "a request is paid, not held");
        assertEquals(0, f.balance("mlc:shop"));
        assertEquals("open", f.ledger.paymentRequest("shop", "pr-1", f.now).status());
    }

    @Test
    void anExpiredRequestCannotBePaid() {
        request("pr-1", "shop", "mlc:shop", 1_250, 300);
        f.advanceSeconds(299);
        assertEquals("open", f.ledger.paymentRequest("shop", "pr-1", f.now).status());
        f.advanceSeconds(1);
        assertEquals("expired", f.ledger.paymentRequest("shop", "pr-1", f.now).status());
        assertEquals(ResultCode.PAYMENT_REQUEST_MISMATCH, pay("pr-1", "mlc:shop", 1_250).result());
        assertEquals(0, f.balance("mlc:shop"));
    }

    @Test
    void aPaymentThatFailsItsOtherChecksLeavesTheRequestOpen() {
        request("pr-1", "shop", "mlc:shop", 20_000, 300);
        assertEquals(ResultCode.EXCEEDS_FLOOR, pay("pr-1", "mlc:shop", 20_000).result());
        assertEquals("open", f.ledger.paymentRequest("shop", "pr-1", f.now).status());
    }

    @Test
    void theRequestIsCheckedBeforeTheAccountsState() {
        request("pr-1", "shop", "mlc:shop", 500, 300);
        f.apply(new ChangeAccount("mlc:shop", null, null, AccountStatus.FROZEN));
        assertEquals(ResultCode.PAYMENT_REQUEST_MISMATCH, pay("pr-1", "mlc:shop", 499).result());
        assertEquals(ResultCode.ACCOUNT_FROZEN, pay("pr-1", "mlc:shop", 500).result());
    }

    @Test
    void aRequestIsMadeIntoOnesOwnAccountWithSaneFields() {
        assertEquals(ResultCode.NOT_PERMITTED, request("pr-1", "cafe", "mlc:shop", 100, 300));
        assertEquals(ResultCode.NOT_PERMITTED, request("pr-1", "ghost", "mlc:shop", 100, 300));
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, request("pr-1", "shop", "mlc:ghost", 100, 300));
        assertEquals(ResultCode.INVALID_AMOUNT, request("pr-1", "shop", "mlc:shop", 0, 300));
        assertEquals(ResultCode.INVALID_TIMEOUT, request("pr-1", "shop", "mlc:shop", 100, 0));
        assertEquals(ResultCode.INVALID_TIMEOUT,
                request("pr-1", "shop", "mlc:shop", 100, CreatePaymentRequest.MAX_EXPIRES_IN_S + 1));
        assertEquals(ResultCode.INVALID_ID, request("", "shop", "mlc:shop", 100, 300));
        assertNull(f.ledger.paymentRequest("shop", "pr-1", f.now));
        assertEquals(ResultCode.OK, request("pr-1", "shop", "mlc:shop", 100, CreatePaymentRequest.MAX_EXPIRES_IN_S));
    }

    @Test
    void aRequestIdIsTakenOnceByItsMemberAndNeverForAnother() {
        assertEquals(ResultCode.OK, request("pr-1", "cafe", "mlc:cafe", 999, 300), "another member's pr-1 first");
        assertEquals(ResultCode.OK, request("pr-1", "shop", "mlc:shop", 100, 300), "the shop's own pr-1 is free");
        assertEquals(ResultCode.EXISTS, request("pr-1", "shop", "mlc:shop", 100, 300));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, request("pr-1", "shop", "mlc:shop", 101, 300));
        assertEquals(ResultCode.EXISTS, request("pr-1", "cafe", "mlc:cafe", 999, 300));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new CreatePaymentRequest("pr-1", "shop", "mlc:shop", 100, "other memo", 300)));
        assertEquals(100, f.ledger.paymentRequest("shop", "pr-1", f.now).amount());
        assertEquals("mlc:shop", f.ledger.paymentRequest("shop", "pr-1", f.now).creditAccount());
        assertEquals(999, f.ledger.paymentRequest("cafe", "pr-1", f.now).amount());
        assertEquals(ResultCode.OK, pay("pr-1", "mlc:shop", 100).result(), "a payment names the payee's own request");
        assertEquals("open", f.ledger.paymentRequest("cafe", "pr-1", f.now).status());
    }
}
