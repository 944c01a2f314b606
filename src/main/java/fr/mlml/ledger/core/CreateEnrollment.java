package fr.mlml.ledger.core;

/**
 * An enrollment code for a device of a member (DESIGN.md §10), by its SHA-256 only: the code is shown once to the back
 * office. It lasts {@code expiresInS} and makes, when used, a token with the role and limits given here.
 */
public final class CreateEnrollment extends Command {
    /** An enrollment code lasts at most 7 days. */
    public static final long MAX_EXPIRES_IN_S = 7L * 24 * 3600;

    public final byte[] hash;
    public final TokenRole role;
    public final String memberId;
    public final String terminalId;
    public final long refundLimit;
    public final long refundLimitPerDay;
    public final long expiresInS;

    public CreateEnrollment(byte[] hash, TokenRole role, String memberId, String terminalId, long refundLimit,
                            long refundLimitPerDay, long expiresInS) {
        this.hash = hash.clone();
        this.role = role;
        this.memberId = memberId;
        this.terminalId = terminalId;
        this.refundLimit = refundLimit;
        this.refundLimitPerDay = refundLimitPerDay;
        this.expiresInS = expiresInS;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.createEnrollment(this, nowMs);
    }
}
