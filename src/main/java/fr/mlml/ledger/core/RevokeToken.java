package fr.mlml.ledger.core;

/** Revokes a token for good: from this command on it authenticates nothing (DESIGN.md §6). */
public final class RevokeToken extends Command {
    /** The token's id. */
    public final long number;

    public RevokeToken(long number) {
        this.number = number;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.credentials.revokeToken(number, nowMs);
    }
}
