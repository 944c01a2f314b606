package fr.mlml.ledger.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a request is refused, each an RFC 9457 problem with its stable code (and the field at fault for a
 * 400), and none of them changing the ledger.
 */
class RejectionsTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path slowDir;
    private static ApiFixture f;
    private static String citizenToken;
    private static ApiFixture.Signer citizenKey;
    private static ApiFixture.Signer shopKey;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null);
        f.member("rj-claire", "citizen");
        f.account("mlc:rj-claire", "rj-claire", "MLC");
        f.member("rj-shop", "business");
        f.account("mlc:rj-shop", "rj-shop", "MLC");
        f.issue("mlc:rj-claire", 10_000);
        citizenToken = f.memberToken("rj-claire");
        citizenKey = f.key("rj-claire", "rj-claire-phone");
        shopKey = f.key("rj-shop", "rj-shop-office");
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static void problem(ApiClient.Answer a, int status, String code) {
        assertEquals(status, a.status(), a.text());
        assertEquals("application/problem+json", a.header("Content-Type"));
        JsonObject p = a.json();
        assertEquals(code, p.getString("code"), a.text());
        assertEquals(status, p.getInteger("status"));
        assertNotNull(p.getString("type"));
        assertNotNull(p.getString("title"));
        assertNotNull(p.getString("detail"));
    }

    private static void invalid(ApiClient.Answer a, String field) {
        problem(a, 400, "invalid_request");
        assertEquals(field, a.json().getString("field"), a.text());
    }

    private static ApiClient.Answer sendTransfers(JsonObject body) {
        return f.client.post("/v1/transfers", citizenToken, citizenKey.sign("transfers", body));
    }

    private static JsonObject oneTransfer() {
        return transfer("mlc:rj-claire", "mlc:rj-shop", 100, "MLC");
    }

    private static long chainSequence() {
        return f.client.get("/v1/audit/chain", ADMIN).json().getLong("sequence");
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAtFaultAndChangeNothing() {
        long before = chainSequence();
        String memberBody = "{\"id\":\"rj-x\",\"name\":\"X\",\"kind\":\"citizen\"";
        invalid(f.client.call("POST", "/v1/members", ADMIN, memberBody + ",\"id\":\"rj-y\"}"), null);
        invalid(f.client.call("POST", "/v1/members", ADMIN, memberBody + "} {}"), null);
        invalid(f.client.call("POST", "/v1/members", ADMIN, memberBody), null);
        invalid(f.client.call("POST", "/v1/members", ADMIN, "[1]"), null);
        invalid(f.client.call("POST", "/v1/members", ADMIN, memberBody + ",\"vip\":true}"), "vip");
        invalid(f.client.post("/v1/members", ADMIN, new JsonObject().put("id", "Rj-Upper").put("name", "X")
                .put("kind", "citizen")), "id");
        invalid(f.client.post("/v1/members", ADMIN, new JsonObject().put("id", "rj-z").put("name", "X")
                .put("kind", "alien")), "kind");
        invalid(f.client.post("/v1/members", ADMIN, new JsonObject().put("id", "rj-z").put("kind", "citizen")),
                "name");

        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("amount", "100"))), "transfers[0].amount");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("amount", 0))), "transfers[0].amount");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("amount", 1.5))), "transfers[0].amount");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("amount",
                new java.math.BigInteger("9223372036854775808")))), "transfers[0].amount");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("id", "not-a-uuid"))), "transfers[0].id");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("memo", "x".repeat(JsonInput.MAX_MEMO + 1)))),
                "transfers[0].memo");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("pending_timeout_s", 100_000_000))),
                "transfers[0].pending_timeout_s");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("colour", "red"))), "transfers[0].colour");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer().put("debit_account", "MLC:RJ"))),
                "transfers[0].debit_account");
        invalid(sendTransfers(new JsonObject().put("transfers", new JsonArray())), "transfers");
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i < 1_001; i++) tooMany.add(oneTransfer());
        invalid(sendTransfers(new JsonObject().put("transfers", tooMany)), "transfers");
        invalid(sendTransfers(ApiFixture.transfers(oneTransfer()).put("atomic", "yes")), "atomic");

        String id = UUID.randomUUID().toString();
        invalid(f.client.post("/v1/transfers/" + id + "/post", citizenToken, citizenKey.sign("post",
                new JsonObject().put("id", UUID.randomUUID().toString()))), "id");
        invalid(f.client.post("/v1/conversions", citizenToken, citizenKey.sign("conversion", new JsonObject()
                .put("id", id).put("from_account", "mlc:rj-claire").put("amount", 10))), "to_account");
        invalid(f.client.post("/v1/members/rj-shop/signing-keys", ADMIN, new JsonObject().put("key_id", "k")
                .put("public_key", "AAAA")), "public_key");
        invalid(f.client.post("/v1/members/rj-shop/tokens", ADMIN, new JsonObject().put("role", "admin")), "role");
        invalid(f.client.post("/v1/members/rj-shop/tokens", ADMIN, new JsonObject().put("role", "terminal")),
                "terminal_id");
        assertEquals(before, chainSequence(), "no refused request reached the journal");
    }

    @Test
    void badSignaturesAreRefusedAndChangeNothing() {
        long before = chainSequence();
        JsonObject body = ApiFixture.transfers(oneTransfer());
        JsonObject byAnotherKey = shopKey.sign("transfers", body).put("key_id", citizenKey.keyId());
        problem(f.client.post("/v1/transfers", citizenToken, byAnotherKey), 403, "bad_signature");
        JsonObject tampered = citizenKey.sign("transfers", body);
        tampered.getJsonArray("transfers").getJsonObject(0).put("amount", 99);
        problem(f.client.post("/v1/transfers", citizenToken, tampered), 403, "bad_signature");
        problem(f.client.post("/v1/transfers", citizenToken, citizenKey.sign("transfers", body)
                .put("signature", "not base64url!")), 403, "bad_signature");
        problem(f.client.post("/v1/transfers", citizenToken, shopKey.sign("transfers", body)), 403, "bad_signature");
        problem(f.client.post("/v1/transfers", citizenToken, citizenKey.sign("void", body)), 403, "bad_signature");
        JsonObject unknownKey = citizenKey.sign("transfers", body.copy().put("key_id", "nobody"));
        problem(f.client.post("/v1/transfers", citizenToken, unknownKey.put("key_id", "nobody")), 403,
                "bad_signature");
        assertEquals(before, chainSequence());
    }

    @Test
    void unauthenticatedForbiddenMissingAndExistingAreTold() {
        problem(f.client.get("/v1/directory", null), 401, "unauthorized");
        problem(f.client.get("/v1/directory", "wrong"), 401, "unauthorized");
        problem(f.client.post("/v1/members", f.staffToken("auditor"), new JsonObject()), 403, "forbidden");
        problem(f.client.get("/v1/members/nobody", ADMIN), 404, "not_found");
        problem(f.client.get("/v1/accounts/mlc:nobody", ADMIN), 404, "not_found");
        problem(f.client.get("/v1/transfers/" + UUID.randomUUID(), ADMIN), 404, "not_found");
        problem(f.client.get("/v1/transfers/42", ADMIN), 404, "not_found");
        problem(f.client.get("/v1/nowhere", ADMIN), 404, "not_found");
        problem(f.client.delete("/v1/members/rj-shop/signing-keys/rj-claire-phone", ADMIN), 404, "not_found");
        problem(f.client.post("/v1/accounts", ADMIN, new JsonObject().put("id", "mlc:rj-ghost")
                .put("member_id", "ghost").put("currency", "MLC")), 404, "unknown_member");

        problem(f.client.post("/v1/members", ADMIN, new JsonObject().put("id", "rj-claire").put("name", "Member rj-claire")
                .put("kind", "citizen")), 409, "exists");
        problem(f.client.post("/v1/members", ADMIN, new JsonObject().put("id", "rj-claire").put("name", "Other")
                .put("kind", "citizen")), 409, "exists_with_different_fields");
        problem(f.client.post("/v1/members/rj-shop/signing-keys", ADMIN, new JsonObject()
                .put("key_id", "rj-claire-phone").put("public_key", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")),
                409, "exists_with_different_fields");
        problem(f.client.patch("/v1/accounts/mlc:rj-claire", ADMIN, new JsonObject().put("status", "closed")), 409,
                "account_not_empty");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String big = "{\"memo\":\"" + "x".repeat((int) LedgerApi.MAX_BODY_BYTES) + "\"}";
        problem(f.client.call("POST", "/v1/members", ADMIN, big), 413, "too_large");
    }

    @Test
    void aTokenOverItsRateIsToldWhenToComeBack() throws Exception {
        try (ApiFixture slow = new ApiFixture(slowDir, null, 1, 1024)) {
            // One a second, bursts of two: back to back, the third is refused unless the machine stalled a second
            // in between, so the test allows a few more before it must be.
            ApiClient.Answer limited = null;
            for (int i = 0; i < 10 && (limited == null || limited.status() == 200); i++) {
                limited = slow.client.get("/v1/directory", ADMIN);
            }
            problem(limited, 429, "rate_limited");
            assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
        }
    }

    @Test
    void aFullEngineQueueAnswersOverloaded(@TempDir Path dir) throws Exception {
        try (ApiFixture tiny = new ApiFixture(dir, null, 1e9, 1)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tiny.service.port()
                        + "/v1/reconciliation")).header("Authorization", "Bearer " + ADMIN).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            HttpResponse<String> overloaded = null;
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get();
                if (r.statusCode() == 503) overloaded = r;
                else assertEquals(200, r.statusCode(), r.body());
            }
            assertNotNull(overloaded, "400 reads at once overflow a queue of one");
            assertEquals("overloaded", new JsonObject(overloaded.body()).getString("code"));
            assertEquals("1", overloaded.headers().firstValue("Retry-After").orElseThrow());
        }
    }
}
