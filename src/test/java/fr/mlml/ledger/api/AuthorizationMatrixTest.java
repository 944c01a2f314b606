package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every route of DESIGN.md §6 against every kind of caller (§4): no token, an unknown token, the back office, an
 * auditor, the member concerned, another member, and a terminal of the member concerned. Each call is a valid
 * request for that caller (its own accounts, signed with its own key), so the status shows the authorization alone.
 */
class AuthorizationMatrixTest {
    private static final String A = "matrix-shop";
    private static final String B = "matrix-citizen";
    private static final String C = "matrix-payer";

    @TempDir
    static Path dataDir;
    private static ApiFixture f;
    private static String transferAtoC;
    private static String paymentRequestOfA;
    private static String webhookOfA;
    private static final JsonObject WEBHOOK = new JsonObject().put("url", "http://127.0.0.1:1/hooks");
    private static final java.util.Map<Who, Caller> CALLERS = new java.util.EnumMap<>(Who.class);

    enum Who { NONE, UNKNOWN, ADMIN, AUDITOR, MEMBER, OTHER_MEMBER, TERMINAL }

    /** A caller: its token, its member, its own MLC account, its key (admin and auditor borrow the member's). */
    record Caller(String token, String member, String account, ApiFixture.Signer key) {
    }

    record Request(String method, String path, JsonObject body) {
    }

    record Route(String name, Function<Caller, Request> request, int... expected) {
    }

