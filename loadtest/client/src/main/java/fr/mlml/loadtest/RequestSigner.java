package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs request bodies as DESIGN.md §4 says: Ed25519 over the UTF-8 of {@code mlml-ledger/v1/<operation>\n}
 * followed by the JCS form of the body without its {@code signature} member. Keys and signatures are base64url
 * without padding.
 */
public final class RequestSigner {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String keyId;
    private final Ed25519PrivateKeyParameters key;

    public RequestSigner(String keyId, Ed25519PrivateKeyParameters key) {
        this.keyId = keyId;
        this.key = key;
    }

    public static RequestSigner generate(String keyId, SecureRandom random) {
        return new RequestSigner(keyId, new Ed25519PrivateKeyParameters(random));
    }

    public String keyId() {
        return keyId;
    }

    public String publicKey() {
        return B64.encodeToString(key.generatePublicKey().getEncoded());
    }

    private static byte[] domain(String operation) {
        return ("mlml-ledger/v1/" + operation + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes the signature covers; {@code body} must not hold a signature yet. */
    public static byte[] signedBytes(String operation, ObjectNode body) {
        byte[] domain = domain(operation);
        byte[] canonical = Jcs.canonical(body);
        byte[] message = Arrays.copyOf(domain, domain.length + canonical.length);
        System.arraycopy(canonical, 0, message, domain.length, canonical.length);
        return message;
    }

    public String signature(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return B64.encodeToString(signer.generateSignature());
    }

    /**
     * Sets {@code key_id} and answers the body to send: its canonical form with the signature member added last
     * (member order does not matter to a JSON reader, and this spares a second serialization).
     */
    public byte[] signedBody(String operation, ObjectNode body) {
        body.put("key_id", keyId);
        byte[] message = signedBytes(operation, body);
        byte[] tail = (",\"signature\":\"" + signature(message) + "\"}").getBytes(StandardCharsets.UTF_8);
        int start = domain(operation).length;
        int withoutBrace = message.length - start - 1;
        byte[] out = Arrays.copyOfRange(message, start, start + withoutBrace + tail.length);
        System.arraycopy(tail, 0, out, withoutBrace, tail.length);
        return out;
    }
}
