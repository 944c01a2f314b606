package fr.mlml.ledger.core;

/**
 * A member's (or one of its terminals') signing key as the API needs it to verify signatures and to list it;
 * {@code revokedMs} is null while the key is active.
 */
public record SigningKeyView(String keyId, String memberId, byte[] publicKey, String terminalId, long registeredMs,
                             Long revokedMs) {
    public boolean revoked() {
        return revokedMs != null;
    }
}
