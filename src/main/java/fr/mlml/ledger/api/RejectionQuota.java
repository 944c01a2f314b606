package fr.mlml.ledger.api;

import fr.mlml.ledger.core.ResultCode;


/**
 * A token bucket of rejected ids per member: every id the ledger refuses stays taken forever (its rejection is
 * answered again on a retry), so a member whose requests are mostly refused is slowed down before it costs the
 * ledger more than it costs itself. A member's requests are let through while its bucket holds a token; each
 * refused id then takes one, the bucket going into debt for a large refused batch, and it refills at
 * {@code ratePerSecond} up to a burst of twice that. Accepted transfers cost nothing here. One bucket per member
 * that was ever refused: bounded by the members, not by requests.
 */
final class RejectionQuota {
    private final RateLimiter refused;

    RejectionQuota(double ratePerSecond) {
        this.refused = new RateLimiter(ratePerSecond);
    }

    /** Refuses (429 {@code too_many_rejections}) a member whose refused ids have used up its quota. */
    void admit(String member) {
        long wait = refused.waitFor(member);
        if (wait > 0) {
            throw new ApiProblem(429, "too_many_rejections", "too many of this member's recent ids were refused; "
                    + "retry after Retry-After seconds", null, wait);
        }
    }

    /** Counts the refused ids among a request's results against its member. */
    void charge(String member, ResultCode... results) {
        int rejected = 0;
        for (ResultCode r : results) if (!r.succeeded()) rejected++;
        if (rejected > 0) refused.charge(member, rejected);
    }
}
