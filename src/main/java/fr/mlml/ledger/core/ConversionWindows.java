package fr.mlml.ledger.core;

import java.util.Arrays;

/**
 * Each member's conversions per pair over time, to enforce caps over rolling windows. History older than the longest
 * window allowed ({@link ConversionPolicy.Cap#MAX_WINDOW_DAYS}) is dropped, so memory stays bounded; conversions are
 * rare, so a scan of one member's window is cheap.
 */
final class ConversionWindows {
    private static final long MAX_WINDOW_MS = ConversionPolicy.Cap.MAX_WINDOW_DAYS * 86_400_000L;

    private final int pairs;
    /** Per member and pair: timestamps and amounts from {@code start[k]} to {@code end[k]}, oldest first. */
    private long[][] times = new long[0][];
    private long[][] amounts = new long[0][];
    private int[] start = new int[0];
    private int[] end = new int[0];

    ConversionWindows(int pairs) {
        this.pairs = pairs;
    }

    /** Sum converted by the member on the pair at times in (now − window, now]. */
    long usedInWindow(int member, int pair, long nowMs, long windowMs) {
        int k = member * pairs + pair;
        if (k >= start.length) return 0;
        long sum = 0;
        for (int i = end[k] - 1; i >= start[k] && times[k][i] > nowMs - windowMs; i--) {
            if (Money.addOverflows(sum, amounts[k][i])) return Long.MAX_VALUE;
            sum += amounts[k][i];
        }
        return sum;
    }

    void record(int member, int pair, long nowMs, long amount) {
        int k = member * pairs + pair;
        ensure(k);
        while (start[k] < end[k] && times[k][start[k]] <= nowMs - MAX_WINDOW_MS) start[k]++;
        if (end[k] == times[k].length) compactOrGrow(k);
        times[k][end[k]] = nowMs;
        amounts[k][end[k]] = amount;
        end[k]++;
    }

    /** Receives each remembered conversion: member, pair, time, amount. */
    interface Visitor {
        void visit(int member, int pair, long timeMs, long amount);
    }

    /** Every remembered conversion, member by member and pair by pair, oldest first. */
    void forEach(Visitor v) {
        for (int k = 0; k < start.length; k++) {
            for (int i = start[k]; i < end[k]; i++) v.visit(k / pairs, k % pairs, times[k][i], amounts[k][i]);
        }
    }

    private void ensure(int k) {
        if (k < start.length) return;
        int n = Math.max(k + 1, start.length * 2);
        times = Arrays.copyOf(times, n);
        amounts = Arrays.copyOf(amounts, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        for (int i = 0; i < n; i++) {
            if (times[i] == null) {
                times[i] = new long[4];
                amounts[i] = new long[4];
            }
        }
    }

    private void compactOrGrow(int k) {
        int live = end[k] - start[k];
        int size = live * 2 > times[k].length ? times[k].length * 2 : times[k].length;
        long[] t = new long[size];
        long[] a = new long[size];
        System.arraycopy(times[k], start[k], t, 0, live);
        System.arraycopy(amounts[k], start[k], a, 0, live);
        times[k] = t;
        amounts[k] = a;
        start[k] = 0;
        end[k] = live;
    }
}
