package fr.mlml.ledger.api;

import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.RequestSignatures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The credentials the back office manages, through the HTTP API on a real service: tokens with ids, expiry, last use
 * and revocation (on every event loop, and after a restart), signing keys listed, and devices enrolling with a code
 * once. Run on each journal ({@link FileCredentialsTest}, {@link PgCredentialsTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CredentialsContract {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    ApiFixture f;

    abstract ApiFixture open() throws Exception;

    @BeforeAll
    void start() throws Exception {
        f = open();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private String shop() {
        String id = "cred-shop-" + NEXT.incrementAndGet();
        f.member(id, "business");
        f.account("mlc:" + id, id, "MLC");
        return id;
    }

    private JsonObject newToken(String member, JsonObject body) {
        return expect(201, f.client.post("/v1/members/" + member + "/tokens", ADMIN, body)).json();
    }

    private JsonArray tokensOf(String member, String token) {
        return expect(200, f.client.get("/v1/members/" + member + "/tokens", token)).json().getJsonArray("items");
    }

    private static JsonObject byId(JsonArray items, String field, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.getJsonObject(i).getString(field))) return items.getJsonObject(i);
        }
        return null;
    }

    @Test
    void aTokenIsAnsweredWithItsIdAndListedWithoutItsSecret() {
        String shop = shop();
        JsonObject member = newToken(shop, new JsonObject().put("role", "member"));
        JsonObject till = newToken(shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-1")
                .put("refund_limit", 2_000).put("refund_limit_per_day", 10_000).put("expires_in_s", 86_400));
        assertTrue(member.getString("id").matches("tok_[0-9]+"), member.encode());
        assertNull(member.getString("expires_at"), "no expires_in_s: a token that does not expire");
        Instant expires = Instant.parse(till.getString("expires_at"));
        Instant created = Instant.parse(till.getString("created_at"));
        assertEquals(86_400, expires.getEpochSecond() - created.getEpochSecond());
        expect(200, f.client.get("/v1/accounts/mlc:" + shop, member.getString("token")));

        for (String reader : new String[] {ADMIN, member.getString("token")}) {
            JsonArray items = tokensOf(shop, reader);
            assertEquals(2, items.size(), items.encode());
            JsonObject t = byId(items, "id", till.getString("id"));
            assertEquals("terminal", t.getString("role"));
            assertEquals("till-1", t.getString("terminal_id"));
            assertEquals(2_000, t.getLong("refund_limit"));
            assertEquals(10_000, t.getLong("refund_limit_per_day"));
            assertEquals("active", t.getString("status"));
            assertEquals(till.getString("expires_at"), t.getString("expires_at"));
            String text = items.encode();
            assertFalse(text.contains(member.getString("token")) || text.contains(till.getString("token")),
                    "never a token");
            for (Object o : items) assertFalse(((JsonObject) o).containsKey("token") || ((JsonObject) o)
                    .containsKey("hash"), "never a secret nor a hash: " + o);
            assertNotNull(byId(items, "id", member.getString("id")).getString("last_used_at"), "the member token was used");
        }
        String other = shop();
        expect(403, f.client.get("/v1/members/" + other + "/tokens", member.getString("token")));
        expect(403, f.client.get("/v1/members/" + shop + "/tokens", till.getString("token")));
        expect(404, f.client.get("/v1/members/nobody-at-all/tokens", ADMIN));
        expect(400, f.client.post("/v1/members/" + shop + "/tokens", ADMIN, new JsonObject().put("role", "member")
                .put("refund_limit_per_day", 5)));
        expect(400, f.client.post("/v1/tokens", ADMIN, new JsonObject().put("role", "auditor").put("expires_in_s", 0)));
        JsonObject auditor = expect(201, f.client.post("/v1/tokens", ADMIN, new JsonObject().put("role", "auditor")
                .put("expires_in_s", 600))).json();
        assertTrue(auditor.getString("id").startsWith("tok_") && auditor.getString("expires_at") != null);
    }

    @Test
    void anExpiredTokenAnswers401() throws Exception {
        String shop = shop();
        JsonObject t = newToken(shop, new JsonObject().put("role", "member").put("expires_in_s", 1));
        expect(200, f.client.get("/v1/accounts/mlc:" + shop, t.getString("token")));
        Instant expires = Instant.parse(t.getString("expires_at"));
        while (Instant.now().isBefore(expires.plusMillis(50))) Thread.sleep(50);
        ApiClient.Answer a = f.client.get("/v1/accounts/mlc:" + shop, t.getString("token"));
        assertEquals(401, a.status(), a.text());
        assertEquals("expired", byId(tokensOf(shop, ADMIN), "id", t.getString("id")).getString("status"));
    }

    @Test
    void aRevokedTokenAnswers401FromTheNextRequestOnEveryEventLoopAndAfterARestart() throws Exception {
        String shop = shop();
        String member = f.memberToken(shop);
        JsonObject till = newToken(shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-lost"));
        String otherShop = shop();
        JsonObject other = newToken(otherShop, new JsonObject().put("role", "terminal").put("terminal_id", "till-2"));
        // Connections of their own: the service spreads them over its event loops.
        List<ApiClient> connections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ApiClient c = new ApiClient(f.service.port());
            expect(200, c.get("/v1/events?limit=1", till.getString("token")));
            connections.add(c);
        }
        expect(404, f.client.delete("/v1/tokens/" + other.getString("id"), member));
        expect(404, f.client.delete("/v1/tokens/" + byId(tokensOf(shop, ADMIN), "role", "member").getString("id"),
                member));
        expect(404, f.client.delete("/v1/tokens/tok_999999999", ADMIN));
        expect(404, f.client.delete("/v1/tokens/anything", ADMIN));
        expect(200, f.client.get("/v1/events?limit=1", other.getString("token")));

        expect(204, f.client.delete("/v1/tokens/" + till.getString("id"), member));
        for (ApiClient c : connections) {
            ApiClient.Answer a = c.get("/v1/events?limit=1", till.getString("token"));
            assertEquals(401, a.status(), a.text());
        }
        expect(204, f.client.delete("/v1/tokens/" + till.getString("id"), ADMIN));
        JsonObject listed = byId(tokensOf(shop, member), "id", till.getString("id"));
        assertEquals("revoked", listed.getString("status"));
        assertNotNull(listed.getString("revoked_at"));

        JsonArray events = expect(200, f.client.get("/v1/events?limit=1000&types=token.revoked", member)).json()
                .getJsonArray("items");
        assertEquals(1, events.size(), events.encode());
        assertEquals(till.getString("id"), events.getJsonObject(0).getJsonObject("data").getString("id"));
        assertEquals("revoked", events.getJsonObject(0).getJsonObject("data").getString("status"));
        assertEquals(0, expect(200, f.client.get("/v1/events?limit=1000&types=token.revoked",
                f.memberToken(otherShop))).json().getJsonArray("items").size(), "another member is not told");

        f = f.restarted();
        expect(401, f.client.get("/v1/events?limit=1", till.getString("token")));
        expect(200, f.client.get("/v1/events?limit=1", other.getString("token")));
        assertEquals("revoked", byId(tokensOf(shop, ADMIN), "id", till.getString("id")).getString("status"));
        String lastUsed = byId(tokensOf(otherShop, ADMIN), "id", other.getString("id"))
                .getString("last_used_at");
        assertNotNull(lastUsed, "the last use, journaled when the service stopped, survives the restart");
    }

    @Test
    void aTerminalsRefundsStopAtItsDailyLimit() {
        String shop = shop();
        String citizen = "cred-citizen-" + NEXT.incrementAndGet();
        f.member(citizen, "citizen");
        f.account("mlc:" + citizen, citizen, "MLC");
        f.issue("mlc:" + citizen, 10_000);
        JsonObject payment = ApiFixture.transfer("mlc:" + citizen, "mlc:" + shop, 5_000, "MLC");
        f.send(f.memberToken(citizen), f.key(citizen, citizen + "-phone"), payment);
        String till = newToken(shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-1")
                .put("refund_limit", 5_000).put("refund_limit_per_day", 1_000)).getString("token");
        ApiFixture.Signer key = f.key(shop, shop + "-till", "till-1");
        JsonArray first = f.send(till, key, refund(shop, citizen, 700, payment));
        assertEquals("created", first.getJsonObject(0).getString("status"), first.encode());
        JsonArray second = f.send(till, key, refund(shop, citizen, 301, payment), refund(shop, citizen, 300, payment));
        assertEquals("refund_limit_per_day_exceeded", second.getJsonObject(0).getString("code"), second.encode());
        assertEquals("created", second.getJsonObject(1).getString("status"), second.encode());
        assertEquals(10_000 - 5_000 + 1_000, f.balance("mlc:" + citizen));
    }

    private static JsonObject refund(String shop, String citizen, long amount, JsonObject payment) {
        return ApiFixture.transfer("mlc:" + shop, "mlc:" + citizen, amount, "MLC")
                .put("refund_of", payment.getString("id"));
    }

    @Test
    void anEventStreamOrLongPollOfARevokedOrExpiredTokenEndsWithoutAnotherEvent() throws Exception {
        String shop = shop();
        String citizen = "cred-citizen-" + NEXT.incrementAndGet();
        f.member(citizen, "citizen");
        f.account("mlc:" + citizen, citizen, "MLC");
        f.issue("mlc:" + citizen, 10_000);
        String citizenToken = f.memberToken(citizen);
        ApiFixture.Signer citizenKey = f.key(citizen, citizen + "-phone");
        JsonObject till = newToken(shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-1"));
        long head = 0;
        for (JsonObject page; !(page = expect(200, f.client.get("/v1/events?limit=1000&after=" + head, ADMIN)).json())
                .getJsonArray("items").isEmpty(); ) {
            head = page.getLong("next");
        }
        java.net.http.HttpResponse<java.io.InputStream> stream = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + f.service.port()
                        + "/v1/events/stream?after=" + head)).header("Authorization", "Bearer "
                        + till.getString("token")).build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        java.util.concurrent.CompletableFuture<String> text = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (java.io.InputStream in = stream.body()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "closed: " + e;
            }
        });
        expect(204, f.client.delete("/v1/tokens/" + till.getString("id"), ADMIN));
        // A hold to the shop: an event its tills see, which the revoked one's stream must not get.
        f.send(citizenToken, citizenKey, ApiFixture.transfer("mlc:" + citizen, "mlc:" + shop, 100, "MLC")
                .put("pending_timeout_s", 600));
        String received = text.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(received.contains("event:"), "nothing after the revocation: " + received);

        JsonObject brief = newToken(shop, new JsonObject().put("role", "member").put("expires_in_s", 2));
        ApiClient.Answer poll = f.client.get("/v1/events?after=" + Long.MAX_VALUE / 2 + "&wait_s=4",
                brief.getString("token"));
        assertEquals(401, poll.status(), "a long poll that outlives its token: " + poll.text());
    }

    @Test
    void signingKeysAreListedWithTheirStatusAndTimes() {
        String shop = shop();
        String member = f.memberToken(shop);
        f.key(shop, shop + "-office");
        f.key(shop, shop + "-till", "till-1");
        expect(204, f.client.delete("/v1/members/" + shop + "/signing-keys/" + shop + "-office", ADMIN));
        String auditor = f.staffToken("auditor");
        for (String reader : new String[] {ADMIN, auditor, member}) {
            JsonArray items = expect(200, f.client.get("/v1/members/" + shop + "/signing-keys", reader)).json()
                    .getJsonArray("items");
            assertEquals(2, items.size(), items.encode());
            JsonObject office = byId(items, "key_id", shop + "-office");
            assertEquals("revoked", office.getString("status"));
            assertFalse(Instant.parse(office.getString("revoked_at"))
                    .isBefore(Instant.parse(office.getString("registered_at"))));
            JsonObject till = byId(items, "key_id", shop + "-till");
            assertEquals("active", till.getString("status"));
            assertEquals("till-1", till.getString("terminal_id"));
            assertNull(till.getString("revoked_at"));
            assertEquals(43, till.getString("public_key").length());
        }
        expect(403, f.client.get("/v1/members/" + shop + "/signing-keys", f.memberToken(shop())));
    }

    /** A device's new key: signs its enrollment as a wallet or a till would. */
    private static JsonObject enrollment(String code, String keyId, Ed25519PrivateKeyParameters key) {
        JsonObject body = new JsonObject().put("code", code).put("key_id", keyId).put("device_name", "Caisse 2")
                .put("public_key", Ed25519.base64url(key.generatePublicKey().getEncoded()));
        return body.put("signature", RequestSignatures.sign("enroll", body, key.getEncoded()));
    }

    private JsonObject code(String member, JsonObject body) {
        return expect(201, f.client.post("/v1/members/" + member + "/enrollments", ADMIN, body)).json();
    }

    @Test
    void aDeviceEnrolsOnceWithItsCodeAndItsOwnKey() throws Exception {
        String shop = shop();
        JsonObject code = code(shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-9")
                .put("refund_limit", 500).put("expires_in_s", 3_600));
        assertTrue(code.getString("code").matches("[0-9a-f]{32}"), code.encode());
        assertTrue(code.getString("enroll_url").endsWith("/till/#enroll=" + code.getString("code")), code.encode());
        assertTrue(code.getString("enroll_url").startsWith("http://localhost:" + f.service.port() + "/till/"),
                "without LEDGER_PUBLIC_URL, the service's own address: " + code.encode());
        assertTrue(Instant.parse(code.getString("expires_at")).isAfter(Instant.now().plusSeconds(3_500)));
        JsonObject later = code(shop, new JsonObject().put("role", "member"));
        assertTrue(later.getString("enroll_url").contains("/wallet/#enroll="), later.encode());
        assertTrue(Instant.parse(later.getString("expires_at")).isAfter(Instant.now().plusSeconds(23 * 3_600)),
                "24 hours by default");

        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);
        JsonObject forged = enrollment(code.getString("code"), "till-9-key", key).put("key_id", "till-9-other");
        assertEquals("bad_signature", f.client.call("POST", "/v1/enrollments", null, forged.encode()).code());
        ApiClient.Answer a = f.client.call("POST", "/v1/enrollments", null,
                enrollment(code.getString("code"), "till-9-key", key).encode());
        assertEquals(201, a.status(), a.text());
        JsonObject enrolled = a.json();
        assertEquals(shop, enrolled.getString("member_id"));
        assertEquals("till-9", enrolled.getString("terminal_id"));
        assertEquals("till-9-key", enrolled.getString("key_id"));
        String token = enrolled.getString("token");
        expect(200, f.client.get("/v1/events?limit=1", token));
        JsonObject listed = byId(tokensOf(shop, ADMIN), "id", enrolled.getString("token_id"));
        assertEquals("terminal", listed.getString("role"));
        assertEquals(500, listed.getLong("refund_limit"));
        assertEquals("Caisse 2", listed.getString("device_name"), "what the device calls itself is listed");
        JsonObject registered = byId(expect(200, f.client.get("/v1/members/" + shop + "/signing-keys", ADMIN)).json()
                .getJsonArray("items"), "key_id", "till-9-key");
        assertEquals("till-9", registered.getString("terminal_id"), "the key is the terminal's");

        ApiClient.Answer again = f.client.call("POST", "/v1/enrollments", null,
                enrollment(code.getString("code"), "till-9-key2", new Ed25519PrivateKeyParameters(RANDOM)).encode());
        ApiClient.Answer unknown = f.client.call("POST", "/v1/enrollments", null,
                enrollment("0".repeat(32), "x-key", new Ed25519PrivateKeyParameters(RANDOM)).encode());
        for (ApiClient.Answer refused : List.of(again, unknown)) {
            assertEquals(404, refused.status(), refused.text());
            assertEquals("enrollment_invalid", refused.code());
        }
        assertEquals(again.json().getString("detail"), unknown.json().getString("detail"), "a refusal tells nothing");

        f = f.restarted();
        ApiClient.Answer afterRestart = f.client.call("POST", "/v1/enrollments", null,
                enrollment(code.getString("code"), "till-9-key3", new Ed25519PrivateKeyParameters(RANDOM)).encode());
        assertEquals("enrollment_invalid", afterRestart.code(), "a used code stays used after a restart");
        ApiClient.Answer phone = f.client.call("POST", "/v1/enrollments", null, enrollment(
                later.getString("code").toUpperCase(), shop + "-phone", new Ed25519PrivateKeyParameters(RANDOM)).encode());
        assertEquals(201, phone.status(), "a code made before a restart still works after it: " + phone.text());
        assertNull(phone.json().getString("terminal_id"));
        expect(200, f.client.get("/v1/accounts/mlc:" + shop, phone.json().getString("token")));
    }

    @Test
    void anExpiredCodeIsRefusedLikeAnUnknownOne() throws Exception {
        String shop = shop();
        JsonObject code = code(shop, new JsonObject().put("role", "member").put("expires_in_s", 1));
        Instant expires = Instant.parse(code.getString("expires_at"));
        while (Instant.now().isBefore(expires.plusMillis(50))) Thread.sleep(50);
        ApiClient.Answer a = f.client.call("POST", "/v1/enrollments", null,
                enrollment(code.getString("code"), shop + "-late", new Ed25519PrivateKeyParameters(RANDOM)).encode());
        assertEquals(404, a.status(), a.text());
        assertEquals("enrollment_invalid", a.code());
        expect(400, f.client.post("/v1/members/" + shop + "/enrollments", ADMIN, new JsonObject().put("role", "member")
                .put("expires_in_s", 7 * 86_400 + 1)));
        expect(400, f.client.post("/v1/members/" + shop + "/enrollments", ADMIN, new JsonObject().put("role", "admin")));
    }
}
