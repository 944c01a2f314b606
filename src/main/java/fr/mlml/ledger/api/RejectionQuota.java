package fr.mlml.ledger.api;

import fr.mlml.ledger.core.ResultCode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket of rejected ids per member: every id the ledger refuses stays taken forever (its rejection is
 * answered again on a retry), so a member whose requests are mostly refused is slowed down before it costs the
 * ledger more than it costs itself. A member's requests are let through while its bucket holds a token; each
 * refused id then takes one, the bucket going into debt for a large refused batch, and it refills at
 * {@code ratePerSecond} up to a burst of twice that. Accepted transfers cost nothing here. One bucket per member
 * that was ever refused: bounded by the members, not by requests.
 */
final class RejectionQuota {
    private final double ratePerNs;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final class Bucket {
        private double available = burst;
        private long lastNs = System.nanoTime();

        private void refill(long now) {
            available = Math.min(burst, available + (now - lastNs) * ratePerNs);
            lastNs = now;
        }

        /** 0 if a request may go now, else the whole seconds until the debt is paid back. */
        synchronized long admit() {
            refill(System.nanoTime());
            return available >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - available) / ratePerNs / 1e9));
        }

        synchronized void charge(int rejected) {
            refill(System.nanoTime());
            available -= rejected;
        }
    }

    RejectionQuota(double ratePerSecond) {
        this.ratePerNs = ratePerSecond / 1e9;
        this.burst = Math.max(1, 2 * ratePerSecond);
    }

    /** Refuses (429 {@code too_many_rejections}) a member whose refused ids have used up its quota. */
    void admit(String member) {
        Bucket b = buckets.get(member);
        long wait = b == null ? 0 : b.admit();
        if (wait > 0) {
            throw new ApiProblem(429, "too_many_rejections", "too many of this member's recent ids were refused; "
                    + "retry after Retry-After seconds", null, wait);
        }
    }

    /** Counts the refused ids among a request's results against its member. */
    void charge(String member, ResultCode... results) {
        int rejected = 0;
        for (ResultCode r : results) if (!r.succeeded()) rejected++;
        if (rejected > 0) buckets.computeIfAbsent(member, m -> new Bucket()).charge(rejected);
    }
}
