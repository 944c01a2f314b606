package fr.mlml.ledger.core;

/**
 * Checks of what must hold for money and liveness, on in production and in every JVM (an {@code assert} is off
 * unless {@code -ea}). A broken one throws {@link Broken}, an {@link Error}: the engine does not survive it, the
 * service exits 70 and its supervisor restarts it from the journal, rather than go on from a state nobody can trust
 * or spin forever on the engine thread. Messages are constants, so a check on the hot path builds nothing.
 */
public final class Invariants {
    private Invariants() {
    }

    public static void check(boolean condition, String message) {
        if (!condition) throw new Broken(message);
    }

    /** A broken invariant: a bug, never bad input (bad input gets a result code). */
    public static final class Broken extends Error {
        Broken(String message) {
            super(message);
        }
    }
}
