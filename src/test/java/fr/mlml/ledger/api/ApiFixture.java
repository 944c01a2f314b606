package fr.mlml.ledger.api;

import fr.mlml.ledger.LedgerService;
import fr.mlml.ledger.ServiceSettings;
import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.RequestSignatures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real service on a random port over a journal in a temporary directory (or PostgreSQL), with short ways to do
 * what the back office and members do through the API. Ids are made unique per fixture call, so tests sharing one
 * service do not collide.
 */
final class ApiFixture implements AutoCloseable {
    static final String ADMIN = "admin-token-for-tests-only-0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path dataDir;
    final String pgUrl;
    final LedgerService service;
    final ApiClient client;
    private final boolean webhooksToLocalhost;

    ApiFixture(Path dataDir, String pgUrl) throws Exception {
        this(dataDir, pgUrl, 10_000, ServiceSettings.DEFAULT_QUEUE_CAPACITY);
    }

    /** Back-office helpers over a service already running elsewhere (another process), on {@code port}. */
    ApiFixture(int port) {
        this.dataDir = null;
        this.pgUrl = null;
        this.service = null;
        this.client = new ApiClient(port);
        this.webhooksToLocalhost = false;
    }

    ApiFixture(Path dataDir, String pgUrl, double ratePerSecond, int queueCapacity) throws Exception {
        this(dataDir, pgUrl, ratePerSecond, queueCapacity, false, HttpLimits.DEFAULTS);
    }

    ApiFixture(Path dataDir, String pgUrl, double ratePerSecond, int queueCapacity, HttpLimits http)
            throws Exception {
        this(dataDir, pgUrl, ratePerSecond, queueCapacity, false, http);
    }

    /** {@code webhooksToLocalhost}: webhooks may call the tests' receivers on 127.0.0.1 over plain http. */
    ApiFixture(Path dataDir, String pgUrl, double ratePerSecond, int queueCapacity, boolean webhooksToLocalhost)
            throws Exception {
        this(dataDir, pgUrl, ratePerSecond, queueCapacity, webhooksToLocalhost, HttpLimits.DEFAULTS);
    }

    ApiFixture(Path dataDir, String pgUrl, double ratePerSecond, int queueCapacity, boolean webhooksToLocalhost,
               HttpLimits http)
            throws Exception {
        this.dataDir = dataDir;
        this.pgUrl = pgUrl;
        this.webhooksToLocalhost = webhooksToLocalhost;
        ServiceSettings settings = new ServiceSettings(0, dataDir, pgUrl == null ? ServiceSettings.Storage.FILE
                : ServiceSettings.Storage.POSTGRES, pgUrl, ADMIN, ratePerSecond, queueCapacity, null, null,
                ServiceSettings.DEFAULT_REJECTED_IDS_PER_S, webhooksToLocalhost, http);
        this.service = LedgerService.start(settings, LedgerConfigFile.defaults(), LedgerConfigFile.defaultChart());
        this.client = new ApiClient(service.port());
    }

    /** The same data, a new service: what a restart sees. */
    ApiFixture restarted() throws Exception {
        close();
        return new ApiFixture(dataDir, pgUrl, 10_000, ServiceSettings.DEFAULT_QUEUE_CAPACITY, webhooksToLocalhost);
    }

    @Override
    public void close() throws Exception {
        if (service != null) service.close();
    }

    // ---- the back office ----

    void member(String id, String kind) {
        expect(201, client.post("/v1/members", ADMIN, new JsonObject().put("id", id).put("name", "Member " + id)
                .put("kind", kind)));
    }

    void account(String id, String member, String currency) {
        expect(201, client.post("/v1/accounts", ADMIN, new JsonObject().put("id", id).put("member_id", member)
                .put("currency", currency)));
    }

    String token(String member, JsonObject body) {
        return expect(201, client.post("/v1/members/" + member + "/tokens", ADMIN, body)).json().getString("token");
    }

    String memberToken(String member) {
        return token(member, new JsonObject().put("role", "member"));
    }

    /** An enrollment code for a new device of {@code member} (DESIGN.md §10): {code, enroll_url, expires_at}. */
    JsonObject enrollment(String member, JsonObject body) {
        return expect(201, client.post("/v1/members/" + member + "/enrollments", ADMIN, body)).json();
    }

    String staffToken(String role) {
        return expect(201, client.post("/v1/tokens", ADMIN, new JsonObject().put("role", role))).json()
                .getString("token");
    }

    /** A new key pair registered to the member. */
    Signer key(String member, String keyId) {
        return key(member, keyId, null);
    }

    /** A new key pair registered to one of the member's terminals (null: the member's own). */
    Signer key(String member, String keyId, String terminalId) {
        Ed25519PrivateKeyParameters k = new Ed25519PrivateKeyParameters(RANDOM);
        JsonObject body = new JsonObject().put("key_id", keyId)
                .put("public_key", Ed25519.base64url(k.generatePublicKey().getEncoded()));
        if (terminalId != null) body.put("terminal_id", terminalId);
        expect(201, client.post("/v1/members/" + member + "/signing-keys", ADMIN, body));
        return new Signer(keyId, k.getEncoded());
    }

    void issue(String account, long amount) {
        ApiClient.Answer a = expect(200, client.post("/v1/issuances", ADMIN, new JsonObject()
                .put("id", UUID.randomUUID().toString()).put("to_account", account).put("amount", amount)
                .put("reference", "exchange office")));
        assertEquals("created", a.json().getString("status"), a.text());
        assertTrue(a.json().getString("issued_by").matches("[0-9a-f]{8,}"), "the admin token, as a handle: " + a.text());
    }

    // ---- members ----

    /** A member's signing key: signs bodies as {@code SigningTool} does. */
    record Signer(String keyId, byte[] seed) {
        JsonObject sign(String operation, JsonObject body) {
            JsonObject signed = body.copy().put("key_id", keyId);
            return signed.put("signature", RequestSignatures.sign(operation, signed, seed));
        }
    }

    static JsonObject transfer(String debit, String credit, long amount, String currency) {
        return new JsonObject().put("id", UUID.randomUUID().toString()).put("debit_account", debit)
                .put("credit_account", credit).put("amount", amount).put("currency", currency);
    }

    static JsonObject transfers(JsonObject... ts) {
        return new JsonObject().put("transfers", new JsonArray(java.util.List.of((Object[]) ts)));
    }

    /** Sends signed transfers; the answer's results. */
    JsonArray send(String token, Signer signer, JsonObject... ts) {
        return expect(200, client.post("/v1/transfers", token, signer.sign("transfers", transfers(ts)))).json()
                .getJsonArray("results");
    }

    long balance(String account) {
        return expect(200, client.get("/v1/accounts/" + account, ADMIN)).json().getLong("balance");
    }

    static ApiClient.Answer expect(int status, ApiClient.Answer a) {
        assertEquals(status, a.status(), a.text());
        return a;
    }
}
