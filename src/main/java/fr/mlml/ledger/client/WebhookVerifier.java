package fr.mlml.ledger.client;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Checks that a webhook delivery comes from the ledger, as Standard Webhooks 1.0 says: the {@code webhook-signature}
 * header holds {@code v1,<HMAC-SHA256 with the endpoint's whsec_ secret>} and {@code v1a,<Ed25519 by the ledger's
 * whpk_ key>} over {@code <webhook-id>.<webhook-timestamp>.<body>}; a timestamp more than the tolerance away from
 * now is refused (a replay). Either way is enough: give the secret, the public key, or both (then both must check).
 */
public final class WebhookVerifier {
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;
    private final PublicKey publicKey;
    private final Duration tolerance;

    /** {@code secret} ({@code whsec_…}) or {@code publicKey} ({@code whpk_…}) may be null, not both. */
    public WebhookVerifier(String secret, String publicKey, Duration tolerance) {
        if (secret == null && publicKey == null) throw new IllegalArgumentException("give a whsec_ secret or a whpk_ key");
        this.secret = secret == null ? null : decode(secret, "whsec_");
        this.publicKey = publicKey == null ? null : Ed25519Keys.publicKey(decode(publicKey, "whpk_"));
        this.tolerance = tolerance;
    }

    /** Whether the delivery's headers sign its body, at {@code now}. */
    public boolean verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body,
                          Instant now) {
        if (webhookId == null || webhookTimestamp == null || webhookSignature == null) return false;
        long timestamp;
        try {
            timestamp = Long.parseLong(webhookTimestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) return false;
        byte[] prefix = (webhookId + "." + webhookTimestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        boolean hmacOk = secret == null, ed25519Ok = publicKey == null;
        for (String signature : webhookSignature.trim().split(" +")) {
            byte[] value = base64(signature.substring(signature.indexOf(',') + 1));
            if (value == null) continue;
            if (signature.startsWith("v1,") && secret != null) hmacOk |= MessageDigest.isEqual(value, hmac(content));
            if (signature.startsWith("v1a,") && publicKey != null) ed25519Ok |= Ed25519Keys.verifies(publicKey, content, value);
        }
        return hmacOk && ed25519Ok;
    }

    private byte[] hmac(byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
        }
    }

    private static byte[] decode(String text, String prefix) {
        if (!text.startsWith(prefix)) throw new IllegalArgumentException("expected " + prefix + "…");
        byte[] bytes = base64(text.substring(prefix.length()));
        if (bytes == null) throw new IllegalArgumentException(prefix + "… is not followed by base64");
        return bytes;
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
