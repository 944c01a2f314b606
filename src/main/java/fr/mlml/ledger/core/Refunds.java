package fr.mlml.ledger.core;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What refunds need remembered. The refund fields ({@code refund_of}, {@code terminal_id}) of the ids still in the
 * transfer log, by log position: few transfers have them, so the log keeps no column for them, and a forgotten record
 * carries them into the archive. And how much of each payment has been refunded, for good, so the refunds of one
 * payment never come to more than it paid, however old it is. And each terminal's refunds of the last 24 hours, for
 * its {@code refund_limit_per_day}: older ones leave memory as the terminal refunds again.
 */
final class Refunds {
    record Fields(UUID refundOf, String terminalId) {
    }

    /** A terminal's refund: when, and how much. */
    record Sent(long atMs, long amount) {
    }

    static final long DAY_MS = 24L * 3600 * 1000;

    private final Map<Long, Fields> byPosition = new HashMap<>();
    private final Map<UUID, Long> refunded = new HashMap<>();
    /** By terminal ({@code <member index>/<terminal id>}), oldest first. */
    private final Map<String, ArrayDeque<Sent>> byTerminal = new HashMap<>();

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

    static String terminal(int member, String terminalId) {
        return member + "/" + terminalId;
    }

    /** What the terminal refunded in the 24 hours before {@code nowMs}; refunds older than that are forgotten. */
    long sentToday(String terminal, long nowMs) {
        ArrayDeque<Sent> sent = byTerminal.get(terminal);
        if (sent == null) return 0;
        while (!sent.isEmpty() && sent.peekFirst().atMs() <= nowMs - DAY_MS) sent.pollFirst();
        if (sent.isEmpty()) {
            byTerminal.remove(terminal);
            return 0;
        }
        long total = 0;
        for (Sent s : sent) total = total > Long.MAX_VALUE - s.amount() ? Long.MAX_VALUE : total + s.amount();
        return total;
    }

    void sent(String terminal, long atMs, long amount) {
        byTerminal.computeIfAbsent(terminal, t -> new ArrayDeque<>()).addLast(new Sent(atMs, amount));
    }

    /** Takes back a refund of an atomic group rolled back. */
    void unsent(String terminal, long atMs, long amount) {
        ArrayDeque<Sent> sent = byTerminal.get(terminal);
        sent.removeLastOccurrence(new Sent(atMs, amount));
        if (sent.isEmpty()) byTerminal.remove(terminal);
    }

    /** Every terminal's recent refunds, in terminal order: what snapshots and digests read. */
    Map<String, ArrayDeque<Sent>> sentByTerminal() {
        return new java.util.TreeMap<>(byTerminal);
    }

    /** Every refunded payment with its total, in id order: what snapshots and digests read. */
    Map<UUID, Long> totals() {
        return new java.util.TreeMap<>(refunded);
    }
}
