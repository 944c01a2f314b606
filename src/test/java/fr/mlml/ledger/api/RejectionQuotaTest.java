package fr.mlml.ledger.api;

import fr.mlml.ledger.core.ResultCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member flooding refused ids is slowed; one whose transfers go through, and other members, are not. */
class RejectionQuotaTest {
    /** One refused id a day: nothing refills while the test runs, so the answers do not depend on its speed. */
    private static final double SLOW = 1.0 / 86_400;

    @Test
    void aMemberPastItsRefusedIdsIsToldWhenToComeBack() {
        RejectionQuota quota = new RejectionQuota(SLOW);
        quota.admit("flooder");
        quota.charge("flooder", ResultCode.UNKNOWN_ACCOUNT, ResultCode.UNKNOWN_ACCOUNT);
        ApiProblem refused = assertThrows(ApiProblem.class, () -> quota.admit("flooder"));
        assertEquals(429, refused.status);
        assertEquals("too_many_rejections", refused.code);
        assertTrue(refused.retryAfterS >= 1);
        assertDoesNotThrow(() -> quota.admit("neighbour"), "another member's quota is its own");
    }

    @Test
    void acceptedTransfersAndRetriesOfCreatedIdsCostNothing() {
        RejectionQuota quota = new RejectionQuota(SLOW);
        for (int i = 0; i < 1_000; i++) quota.charge("shop", ResultCode.OK, ResultCode.EXISTS);
        assertDoesNotThrow(() -> quota.admit("shop"));
    }
}
