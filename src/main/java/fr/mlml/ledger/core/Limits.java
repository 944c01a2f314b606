package fr.mlml.ledger.core;

/**
 * An account's floor (lowest balance allowed, pending debits included) and ceiling (highest balance allowed,
 * pending credits included). No floor is {@link #NO_FLOOR}, no ceiling {@link #NO_CEILING}: sentinels keep the
 * checks branch-free and primitive.
 */
public record Limits(long floor, long ceiling) {
    public static final long NO_FLOOR = Long.MIN_VALUE;
    public static final long NO_CEILING = Long.MAX_VALUE;
    public static final Limits NONE = new Limits(NO_FLOOR, NO_CEILING);

    /** A new account starts at zero, so its limits must admit zero. */
    public boolean admitsZero() {
        return floor <= 0 && ceiling >= 0;
    }
}
