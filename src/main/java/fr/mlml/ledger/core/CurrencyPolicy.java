package fr.mlml.ledger.core;

import java.util.Map;
import java.util.Set;

/**
 * One currency as configured: its code, decimal scale, kind, which member kinds may hold it and the default limits
 * of a new account per member kind (a kind without an entry gets {@link Limits#NONE}).
 */
public record CurrencyPolicy(String code, int scale, CurrencyKind kind, Set<MemberKind> holders,
                             Map<MemberKind, Limits> defaultLimits) {
    public CurrencyPolicy {
        holders = Set.copyOf(holders);
        defaultLimits = Map.copyOf(defaultLimits);
        for (Limits l : defaultLimits.values()) {
            if (!l.admitsZero()) throw new IllegalArgumentException(code + ": default limits must admit a zero balance");
        }
        if (scale < 0 || scale > 6) throw new IllegalArgumentException(code + ": scale out of range");
    }

    public Limits defaultLimitsFor(MemberKind kind) {
        return defaultLimits.getOrDefault(kind, Limits.NONE);
    }
}
