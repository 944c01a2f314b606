package fr.mlml.ledger.core;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ceilings senders met today on accounts they do not own. A refusal by another's ceiling says only that an
 * amount was too much, yet repeated with other amounts it would search that account's balance; so after a currency's
 * {@code ceiling_probes_per_day} such refusals towards one account, the sender's further transfers to it are refused
 * unevaluated ({@code ceiling_probe_limited}) until the day ends. Days are UTC days of command time (the core has no
 * clock), and only today's counts are kept; the number of attempts refused so is kept for reconciliation.
 */
final class CeilingProbes {
    private static final long DAY_MS = 86_400_000L;

    private long day = Long.MIN_VALUE;
    /** Ceilings met today, by {@code sender << 32 | account}. */
    private final Map<Long, Integer> met = new HashMap<>();
    private long refused;

    boolean exhausted(int sender, int account, int limit, long nowMs) {
        roll(nowMs);
        return met.getOrDefault(key(sender, account), 0) >= limit;
    }

    void met(int sender, int account, long nowMs) {
        roll(nowMs);
        met.merge(key(sender, account), 1, Integer::sum);
    }

    void refused() {
        refused++;
    }

    /** Attempts refused unevaluated since the ledger began: probes, as reconciliation reports them. */
    long refusedCount() {
        return refused;
    }

    long day() {
        return day;
    }

    /** Today's counts in key order, for snapshots and digests. */
    Map<Long, Integer> today() {
        return new TreeMap<>(met);
    }

    void restore(long restoredDay, Map<Long, Integer> counts, long refusedCount) {
        day = restoredDay;
        met.putAll(counts);
        refused = refusedCount;
    }

    private void roll(long nowMs) {
        long d = Math.floorDiv(nowMs, DAY_MS);
        if (d != day) {
            day = d;
            met.clear();
        }
    }

    private static long key(int sender, int account) {
        return (long) sender << 32 | (account & 0xFFFFFFFFL);
    }
}
