package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This client's JCS and signing against the signed requests of the repository's
 * {@code src/test/resources/vectors/signing-vectors.json}, made by another implementation: the signed bytes and the
 * signature must match exactly.
 */
class SigningVectorsTest {
    @Test
    void everyVectorIsReproducedByteForByte() throws Exception {
        JsonNode vectors = new ObjectMapper().readTree(Path.of(System.getProperty("signing.vectors")).toFile());
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(
                HexFormat.of().parseHex(vectors.get("secret_key_hex").asText()), 0);
        assertEquals(vectors.get("public_key").asText(), new RequestSigner("any", key).publicKey());
        assertTrue(vectors.get("cases").size() >= 5, "expected the five vectors");
        for (JsonNode vector : vectors.get("cases")) {
            ObjectNode body = (ObjectNode) vector.get("request_body").deepCopy();
            body.remove("signature");
            String operation = vector.get("operation").asText();
            byte[] signed = RequestSigner.signedBytes(operation, body);
            assertEquals(vector.get("signed_bytes_utf8").asText(), new String(signed, StandardCharsets.UTF_8), operation);
            RequestSigner signer = new RequestSigner(body.get("key_id").asText(), key);
            assertEquals(vector.get("signature").asText(), signer.signature(signed), operation);
            JsonNode sent = new ObjectMapper().readTree(signer.signedBody(operation, body));
            assertEquals(vector.get("request_body"), sent, operation);
        }
    }

    @Test
    void controlCharactersAndNonAsciiAsEcmaScriptWritesThem() throws Exception {
        JsonNode value = new ObjectMapper().readTree("{\"b\":\"\\u0001\\u001f\\u007f é\",\"a\":[true,-12,{}],\"\\u00e9\":1,\"z\":0}");
        assertEquals("{\"a\":[true,-12,{}],\"b\":\"\\u0001\\u001f\u007f é\",\"z\":0,\"é\":1}",
                new String(Jcs.canonical(value), StandardCharsets.UTF_8));
    }
}
