package fr.mlml.ledger.core;

/** Registers an Ed25519 public key with which a member (or one of its terminals) signs money-moving requests. */
public final class RegisterSigningKey extends Command {
    public static final int PUBLIC_KEY_BYTES = 32;

    public final String memberId;
    /** Unique across the ledger: a request names its key by this id alone. */
    public final String keyId;
    public final byte[] publicKey;

    public RegisterSigningKey(String memberId, String keyId, byte[] publicKey) {
        this.memberId = memberId;
        this.keyId = keyId;
        this.publicKey = publicKey.clone();
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.registerSigningKey(this);
    }
}
