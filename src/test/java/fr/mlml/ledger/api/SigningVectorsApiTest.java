package fr.mlml.ledger.api;

import fr.mlml.ledger.crypto.TestVectors;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The requests another implementation signed ({@code src/test/resources/vectors/signing-vectors.json}, DESIGN.md §4)
 * go through the service's signature check as sent, and fail it once a byte of their body or signature changes.
 */
class SigningVectorsApiTest {
    @TempDir
    static Path dataDir;
    private static ApiFixture f;
    private static JsonObject vectors;
    /** The token each vector's key signs for. */
    private static final Map<String, String> TOKENS = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vectors = TestVectors.load("signing-vectors.json");
        f = new ApiFixture(dataDir, null);
        for (String business : new String[] {"boulangerie-dupont", "brasserie-du-nord"}) {
            f.member(business, "business");
            f.account("mie:" + business, business, "MIE");
            f.account("mlc:" + business, business, "MLC");
        }
        f.member("claire", "citizen");
        f.account("mlc:claire", "claire", "MLC");
        f.issue("mlc:claire", 100_000);
        f.issue("mlc:brasserie-du-nord", 100_000);
        register("dupont-k1", "boulangerie-dupont", null, f.memberToken("boulangerie-dupont"));
        register("claire-k1", "claire", null, f.memberToken("claire"));
        register("brasserie-k1", "brasserie-du-nord", null, f.memberToken("brasserie-du-nord"));
        register("boulangerie-t1", "boulangerie-dupont", "till-1", f.token("boulangerie-dupont",
                new JsonObject().put("role", "terminal").put("terminal_id", "till-1")));
    }

    /** The vectors' key under the id a vector names, for the member (or its terminal) whose token sends it. */
    private static void register(String keyId, String member, String terminalId, String token) {
        JsonObject key = new JsonObject().put("key_id", keyId).put("public_key", vectors.getString("public_key"));
        if (terminalId != null) key.put("terminal_id", terminalId);
        expect(201, f.client.post("/v1/members/" + member + "/signing-keys", ADMIN, key));
        TOKENS.put(keyId, token);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static ApiClient.Answer send(String operation, JsonObject body) {
        String path = switch (operation) {
            case "transfers" -> "/v1/transfers";
            case "conversion" -> "/v1/conversions";
            default -> "/v1/transfers/" + body.getString("id") + "/" + operation;
        };
        return f.client.call("POST", path, TOKENS.get(body.getString("key_id")), body.encode());
    }

    @Test
    void everySignedVectorIsAcceptedAndAnyChangeRefused() {
        for (Object o : vectors.getJsonArray("cases")) {
            JsonObject c = (JsonObject) o;
            String operation = c.getString("operation");
            JsonObject body = c.getJsonObject("request_body");

            String signature = body.getString("signature");
            char last = signature.charAt(signature.length() - 1);
            JsonObject badSignature = body.copy().put("signature",
                    signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A'));
            assertEquals("bad_signature", send(operation, badSignature).code(), operation);
            JsonObject otherKey = body.copy().put("key_id", body.getString("key_id").equals("claire-k1")
                    ? "dupont-k1" : "claire-k1");
            assertEquals(403, send(operation, otherKey).status(), operation);

            ApiClient.Answer a = send(operation, body);
            assertNotEquals(403, a.status(), operation + ": " + a.text());
            assertNotEquals(400, a.status(), operation + ": " + a.text());
        }
    }
}
