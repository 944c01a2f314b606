package fr.mlml.ledger.crypto;

import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestSignaturesTest {
    private static final byte[] SEED = new byte[32];
    private static final byte[] PUBLIC_KEY = new Ed25519PrivateKeyParameters(SEED).generatePublicKey().getEncoded();

    private static JsonObject body() {
        return new JsonObject("""
                {"id": "c0ffee00-1111-4222-8333-444455556666", "from_account": "mlc:brasserie-du-nord",
                 "to_currency": "EUR", "amount": 2000, "key_id": "brasserie-k1"}""");
    }

    @Test
    void signedBytesArePrefixedByTheOperationAndLeaveOutTheSignature() {
        JsonObject body = body().put("signature", "whatever");
        assertEquals("mlml-ledger/v1/conversion\n{\"amount\":2000,\"from_account\":\"mlc:brasserie-du-nord\","
                        + "\"id\":\"c0ffee00-1111-4222-8333-444455556666\",\"key_id\":\"brasserie-k1\","
                        + "\"to_currency\":\"EUR\"}",
                new String(RequestSignatures.signedBytes("conversion", body), StandardCharsets.UTF_8));
        assertEquals("whatever", body.getString("signature"), "the caller's body is left as it was");
    }

    @Test
    void onlyTheFourOperationsAreSigned() {
        for (String operation : List.of("transfers", "conversion", "post", "void")) {
            String signature = RequestSignatures.sign(operation, body(), SEED);
            assertTrue(RequestSignatures.verify(operation, body(), PUBLIC_KEY, signature), operation);
        }
        for (String operation : List.of("", "Transfers", "transfer", "void\n", "chain")) {
            assertThrows(IllegalArgumentException.class, () -> RequestSignatures.signedBytes(operation, body()));
            assertThrows(IllegalArgumentException.class, () -> RequestSignatures.sign(operation, body(), SEED));
            assertFalse(RequestSignatures.verify(operation, body(), PUBLIC_KEY, "x"));
        }
    }

    @Test
    void aSignatureBindsItsKey() {
        Ed25519PrivateKeyParameters other = new Ed25519PrivateKeyParameters(new SecureRandom());
        String signature = RequestSignatures.sign("post", body(), other.getEncoded());
        assertTrue(RequestSignatures.verify("post", body(), other.generatePublicKey().getEncoded(), signature));
        assertFalse(RequestSignatures.verify("post", body(), PUBLIC_KEY, signature));
    }

    @Test
    void signingRefusesASeedOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> RequestSignatures.sign("post", body(), new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> RequestSignatures.sign("post", body(), new byte[33]));
    }

    /** Whatever arrives, verify answers false and never throws. */
    @Test
    void malformedInputIsRejectedWithoutThrowing() {
        String good = RequestSignatures.sign("void", body(), SEED);
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        byte[] signatureBytes = Ed25519.fromBase64url(good);

        assertTrue(RequestSignatures.verify("void", body(), PUBLIC_KEY, good));
        assertFalse(RequestSignatures.verify(null, body(), PUBLIC_KEY, good));
        assertFalse(RequestSignatures.verify("void", null, PUBLIC_KEY, good));
        assertFalse(RequestSignatures.verify("void", body(), null, good));
        assertFalse(RequestSignatures.verify("void", body(), PUBLIC_KEY, null));
        assertFalse(RequestSignatures.verify("void", body(), new byte[31], good));
        assertFalse(RequestSignatures.verify("void", body(), new byte[33], good));
        assertFalse(RequestSignatures.verify("void", body(), notAPoint, good));
        assertFalse(RequestSignatures.verify("void", body(), PUBLIC_KEY, ""));
        assertFalse(RequestSignatures.verify("void", body(), PUBLIC_KEY, good + "=="), "padded");
        assertFalse(RequestSignatures.verify("void", body(), PUBLIC_KEY, good + "A"), "too long");
        assertFalse(RequestSignatures.verify("void", body(), PUBLIC_KEY, good.substring(1)), "too short");
        assertFalse(RequestSignatures.verify("void", body(), PUBLIC_KEY, " " + good), "space");
        assertFalse(RequestSignatures.verify("void", body(), PUBLIC_KEY,
                Base64.getEncoder().withoutPadding().encodeToString(signatureBytes)), "not url-safe");
        assertFalse(RequestSignatures.verify("void", body(), PUBLIC_KEY,
                Ed25519.base64url(Arrays.copyOf(signatureBytes, 63))), "63 bytes");
        assertFalse(RequestSignatures.verify("void", body().put("amount", Double.NaN), PUBLIC_KEY, good));
        assertFalse(RequestSignatures.verify("void", body().put("memo", "\ud800"), PUBLIC_KEY, good));
        assertFalse(RequestSignatures.verify("void", body().put("when", new Object()), PUBLIC_KEY, good));
    }

    /** Verification runs on every event loop at once: concurrent calls give the answers a lone call gives. */
    @Test
    void verifyingInParallelGivesTheSameAnswers() throws Exception {
        List<JsonObject> bodies = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            JsonObject body = body().put("amount", 1000 + i);
            bodies.add(body);
            signatures.add(RequestSignatures.sign("conversion", body, SEED));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int answersRight = 0;
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < bodies.size(); i++) {
                            JsonObject body = bodies.get(i);
                            if (RequestSignatures.verify("conversion", body, PUBLIC_KEY, signatures.get(i))) {
                                answersRight++;
                            }
                            String another = signatures.get((i + 1) % signatures.size());
                            if (!RequestSignatures.verify("conversion", body, PUBLIC_KEY, another)) answersRight++;
                        }
                    }
                    return answersRight;
                }));
            }
            for (Future<Integer> result : results) assertEquals(50 * 16 * 2, result.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
