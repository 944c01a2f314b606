package fr.mlml.ledger.crypto;

import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Ed25519 under request signatures against the RFC 8032 vectors of
 * {@code src/test/resources/vectors/rfc8032-ed25519.json}.
 */
class RequestSignaturesRfc8032Test {
    private static final HexFormat HEX = HexFormat.of();

    @TestFactory
    List<DynamicTest> everyVectorSignsVerifiesAndRejectsAFlippedBit() throws IOException {
        List<JsonObject> vectors = TestVectors.load("rfc8032-ed25519.json").getJsonArray("vectors").stream()
                .map(JsonObject.class::cast).toList();
        assertFalse(vectors.isEmpty(), "no vectors in rfc8032-ed25519.json");
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.getString("name"), () -> {
            Ed25519PrivateKeyParameters key =
                    new Ed25519PrivateKeyParameters(HEX.parseHex(v.getString("secret_key_hex")));
            byte[] message = HEX.parseHex(v.getString("message_hex"));
            byte[] expected = HEX.parseHex(v.getString("signature_hex"));
            Ed25519PublicKeyParameters publicKey = Ed25519.publicKey(HEX.parseHex(v.getString("public_key_hex")));

            assertArrayEquals(publicKey.getEncoded(), key.generatePublicKey().getEncoded());
            assertArrayEquals(expected, Ed25519.sign(key, message));
            assertTrue(Ed25519.verify(publicKey, message, expected));
            for (int bit = 0; bit < expected.length * 8; bit++) {
                assertFalse(Ed25519.verify(publicKey, message, flipped(expected, bit)), "signature bit " + bit);
            }
            for (int bit = 0; bit < message.length * 8; bit++) {
                assertFalse(Ed25519.verify(publicKey, flipped(message, bit), expected), "message bit " + bit);
            }
            for (int bit = 0; bit < 256; bit++) {
                assertFalse(verifiesWithKey(flipped(publicKey.getEncoded(), bit), message, expected), "key bit " + bit);
            }
        })).toList();
    }

    static byte[] flipped(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    /** False too for a flipped key that is no longer a point of the curve. */
    private static boolean verifiesWithKey(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            return Ed25519.verify(Ed25519.publicKey(publicKey), message, signature);
        } catch (IllegalArgumentException notAPoint) {
            return false;
        }
    }
}
