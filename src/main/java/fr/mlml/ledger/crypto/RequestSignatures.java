package fr.mlml.ledger.crypto;

import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Set;

/**
 * Signatures of money-moving requests (DESIGN.md §4): Ed25519 over {@code mlml-ledger/v1/<operation>\n} followed by
 * the RFC 8785 canonical JSON of the body without its {@code signature} member. Thread-safe: no shared state.
 */
public final class RequestSignatures {
    private static final Set<String> OPERATIONS = Set.of("transfers", "conversion", "post", "void", "enroll");

    private RequestSignatures() {
    }

    /**
     * "mlml-ledger/v1/" + operation + "\n" + JCS(body without its "signature" member), UTF-8.
     *
     * @throws IllegalArgumentException for an operation other than {@code transfers}, {@code conversion}, {@code enroll},
     *                                  {@code post} and {@code void}, or a body JCS refuses (see {@link Jcs})
     */
    public static byte[] signedBytes(String operation, JsonObject body) {
        if (!OPERATIONS.contains(operation)) throw new IllegalArgumentException("unknown operation: " + operation);
        // A shallow copy is enough to leave the caller's body untouched: only its top level loses a member.
        JsonObject unsigned = new JsonObject(new HashMap<>(body.getMap()));
        unsigned.remove("signature");
        byte[] prefix = ("mlml-ledger/v1/" + operation + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] canonical = Jcs.canonicalize(unsigned);
        byte[] message = new byte[prefix.length + canonical.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(canonical, 0, message, prefix.length, canonical.length);
        return message;
    }

    /**
     * True only if signatureB64url (base64url, no padding, 64 bytes) is a valid Ed25519 signature by the 32-byte
     * publicKey over signedBytes(operation, body). Never throws on malformed input: returns false.
     */
    public static boolean verify(String operation, JsonObject body, byte[] publicKey, String signatureB64url) {
        if (publicKey == null) return false;
        try {
            return verifyDecoded(operation, body, Ed25519.publicKey(publicKey), signatureB64url);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The same with the public key already decoded, as the service keeps each registered key. */
    public static boolean verifyDecoded(String operation, JsonObject body, Ed25519PublicKeyParameters publicKey,
                                 String signatureB64url) {
        if (operation == null || body == null || publicKey == null || signatureB64url == null) return false;
        try {
            byte[] signature = Ed25519.fromBase64url(signatureB64url);
            // The decoder ignores the unused low bits of the last character: insist on the one spelling, so that a
            // changed character never passes for the same signature.
            if (!Ed25519.base64url(signature).equals(signatureB64url)) return false;
            return Ed25519.verify(publicKey, signedBytes(operation, body), signature);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Signs as a client would: returns base64url signature (no padding) of signedBytes with the 32-byte seed. */
    public static String sign(String operation, JsonObject body, byte[] privateKeySeed) {
        if (privateKeySeed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key seed is 32 bytes");
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(privateKeySeed, 0);
        return Ed25519.base64url(Ed25519.sign(key, signedBytes(operation, body)));
    }
}
