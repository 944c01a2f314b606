package fr.mlml.ledger.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signing key from a key file as {@code mlml-ledger keygen} writes it: the 32-byte Ed25519 seed in base64url on
 * one line. Signs with the Java platform's Ed25519 (deterministic: the same body always gets the same signature).
 */
public final class KeyFileSigner implements Signer {
    /** The DER prefix of an Ed25519 private key (RFC 8410) before its 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final String keyId;
    private final PrivateKey key;
    private final String publicKey;

    public KeyFileSigner(String keyId, byte[] seed) {
        if (seed.length != 32) throw new IllegalArgumentException("an Ed25519 key's seed is 32 bytes");
        this.keyId = keyId;
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
        System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, 32);
        try {
            this.key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            this.publicKey = publicKeyOf(seed);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 seed", e);
        }
    }

    /**
     * A new key: its seed written to {@code file}, created readable by its owner only and never overwritten, before
     * the key is used for anything.
     */
    public static KeyFileSigner create(String keyId, Path file) throws IOException {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))), Base64.getUrlEncoder().withoutPadding()
                .encodeToString(seed) + "\n", StandardCharsets.US_ASCII);
        return new KeyFileSigner(keyId, seed);
    }

    /** The public key to register (32 bytes, base64url). */
    public String publicKey() {
        return publicKey;
    }

    /**
     * The public key of a seed, with the Java platform alone: its Ed25519 key pair generator takes the seed from
     * the random source it is given, so a source that yields the seed gives that seed's key pair.
     */
    private static String publicKeyOf(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        byte[] x509 = generator.generateKeyPair().getPublic().getEncoded();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(x509, x509.length - 32,
                x509.length));
    }

    /** The key of {@code file} (made by {@code keygen}), registered as {@code keyId}. */
    public static KeyFileSigner read(String keyId, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return new KeyFileSigner(keyId, Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a key file made by keygen (one line of base64url)", e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(message);
            return ed.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java platform from 15 on", e);
        }
    }
}
