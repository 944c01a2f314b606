package fr.mlml.ledger.core;

/** A member's signing key as the API needs it to verify signatures. */
public record SigningKeyView(String keyId, String memberId, byte[] publicKey, boolean revoked) {
}
