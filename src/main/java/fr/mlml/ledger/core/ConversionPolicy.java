package fr.mlml.ledger.core;

import java.util.Set;

/**
 * The rules of one conversion pair from config: who may convert, the fee rate in basis points (rounded up, in the
 * association's favour) and the default cap: at most {@code cap.amount} of the source currency per member in any
 * rolling window of {@code cap.windowDays} days.
 */
public record ConversionPolicy(String from, String to, Set<MemberKind> allowed, int feeRateBp, Cap cap) {
    public static final int MAX_FEE_RATE_BP = 10_000;

    public ConversionPolicy {
        allowed = Set.copyOf(allowed);
        if (feeRateBp < 0 || feeRateBp >= MAX_FEE_RATE_BP) throw new IllegalArgumentException("fee rate out of range");
        if (from.equals(to)) throw new IllegalArgumentException("conversion from a currency to itself");
    }

    /** A cap: amount in minor units of the source currency over a rolling window of days. */
    public record Cap(long amount, int windowDays) {
        /** History older than this is forgotten, so windows are bounded too. */
        public static final int MAX_WINDOW_DAYS = 366;

        public Cap {
            if (amount < 0) throw new IllegalArgumentException("negative cap");
            if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) throw new IllegalArgumentException("window out of range");
        }

        public long windowMs() {
            return windowDays * 86_400_000L;
        }
    }

    /** The fee on a gross amount, rounded up so the association never loses a cent to rounding. */
    public long feeOn(long amount) {
        long product = Math.multiplyExact(amount, (long) feeRateBp);
        return Math.floorDiv(Math.addExact(product, MAX_FEE_RATE_BP - 1), MAX_FEE_RATE_BP);
    }
}
