package fr.mlml.ledger.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The client library signs exactly as the independent implementation that made the signing vectors
 * (src/test/resources/vectors): Ed25519 being deterministic, the same bytes and the same signature for every case.
 */
class RequestSigningTest {
    @Test
    @SuppressWarnings("unchecked")
    void everyVectorIsSignedToTheSameSignature() throws IOException {
        Map<String, Object> vectors;
        try (InputStream in = getClass().getResourceAsStream("/vectors/signing-vectors.json")) {
            vectors = Json.object(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        byte[] seed = HexFormat.of().parseHex((String) vectors.get("secret_key_hex"));
        List<Object> cases = (List<Object>) vectors.get("cases");
        assertEquals(5, cases.size());
        for (Object c : cases) {
            Map<String, Object> vector = (Map<String, Object>) c;
            Map<String, Object> body = (Map<String, Object>) vector.get("request_body");
            KeyFileSigner signer = new KeyFileSigner((String) body.get("key_id"), seed);
            Map<String, Object> signed = RequestSigning.sign((String) vector.get("operation"), body, signer);
            assertEquals(vector.get("signature"), signed.get("signature"), vector.get("operation") + " "
                    + body.get("key_id"));
        }
    }

    @Test
    void canonicalJsonSortsMembersAndEscapesAsJcsSays() {
        Map<String, Object> parsed = Json.object("{\"b\":1,\"a\":[true,null,\"\\u0007\\u00e9\\n\"],\"\\u20ac\":-5}");
        assertEquals("{\"a\":[true,null,\"\\u0007é\\n\"],\"b\":1,\"€\":-5}", Json.canonical(parsed));
        assertThrows(IllegalArgumentException.class, () -> Json.canonical(Map.of("memo", "\ud800")));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
    }
}
