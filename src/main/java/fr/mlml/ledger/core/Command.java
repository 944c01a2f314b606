package fr.mlml.ledger.core;

/**
 * One command to the ledger. Time travels in the command, stamped by the engine before it is applied, so applying
 * the same commands to a fresh ledger gives the same state (DESIGN.md §2, invariant 6). The ledger writes the
 * outcome into the command itself, so the hot path allocates no result objects.
 */
public abstract class Command {
    private long timestampMs;
    ResultCode result;

    public final long timestampMs() {
        return timestampMs;
    }

    /** Set by the engine, from its clock, before the command is applied. */
    public final void setTimestampMs(long timestampMs) {
        this.timestampMs = timestampMs;
    }

    /** The outcome once applied; for a batch of transfers each transfer has its own. */
    public final ResultCode result() {
        return result;
    }

    /** How many transfers the command may create or change: what bounds a batch's work and journal bytes. */
    public int transferCount() {
        return 1;
    }

    abstract ResultCode applyTo(Ledger ledger, long nowMs);
}
