package fr.mlml.ledger.core;

/** Revokes a member's signing key for good: commands signed with it and applied from now on are refused. */
public final class RevokeSigningKey extends Command {
    public final String memberId;
    public final String keyId;

    public RevokeSigningKey(String memberId, String keyId) {
        this.memberId = memberId;
        this.keyId = keyId;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.revokeSigningKey(this, nowMs);
    }
}
