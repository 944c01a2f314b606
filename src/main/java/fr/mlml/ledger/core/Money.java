package fr.mlml.ledger.core;

/** Overflow-checked arithmetic on minor units that answers with a flag, not an exception, on the hot path. */
final class Money {
    private Money() {
    }

    static boolean addOverflows(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0;
    }

    /**
     * True when {@code amount} (positive) fits in {@code headroom}, an unsigned difference: the distance between a
     * balance and its limit spans up to 2^64 − 1 when the limit is a sentinel, so it is compared unsigned.
     */
    static boolean fitsIn(long amount, long headroom) {
        return Long.compareUnsigned(amount, headroom) <= 0;
    }
}
