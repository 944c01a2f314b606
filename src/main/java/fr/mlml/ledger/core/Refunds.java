package fr.mlml.ledger.core;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What refunds need remembered. The refund fields ({@code refund_of}, {@code terminal_id}) of the ids still in the
 * transfer log, by log position: few transfers have them, so the log keeps no column for them, and a forgotten record
 * carries them into the archive. And how much of each payment has been refunded, for good, so the refunds of one
 * payment never come to more than it paid, however old it is.
 */
final class Refunds {
    record Fields(UUID refundOf, String terminalId) {
    }

    private final Map<Long, Fields> byPosition = new HashMap<>();
    private final Map<UUID, Long> refunded = new HashMap<>();

    void remember(long pos, UUID refundOf, String terminalId) {
        if (refundOf != null || terminalId != null) byPosition.put(pos, new Fields(refundOf, terminalId));
    }

    /** The refund fields of the log entry at {@code pos}, or null. */
    Fields at(long pos) {
        return byPosition.get(pos);
    }

    void forget(long pos) {
        byPosition.remove(pos);
    }

    /** How much of a payment has been refunded so far. */
    long refunded(UUID payment) {
        return refunded.getOrDefault(payment, 0L);
    }

    /** Adds to (or, negative, takes back from: an atomic group rolled back) what a payment has had refunded. */
    void add(UUID payment, long amount) {
        long total = refunded(payment) + amount;
        if (total == 0) refunded.remove(payment);
        else refunded.put(payment, total);
    }

    /** Every refunded payment with its total, in id order: what snapshots and digests read. */
    Map<UUID, Long> totals() {
        return new java.util.TreeMap<>(refunded);
    }
}
