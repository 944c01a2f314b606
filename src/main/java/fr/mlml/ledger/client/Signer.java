package fr.mlml.ledger.client;

/**
 * Signs requests with one registered signing key. A key file ({@link KeyFileSigner}) is one way; a key held elsewhere
 * (a hardware module, a phone) implements this, so the private key never has to enter the caller's process.
 */
public interface Signer {
    /** The key's id, as the back office registered it. */
    String keyId();

    /** The Ed25519 signature (64 bytes) of {@code message}. */
    byte[] sign(byte[] message);
}
