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

    private final LedgerKey key;
    private final String keyId;

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

    /** The {@code webhook-signature} header: {@code v1a,<ed25519> v1,<hmac>}. */
    String signature(String id, long timestampS, String body, String secret) {
        byte[] content = (id + "." + timestampS + "." + body).getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getEncoder();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())),
                    "HmacSHA256"));
            return "v1a," + b64.encodeToString(key.sign(content)) + " v1," + b64.encodeToString(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
