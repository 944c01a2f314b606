package fr.mlml.ledger.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.util.Base64;

/**
 * Ed25519 through BouncyCastle's lightweight API (much faster than the JDK's provider here). Keys and signatures
 * travel as base64url without padding (DESIGN.md §4). Thread-safe: every call uses its own signer.
 */
public final class Ed25519 {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Ed25519() {
    }

    public static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** False for a signature of the wrong length too: a bad signature is an answer, not an error. */
    public static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_BYTES) return false;
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    public static Ed25519PublicKeyParameters publicKey(byte[] encoded) {
        if (encoded.length != PUBLIC_KEY_BYTES) throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        return new Ed25519PublicKeyParameters(encoded, 0);
    }

    public static String base64url(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** Decodes base64url without padding; throws IllegalArgumentException on anything else. */
    public static byte[] fromBase64url(String text) {
        if (text.indexOf('=') >= 0) throw new IllegalArgumentException("base64url must not be padded");
        return B64D.decode(text);
    }
}
