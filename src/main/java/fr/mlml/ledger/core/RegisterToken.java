package fr.mlml.ledger.core;

/**
 * Registers a bearer token by its SHA-256 only (the token itself is shown once to whoever asked, never kept). A
 * member or terminal token acts for one member; a terminal token names its device and the most it may refund, at
 * once and over any 24 hours. A token may expire {@code expiresInS} after it is registered.
 */
public final class RegisterToken extends Command {
    public static final int HASH_BYTES = 32;
    /** The longest a token may be made to last: ten years. */
    public static final long MAX_EXPIRES_IN_S = 10L * 365 * 24 * 3600;

    public final byte[] hash;
    public final TokenRole role;
    /** Null for admin and auditor tokens. */
    public final String memberId;
    /** Null except for a terminal token. */
    public final String terminalId;
    /** The largest refund a terminal may send, in minor units; 0 for every other token. */
    public final long refundLimit;
    /** The most a terminal may refund over any 24 hours, in minor units; 0 for no such bound. */
    public final long refundLimitPerDay;
    /** Seconds the token lasts from its registration; 0 for a token that does not expire. */
    public final long expiresInS;
    /** Set by the ledger once registered: the token's id. */
    long number;

    public RegisterToken(byte[] hash, TokenRole role, String memberId, String terminalId, long refundLimit) {
        this(hash, role, memberId, terminalId, refundLimit, 0, 0);
    }

    public RegisterToken(byte[] hash, TokenRole role, String memberId, String terminalId, long refundLimit,
                         long refundLimitPerDay, long expiresInS) {
        this.hash = hash.clone();
        this.role = role;
        this.memberId = memberId;
        this.terminalId = terminalId;
        this.refundLimit = refundLimit;
        this.refundLimitPerDay = refundLimitPerDay;
        this.expiresInS = expiresInS;
    }

    /** The id the ledger gave the token (once applied with {@code ok}). */
    public long number() {
        return number;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.registerToken(this, nowMs);
    }
}
