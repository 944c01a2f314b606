package fr.mlml.ledger.events;

import fr.mlml.ledger.crypto.LedgerKey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
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
     * Ed25519 signatures kept for endpoints that follow, by event id, each with what it signed: a bounded number,
     * whatever the number of endpoints or events.
     */
    private static final int SIGNATURES_KEPT = 1_024;

    private record Signed(long timestampS, String body, String signature) {
    }

    private final LedgerKey key;
    private final String keyId;
    /** The last signatures made, by event id, oldest first; guarded by this. */
    private final Map<String, Signed> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Signed> eldest) {
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

    /** The HMAC of an endpoint's {@code whsec_} secret, made once and kept by its endpoint (not thread-safe). */
    static Mac hmac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())),
                    "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@code webhook-signature} header: {@code v1a,<ed25519> v1,<hmac>}, {@code body} being {@code bodyBytes}'s
     * text. The Ed25519 signature covers neither the URL nor the secret, so it is the same for every endpoint sent
     * the same event in the same second; it is most of a delivery's work, and Ed25519 is deterministic: the last
     * ones made are kept, so endpoints that move together sign each event once.
     */
    String signature(String id, long timestampS, String body, byte[] bodyBytes, Mac hmac) {
        byte[] prefix = (id + "." + timestampS + ".").getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getEncoder();
        String ed25519 = recentSignature(id, timestampS, body);
        if (ed25519 == null) {
            byte[] content = ByteBuffer.allocate(prefix.length + bodyBytes.length).put(prefix).put(bodyBytes).array();
            ed25519 = keep(id, new Signed(timestampS, body, b64.encodeToString(key.sign(content))));
        }
        hmac.update(prefix);
        return "v1a," + ed25519 + " v1," + b64.encodeToString(hmac.doFinal(bodyBytes));
    }

    private synchronized String recentSignature(String id, long timestampS, String body) {
        Signed s = recent.get(id);
        return s != null && s.timestampS == timestampS && s.body.equals(body) ? s.signature : null;
    }

    private synchronized String keep(String id, Signed signed) {
        recent.put(id, signed);
        return signed.signature;
    }
}
