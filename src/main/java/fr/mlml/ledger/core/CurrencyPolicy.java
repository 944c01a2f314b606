package fr.mlml.ledger.core;

import java.util.Map;
import java.util.Set;

/**
 * One currency as configured: its code, decimal scale, kind, which member kinds may hold it, the default limits
 * of a new account per member kind (a kind without an entry gets {@link Limits#NONE}), the largest amount one
 * transfer or payment request may carry ({@code maxAmount}: far below overflow, so no request can reach it) and how
 * many times a day a sender may meet the ceiling of one account it does not own ({@code ceilingProbesPerDay}).
 */
public record CurrencyPolicy(String code, int scale, CurrencyKind kind, Set<MemberKind> holders,
                             Map<MemberKind, Limits> defaultLimits, long maxAmount, int ceilingProbesPerDay) {
    /** 10,000,000,000.00 at scale 2: more than any payment, and a million of them still do not overflow a long. */
    public static final long DEFAULT_MAX_AMOUNT = 1_000_000_000_000L;
    public static final int DEFAULT_CEILING_PROBES_PER_DAY = 5;
    /** Bounds {@code maxAmount}: a million transfers at the maximum stay far from overflow. */
    static final long MAX_MAX_AMOUNT = Long.MAX_VALUE / 1_000_000;

    public CurrencyPolicy {
        holders = Set.copyOf(holders);
        defaultLimits = Map.copyOf(defaultLimits);
        for (Limits l : defaultLimits.values()) {
            if (!l.admitsZero()) throw new IllegalArgumentException(code + ": default limits must admit a zero balance");
        }
        if (scale < 0 || scale > 6) throw new IllegalArgumentException(code + ": scale out of range");
        if (maxAmount < 1 || maxAmount > MAX_MAX_AMOUNT) {
            throw new IllegalArgumentException(code + ": max_amount must be 1 to " + MAX_MAX_AMOUNT);
        }
        if (ceilingProbesPerDay < 1) {
            throw new IllegalArgumentException(code + ": ceiling_probes_per_day must be positive");
        }
    }

    public Limits defaultLimitsFor(MemberKind kind) {
        return defaultLimits.getOrDefault(kind, Limits.NONE);
    }
}
