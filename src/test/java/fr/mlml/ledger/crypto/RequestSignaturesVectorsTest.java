package fr.mlml.ledger.crypto;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signed requests of {@code src/test/resources/vectors/signing-vectors.json}, made by an independent
 * implementation (DESIGN.md §4): each is accepted, and rejected once any byte of its body or of its signature changes.
 */
class RequestSignaturesVectorsTest {
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final List<String> OPERATIONS = List.of("transfers", "conversion", "post", "void");

    /** One case of the file, with the file's key. */
    private record Case(String operation, JsonObject body, String signedBytes, String signature, byte[] publicKey,
                        byte[] privateKeySeed) {
        JsonObject unsignedBody() {
            JsonObject copy = body.copy();
            copy.remove("signature");
            return copy;
        }
    }

    private interface CaseCheck {
        void accept(Case c) throws Exception;
    }

    private static List<DynamicTest> forEveryCase(CaseCheck check) throws IOException {
        JsonObject vectors = TestVectors.load("signing-vectors.json");
        byte[] publicKey = Ed25519.fromBase64url(vectors.getString("public_key"));
        byte[] seed = HexFormat.of().parseHex(vectors.getString("secret_key_hex"));
        JsonArray cases = vectors.getJsonArray("cases");
        assertFalse(cases.isEmpty(), "no cases in signing-vectors.json");
        return IntStream.range(0, cases.size()).mapToObj(i -> {
            JsonObject c = cases.getJsonObject(i);
            Case vector = new Case(c.getString("operation"), c.getJsonObject("request_body"),
                    c.getString("signed_bytes_utf8"), c.getString("signature"), publicKey, seed);
            return DynamicTest.dynamicTest("case " + i + " (" + vector.operation() + ")", () -> check.accept(vector));
        }).toList();
    }

    @TestFactory
    List<DynamicTest> ourSignedBytesAreTheIndependentImplementations() throws IOException {
        return forEveryCase(c -> assertEquals(c.signedBytes(),
                new String(RequestSignatures.signedBytes(c.operation(), c.body()), StandardCharsets.UTF_8)));
    }

    @TestFactory
    List<DynamicTest> theGivenSignatureVerifies() throws IOException {
        return forEveryCase(c -> {
            assertTrue(RequestSignatures.verify(c.operation(), c.body(), c.publicKey(), c.signature()));
            assertEquals(c.signature(), c.body().getString("signature"), "the body carries the same signature");
        });
    }

    /** Ed25519 is deterministic: signing as a client does with the vectors' key gives the very same signature. */
    @TestFactory
    List<DynamicTest> signingGivesTheSameSignature() throws IOException {
        return forEveryCase(c -> assertEquals(c.signature(), RequestSignatures.sign(c.operation(), c.body(),
                c.privateKeySeed())));
    }

    @TestFactory
    List<DynamicTest> anotherOperationIsRejected() throws IOException {
        return forEveryCase(c -> {
            for (String other : OPERATIONS) {
                if (!other.equals(c.operation())) {
                    assertFalse(RequestSignatures.verify(other, c.body(), c.publicKey(), c.signature()), other);
                }
            }
        });
    }

    @TestFactory
    List<DynamicTest> everySingleByteChangeOfTheCanonicalBodyIsRejected() throws IOException {
        return forEveryCase(c -> {
            Map<String, JsonObject> changed = BodyMutations.singleBytes(c.unsignedBody());
            // Most one-byte changes break the JSON; those inside names and strings alone are plenty.
            assertTrue(changed.size() > c.signedBytes().length(), "only " + changed.size() + " changes parse");
            changed.forEach((what, body) ->
                    assertFalse(RequestSignatures.verify(c.operation(), body, c.publicKey(), c.signature()), what));
        });
    }

    @TestFactory
    List<DynamicTest> everyChangedDroppedOrAddedFieldIsRejected() throws IOException {
        return forEveryCase(c -> {
            Map<String, JsonObject> changed = BodyMutations.structural(c.body());
            changed.remove("$.signature dropped"); // not signed: dropping it changes nothing signed
            changed.remove("$.signature changed");
            assertFalse(changed.isEmpty());
            changed.forEach((what, body) ->
                    assertFalse(RequestSignatures.verify(c.operation(), body, c.publicKey(), c.signature()), what));
        });
    }

    /** The signature member is not signed: the body verifies with or without it, whatever it holds. */
    @TestFactory
    List<DynamicTest> theSignatureMemberIsNotSigned() throws IOException {
        return forEveryCase(c -> {
            JsonObject without = c.unsignedBody();
            assertTrue(RequestSignatures.verify(c.operation(), without, c.publicKey(), c.signature()));
            assertTrue(RequestSignatures.verify(c.operation(), without.copy().put("signature", 42), c.publicKey(),
                    c.signature()));
        });
    }

    @TestFactory
    List<DynamicTest> everyChangedCharacterOrBitOfTheSignatureIsRejected() throws IOException {
        return forEveryCase(c -> {
            String signature = c.signature();
            for (int i = 0; i < signature.length(); i++) {
                for (char other : BASE64URL.toCharArray()) {
                    if (other == signature.charAt(i)) continue;
                    String changed = signature.substring(0, i) + other + signature.substring(i + 1);
                    assertFalse(RequestSignatures.verify(c.operation(), c.body(), c.publicKey(), changed), changed);
                }
            }
            byte[] bytes = Ed25519.fromBase64url(signature);
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                String changed = Ed25519.base64url(RequestSignaturesRfc8032Test.flipped(bytes, bit));
                assertFalse(RequestSignatures.verify(c.operation(), c.body(), c.publicKey(), changed), "bit " + bit);
            }
        });
    }

    /** Without the vectors these tests fail: they never pass or skip for want of them. */
    @Test
    void aMissingVectorFileFailsTheTests() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> TestVectors.load("no-such-vectors.json"));
        assertTrue(failure.getMessage().contains("no-such-vectors.json is missing"), failure.getMessage());
    }
}
