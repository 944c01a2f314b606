package fr.mlml.ledger.core;

/**
 * A device uses an enrollment code (DESIGN.md §10): in one step the code is spent, the device's key is registered
 * (to the terminal, for a terminal's code) and its token too. Nothing happens unless all of it does: an unknown,
 * used or expired code answers {@code enrollment_invalid}, a key id already taken leaves the code unused.
 */
public final class Enroll extends Command {
    public static final int MAX_DEVICE_NAME = 64;

    public final byte[] codeHash;
    public final String keyId;
    public final byte[] publicKey;
    public final byte[] tokenHash;
    /** What the device calls itself (1 to {@link #MAX_DEVICE_NAME} characters), or null. */
    public final String deviceName;
    /** Set by the ledger once applied with {@code ok}: the device's token's id. */
    long tokenNumber;

    public Enroll(byte[] codeHash, String keyId, byte[] publicKey, byte[] tokenHash, String deviceName) {
        this.codeHash = codeHash.clone();
        this.keyId = keyId;
        this.publicKey = publicKey.clone();
        this.tokenHash = tokenHash.clone();
        this.deviceName = deviceName;
    }

    public long tokenNumber() {
        return tokenNumber;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.enroll(this, nowMs);
    }
}
