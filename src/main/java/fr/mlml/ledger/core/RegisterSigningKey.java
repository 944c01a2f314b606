package fr.mlml.ledger.core;

/**
 * Registers an Ed25519 public key with which a member signs money-moving requests, or, with a terminal id, one of its
 * terminals (DESIGN.md §4: a terminal has its own key, which its member's other tokens cannot use, and it uses no
 * other).
 */
public final class RegisterSigningKey extends Command {
    public static final int PUBLIC_KEY_BYTES = 32;

    public final String memberId;
    /** Unique across the ledger: a request names its key by this id alone. */
    public final String keyId;
    public final byte[] publicKey;
    /** The terminal whose key this is; null for the member's own key. */
    public final String terminalId;

    public RegisterSigningKey(String memberId, String keyId, byte[] publicKey, String terminalId) {
        this.memberId = memberId;
        this.keyId = keyId;
        this.publicKey = publicKey.clone();
        this.terminalId = terminalId;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.registerSigningKey(this, nowMs);
    }
}