    @BeforeAll
    static void start() throws Exception {
        // Webhooks to 127.0.0.1:1, where nothing listens: an attempt fails at once.
        f = new ApiFixture(dataDir, null, 10_000, fr.mlml.ledger.ServiceSettings.DEFAULT_QUEUE_CAPACITY, true);
        f.member(A, "business");
        f.account("mlc:" + A, A, "MLC");
        f.account("mie:" + A, A, "MIE");
        f.member(B, "citizen");
        f.account("mlc:" + B, B, "MLC");
        f.member(C, "citizen");
        f.account("mlc:" + C, C, "MLC");
        f.issue("mlc:" + A, 1_000_000);
        f.issue("mlc:" + B, 1_000_000);
        f.issue("mlc:" + C, 1_000_000);
        ApiFixture.Signer aKey = f.key(A, "matrix-shop-office");
        Caller member = new Caller(f.memberToken(A), A, "mlc:" + A, aKey);
        CALLERS.put(Who.NONE, new Caller(null, A, "mlc:" + A, aKey));
        CALLERS.put(Who.UNKNOWN, new Caller("no-such-token", A, "mlc:" + A, aKey));
        CALLERS.put(Who.ADMIN, new Caller(ADMIN, A, "mlc:" + A, aKey));
        CALLERS.put(Who.AUDITOR, new Caller(f.staffToken("auditor"), A, "mlc:" + A, aKey));
        CALLERS.put(Who.MEMBER, member);
        CALLERS.put(Who.OTHER_MEMBER, new Caller(f.memberToken(B), B, "mlc:" + B, f.key(B, "matrix-citizen-phone")));
        CALLERS.put(Who.TERMINAL, new Caller(f.token(A, new JsonObject().put("role", "terminal")
                .put("terminal_id", "till").put("refund_limit", 10_000)), A, "mlc:" + A, f.key(A, "matrix-shop-till", "till")));
        JsonObject t = transfer("mlc:" + A, "mlc:" + C, 100, "MLC");
        f.send(member.token(), aKey, t);
        transferAtoC = t.getString("id");
        webhookOfA = webhookOf(member.token());
        paymentRequestOfA = "pr-matrix";
        expect(201, f.client.post("/v1/payment-requests", member.token(), new JsonObject().put("id", paymentRequestOfA)
                .put("credit_account", "mlc:" + A).put("amount", 100).put("expires_in_s", 3_600)));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    private static String webhookOf(String token) {
        return expect(201, f.client.post("/v1/webhooks", token, WEBHOOK)).json().getString("id");
    }

    /** A hold from C to A, made for one call: each post or void needs its own. */
    private static String holdToA() {
        Caller c = new Caller(f.memberToken(C), C, "mlc:" + C, f.key(C, "matrix-payer-" + fresh()));
        JsonObject hold = transfer("mlc:" + C, "mlc:" + A, 10, "MLC").put("pending_timeout_s", 600);
        f.send(c.token(), c.key(), hold);
        return hold.getString("id");
    }

    /** Columns: admin, auditor, the member, another member, the member's terminal. */
    private static List<Route> routes() {
        return List.of(
                new Route("create member", c -> new Request("POST", "/v1/members", new JsonObject()
                        .put("id", "m-" + fresh().substring(0, 8)).put("name", "New").put("kind", "citizen")),
                        201, 403, 403, 403, 403),
                new Route("read member", c -> new Request("GET", "/v1/members/" + A, null), 200, 200, 200, 403, 403),
                new Route("change member", c -> new Request("PATCH", "/v1/members/" + A, new JsonObject()
                        .put("name", "Shop")), 200, 403, 403, 403, 403),
                new Route("register key", c -> new Request("POST", "/v1/members/" + A + "/signing-keys",
                        new JsonObject().put("key_id", "k-" + fresh()).put("public_key",
                                "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")), 201, 403, 403, 403, 403),
                new Route("revoke key", c -> {
                    String keyId = f.key(A, "k-" + fresh()).keyId();
                    return new Request("DELETE", "/v1/members/" + A + "/signing-keys/" + keyId, null);
                }, 204, 403, 403, 403, 403),
                new Route("member token", c -> new Request("POST", "/v1/members/" + A + "/tokens",
                        new JsonObject().put("role", "member")), 201, 403, 403, 403, 403),
                new Route("staff token", c -> new Request("POST", "/v1/tokens", new JsonObject().put("role", "auditor")),
                        201, 403, 403, 403, 403),
                new Route("list signing keys", c -> new Request("GET", "/v1/members/" + A + "/signing-keys", null),
                        200, 200, 200, 403, 403),
                new Route("list tokens", c -> new Request("GET", "/v1/members/" + A + "/tokens", null),
                        200, 200, 200, 403, 403),
                // A till of the member's, made for one call; another member's is answered as one that does not exist.
                new Route("revoke token", c -> new Request("DELETE", "/v1/tokens/" + expect(201, f.client.post(
                        "/v1/members/" + A + "/tokens", ADMIN, new JsonObject().put("role", "terminal")
                                .put("terminal_id", "till-" + fresh().substring(0, 8)))).json().getString("id"), null),
                        204, 403, 204, 404, 403),
                new Route("create enrollment", c -> new Request("POST", "/v1/members/" + A + "/enrollments",
                        new JsonObject().put("role", "member")), 201, 403, 403, 403, 403),
                new Route("directory", c -> new Request("GET", "/v1/directory", null), 200, 200, 200, 200, 200),
                new Route("create account", c -> new Request("POST", "/v1/accounts", new JsonObject()
                        .put("id", "mlc:n-" + fresh().substring(0, 8)).put("member_id", A).put("currency", "MLC")),
                        201, 403, 403, 403, 403),
                new Route("read account", c -> new Request("GET", "/v1/accounts/mlc:" + A, null),
                        200, 200, 200, 404, 403), // another's answers as one that does not exist
                new Route("change account", c -> new Request("PATCH", "/v1/accounts/mlc:" + A, new JsonObject()
                        .put("floor", 0)), 200, 403, 403, 403, 403),
                new Route("list members", c -> new Request("GET", "/v1/members?q=matrix&limit=10", null),
                        200, 200, 403, 403, 403),
                new Route("list accounts", c -> new Request("GET", "/v1/accounts?member_id=" + A, null),
                        200, 200, 200, 200, 403), // another member's: answered as a member without accounts
                new Route("account changes", c -> new Request("GET", "/v1/accounts/mlc:" + A + "/changes", null),
                        200, 200, 200, 404, 403),
                new Route("send transfers", c -> new Request("POST", "/v1/transfers", c.key().sign("transfers",
                        ApiFixture.transfers(transfer(c.account(), "mlc:" + C, 1, "MLC")))), 403, 403, 200, 200, 200),
                new Route("read transfer", c -> new Request("GET", "/v1/transfers/" + transferAtoC, null),
                        200, 200, 200, 404, 404), // a payment by the member: not the terminal's to read
                new Route("post hold", c -> {
                    String id = holdToA();
                    return new Request("POST", "/v1/transfers/" + id + "/post",
                            c.key().sign("post", new JsonObject().put("id", id)));
                }, 403, 403, 200, 403, 200),
                new Route("void hold", c -> {
                    String id = holdToA();
                    return new Request("POST", "/v1/transfers/" + id + "/void",
                            c.key().sign("void", new JsonObject().put("id", id)));
                }, 403, 403, 200, 403, 200),
                new Route("create payment request", c -> new Request("POST", "/v1/payment-requests", new JsonObject()
                        .put("id", "pr-" + fresh()).put("credit_account", c.account()).put("amount", 100)
                        .put("expires_in_s", 60)), 403, 403, 201, 201, 201),
                new Route("read payment request", c -> new Request("GET", "/v1/payment-requests/" + A + "~"
                        + paymentRequestOfA, null), 200, 200, 200, 404, 404), // the member's: not the terminal's
                new Route("payable", c -> new Request("GET", "/v1/payment-requests/" + A + "~" + paymentRequestOfA
                        + "/payable", null), 403, 403, 200, 200, 403), // any payer; never the back office or a till
                new Route("payment request QR", c -> new Request("GET", "/v1/payment-requests/" + A + "~"
                        + paymentRequestOfA + "/qr.svg", null), 200, 403, 200, 404, 404), // its creator shows it
                new Route("convert", c -> new Request("POST", "/v1/conversions", c.key().sign("conversion",
                        new JsonObject().put("id", fresh()).put("from_account", c.account()).put("to_currency", "EUR")
                                .put("amount", 100))), 403, 403, 200, 200, 403),
                new Route("issue", c -> new Request("POST", "/v1/issuances", new JsonObject().put("id", fresh())
                        .put("to_account", "mlc:" + A).put("amount", 100).put("reference", "office")),
                        200, 403, 403, 403, 403),
                new Route("reconciliation", c -> new Request("GET", "/v1/reconciliation", null),
                        200, 200, 403, 403, 403),
                new Route("audit chain", c -> new Request("GET", "/v1/audit/chain", null), 200, 200, 403, 403, 403),
                new Route("audit verify", c -> new Request("GET", "/v1/audit/verify", null), 200, 200, 403, 403, 403),
                new Route("audit export", c -> new Request("GET", "/v1/audit/export", null), 200, 200, 403, 403, 403),
                new Route("account history", c -> new Request("GET", "/v1/accounts/mlc:" + A + "/transfers", null),
                        200, 200, 200, 404, 403),
                new Route("past balance", c -> new Request("GET", "/v1/accounts/mlc:" + A
                        + "/balance?as_of=2026-01-01T00:00:00Z", null), 200, 200, 200, 404, 403),
                new Route("statement", c -> new Request("GET", "/v1/accounts/mlc:" + A
                        + "/statement?from=2026-01-01T00:00:00Z&format=csv", null), 200, 200, 200, 404, 403),
                new Route("journal export", c -> new Request("GET", "/v1/export/journal?format=hledger", null),
                        200, 200, 403, 403, 403),
                new Route("FEC export", c -> new Request("GET", "/v1/export/fec?from=2026-01-01T00:00:00Z", null),
                        200, 200, 403, 403, 403),
                new Route("events", c -> new Request("GET", "/v1/events?limit=5", null), 200, 200, 200, 200, 200),
                new Route("create webhook", c -> new Request("POST", "/v1/webhooks", WEBHOOK),
                        201, 403, 201, 201, 403),
                new Route("list webhooks", c -> new Request("GET", "/v1/webhooks", null), 200, 403, 200, 200, 403),
                new Route("read webhook", c -> new Request("GET", "/v1/webhooks/" + webhookOfA, null),
                        200, 403, 200, 404, 403),
                new Route("change webhook", c -> new Request("PATCH", "/v1/webhooks/" + webhookOfA,
                        new JsonObject().put("status", "active")), 200, 403, 200, 404, 403),
                new Route("webhook deliveries", c -> new Request("GET", "/v1/webhooks/" + webhookOfA
                        + "/deliveries", null), 200, 403, 200, 404, 403),
                new Route("test webhook", c -> new Request("POST", "/v1/webhooks/" + webhookOfA + "/test",
                        new JsonObject()), 200, 403, 200, 404, 403),
                new Route("replay webhook", c -> new Request("POST", "/v1/webhooks/" + webhookOfA + "/replay",
                        new JsonObject().put("after", 0)), 200, 403, 200, 404, 403),
                new Route("delete webhook", c -> new Request("DELETE", "/v1/webhooks/"
                        + webhookOf(CALLERS.get(Who.MEMBER).token()), null), 204, 403, 204, 404, 403),
                new Route("metrics", c -> new Request("GET", "/metrics", null), 200, 200, 403, 403, 403));
    }

    @TestFactory
    List<DynamicTest> everyRouteForEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route r : routes()) {
            for (Who who : Who.values()) {
                int expected = switch (who) {
                    case NONE, UNKNOWN -> 401;
                    default -> r.expected()[who.ordinal() - Who.ADMIN.ordinal()];
                };
                tests.add(DynamicTest.dynamicTest(r.name() + " by " + who, () -> {
                    Request q = r.request().apply(CALLERS.get(who));
                    ApiClient.Answer a = f.client.call(q.method(), q.path(), CALLERS.get(who).token(),
                            q.body() == null ? null : q.body().encode());
                    assertEquals(expected, a.status(), a.text());
                }));
            }
        }
        return tests;
    }

    /** The stream stays open: its status and type are read from the headers, then it is left. */
    @TestFactory
    List<DynamicTest> theEventStreamOpensForEveryTokenAndNoOneElse() {
        List<DynamicTest> tests = new ArrayList<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (Who who : Who.values()) {
            tests.add(DynamicTest.dynamicTest("event stream by " + who, () -> {
                java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + f.service.port() + "/v1/events/stream"));
                String token = CALLERS.get(who).token();
                if (token != null) b.header("Authorization", "Bearer " + token);
                java.net.http.HttpResponse<java.io.InputStream> r = http.send(b.build(),
                        java.net.http.HttpResponse.BodyHandlers.ofInputStream());
                r.body().close();
                boolean anonymous = who == Who.NONE || who == Who.UNKNOWN;
                assertEquals(anonymous ? 401 : 200, r.statusCode());
            }));
        }
        return tests;
    }

    /** Enrolling needs no token: the code is the credential, so every caller, with any token or none, may. */
    @TestFactory
    List<DynamicTest> aDeviceEnrolsWithItsCodeWhateverTokenItCarries() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Who who : Who.values()) {
            tests.add(DynamicTest.dynamicTest("enroll by " + who, () -> {
                String code = expect(201, f.client.post("/v1/members/" + A + "/enrollments", ADMIN,
                        new JsonObject().put("role", "member"))).json().getString("code");
                org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters key =
                        new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(new java.security.SecureRandom());
                JsonObject body = new JsonObject().put("code", code).put("key_id", "k-" + fresh())
                        .put("public_key", fr.mlml.ledger.crypto.Ed25519.base64url(key.generatePublicKey()
                                .getEncoded()));
                body.put("signature", fr.mlml.ledger.crypto.RequestSignatures.sign("enroll", body, key.getEncoded()));
                ApiClient.Answer a = f.client.call("POST", "/v1/enrollments", CALLERS.get(who).token(),
                        body.encode());
                assertEquals(201, a.status(), a.text());
                assertEquals(A, a.json().getString("member_id"));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> operationsRoutesAreOpen() {
        List<DynamicTest> tests = new ArrayList<>();
        // The back office's pages are static files: what they show comes from the API with the person's own token.
        for (String path : List.of("/health", "/ready", "/openapi.yaml", "/v1/webhook-keys", "/office/",
                "/office/js/app.js")) {
            tests.add(DynamicTest.dynamicTest(path, () -> assertEquals(200, f.client.get(path, null).status())));
        }
        return tests;
    }
}
