package fr.mlml.ledger.events;

import fr.mlml.ledger.crypto.LedgerKey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs deliveries as Standard Webhooks 1.0 says: over {@code <webhook-id>.<webhook-timestamp>.<body>}, {@code v1a}
 * an Ed25519 signature by the ledger's webhook key (a key of its own, not the audit chain's, published as
 * {@code whpk_…}) and {@code v1} an HMAC-SHA256 with the endpoint's {@code whsec_…} secret, both standard base64.
 */
public final class WebhookSigner {
    public static final String KEY_FILE = "webhook-key";
    private static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Ed25519 signatures kept for endpoints that follow, each with what it signs (an event's text, mostly under a
     * kilobyte): a bounded number, whatever the number of endpoints or events.
     */
    private static final int SIGNATURES_KEPT = 1_024;

    private final LedgerKey key;
    private final String keyId;
    /** The last signatures made, by what they sign, oldest first; guarded by this. */
    private final Map<String, String> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > SIGNATURES_KEPT;
        }
    };

    public WebhookSigner(LedgerKey key) {
        this.key = key;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.publicKey.getEncoded());
            this.keyId = "whk_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as receivers configure it. */
    public String publicKey() {
        return "whpk_" + Base64.getEncoder().encodeToString(key.publicKey.getEncoded());
    }

    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    /**
     * The {@code webhook-signature} header: {@code v1a,<ed25519> v1,<hmac>}. The Ed25519 signature covers neither the
     * URL nor the secret, so it is the same for every endpoint sent the same event in the same second; it is most of
     * a delivery's work, and Ed25519 is deterministic: the last ones made are kept by what they sign, so endpoints
     * that move together sign each event once.
     */
    String signature(String id, long timestampS, String body, String secret) {
        String signed = id + "." + timestampS + "." + body;
        byte[] content = signed.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getEncoder();
        String ed25519 = recentSignature(signed);
        if (ed25519 == null) ed25519 = keep(signed, b64.encodeToString(key.sign(content)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())),
                    "HmacSHA256"));
            return "v1a," + ed25519 + " v1," + b64.encodeToString(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized String recentSignature(String signed) {
        return recent.get(signed);
    }

    private synchronized String keep(String signed, String signature) {
        recent.put(signed, signature);
        return signature;
    }
}
