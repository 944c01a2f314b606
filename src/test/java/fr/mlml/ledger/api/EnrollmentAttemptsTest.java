package fr.mlml.ledger.api;

import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.RequestSignatures;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guessing enrollment codes: an address that failed ten times is refused (429 with Retry-After) before its body is
 * read, even with a good code, while a device that enrols at once is never counted.
 */
class EnrollmentAttemptsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dataDir;

    private static String body(String code) {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);
        JsonObject body = new JsonObject().put("code", code).put("key_id", "k-" + RANDOM.nextInt(1 << 30))
                .put("public_key", Ed25519.base64url(key.generatePublicKey().getEncoded()));
        return body.put("signature", RequestSignatures.sign("enroll", body, key.getEncoded())).encode();
    }

    @Test
    void tenFailedAttemptsFromAnAddressAndItWaits() throws Exception {
        try (ApiFixture f = new ApiFixture(dataDir, null)) {
            f.member("guessed", "citizen");
            for (int i = 0; i < 12; i++) {
                String code = expect(201, f.client.post("/v1/members/guessed/enrollments", ADMIN,
                        new JsonObject().put("role", "member"))).json().getString("code");
                assertEquals(201, f.client.call("POST", "/v1/enrollments", null, body(code)).status(),
                        "a device that enrols at once is not counted");
            }
            for (int i = 0; i < 10; i++) {
                ApiClient.Answer a = f.client.call("POST", "/v1/enrollments", null, body(String.format("%032x", i)));
                assertEquals("enrollment_invalid", a.code(), a.text());
            }
            String good = expect(201, f.client.post("/v1/members/guessed/enrollments", ADMIN,
                    new JsonObject().put("role", "member"))).json().getString("code");
            ApiClient.Answer refused = f.client.call("POST", "/v1/enrollments", null, body(good));
            assertEquals(429, refused.status(), refused.text());
            assertEquals("rate_limited", refused.code());
            assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1, refused.header("Retry-After"));
        }
    }
}
