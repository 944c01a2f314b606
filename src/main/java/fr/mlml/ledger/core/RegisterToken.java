package fr.mlml.ledger.core;

/**
 * Registers a bearer token by its SHA-256 only (the token itself is shown once to whoever asked, never kept). A
 * member or terminal token acts for one member; a terminal token names its device and the most it may refund.
 */
public final class RegisterToken extends Command {
    public static final int HASH_BYTES = 32;

    public final byte[] hash;
    public final TokenRole role;
    /** Null for admin and auditor tokens. */
    public final String memberId;
    /** Null except for a terminal token. */
    public final String terminalId;
    /** The largest refund a terminal may send, in minor units; 0 for every other token. */
    public final long refundLimit;

    public RegisterToken(byte[] hash, TokenRole role, String memberId, String terminalId, long refundLimit) {
        this.hash = hash.clone();
        this.role = role;
        this.memberId = memberId;
        this.terminalId = terminalId;
        this.refundLimit = refundLimit;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.registerToken(this);
    }
}
