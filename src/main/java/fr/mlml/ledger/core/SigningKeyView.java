package fr.mlml.ledger.core;

/** A member's (or one of its terminals') signing key as the API needs it to verify signatures. */
public record SigningKeyView(String keyId, String memberId, byte[] publicKey, String terminalId, boolean revoked) {
}
