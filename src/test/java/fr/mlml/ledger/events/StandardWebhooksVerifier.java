package fr.mlml.ledger.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A receiver's check of Standard Webhooks 1.0 signatures, written from the specification with the JDK alone (no
 * code of the ledger's): the signed content is {@code <webhook-id>.<webhook-timestamp>.<body>}; {@code v1} is
 * HMAC-SHA256 keyed by the base64 after {@code whsec_}, {@code v1a} Ed25519 under the {@code whpk_} key; the header
 * holds space-separated {@code <version>,<base64>} pairs, any of which may match.
 */
public final class StandardWebhooksVerifier {
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private StandardWebhooksVerifier() {
    }

    public static boolean hmacValid(String secret, String id, String timestamp, byte[] body, String header)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal(content(id, timestamp, body));
        for (String sig : header.split(" ")) {
            if (sig.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(sig.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    public static boolean ed25519Valid(String publicKey, String id, String timestamp, byte[] body, String header)
            throws Exception {
        byte[] raw = Base64.getDecoder().decode(publicKey.substring("whpk_".length()));
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        for (String sig : header.split(" ")) {
            if (!sig.startsWith("v1a,")) continue;
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(content(id, timestamp, body));
            if (verifier.verify(Base64.getDecoder().decode(sig.substring(4)))) return true;
        }
        return false;
    }

    private static byte[] content(String id, String timestamp, byte[] body) {
        byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
