package fr.mlml.ledger.client;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 public keys from their 32 raw bytes, and verification, with the Java platform alone (Java 15 on). */
final class Ed25519Keys {
    /** The DER prefix of an Ed25519 public key (RFC 8410), before its 32 raw bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Keys() {
    }

    static PublicKey publicKey(byte[] raw) {
        if (raw == null || raw.length != 32) throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        try {
            byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
            System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(message);
            return ed.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
