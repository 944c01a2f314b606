package fr.mlml.ledger.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static fr.mlml.ledger.chaos.ServiceProcess.ADMIN;

/**
 * What one client works with: a business (MLC and MIE accounts, a member token and key, a till with its own token
 * and key) and a citizen (MLC, a token and key), set up once through the API by the back office.
 */
record ChaosMember(String business, String citizen, String businessToken, String citizenToken, String tillToken,
                   Signer businessKey, Signer citizenKey, Signer tillKey) {
    /** Enough that no transfer of a run is refused for want of money. */
    static final long FUNDING = 1_000_000_000L;
    static final long REFUND_LIMIT = 1_000_000L;
    private static final long UNLIMITED = 1_000_000_000_000L;

    String mlcOfBusiness() {
        return "mlc:" + business;
    }

    String mieOfBusiness() {
        return "mie:" + business;
    }

    String mlcOfCitizen() {
        return "mlc:" + citizen;
    }

    List<String> accounts() {
        return List.of(mlcOfBusiness(), mieOfBusiness(), mlcOfCitizen());
    }

    /** {@code count} members opened, their accounts funded and entered in {@code books}. */
    static List<ChaosMember> openAll(ChaosHttp http, int count, ChaosBooks books) {
        List<ChaosMember> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChaosMember m = open(http, i);
            for (String account : m.accounts()) books.open(account, account.startsWith("mie:") ? 0 : FUNDING);
            members.add(m);
        }
        return members;
    }

    private static ChaosMember open(ChaosHttp http, int index) {
        String business = "chaos-b" + index;
        String citizen = "chaos-c" + index;
        post(http, 201, "/v1/members", new JsonObject().put("id", business).put("name", "Shop " + index)
                .put("kind", "business"));
        post(http, 201, "/v1/members", new JsonObject().put("id", citizen).put("name", "Citizen " + index)
                .put("kind", "citizen"));
        account(http, "mlc:" + business, business, "MLC");
        account(http, "mie:" + business, business, "MIE");
        account(http, "mlc:" + citizen, citizen, "MLC");
        // Caps and the MIE bounds are policy, not what this test is about: lifted so that no request is refused.
        http.expect(200, "PATCH", "/v1/accounts/mie:" + business, ADMIN, new JsonObject().put("floor", -UNLIMITED)
                .put("ceiling", UNLIMITED));
        JsonArray caps = new JsonArray();
        for (String to : List.of("EUR", "MIE")) {
            caps.add(new JsonObject().put("from", "MLC").put("to", to).put("amount", UNLIMITED).put("window_days", 30));
        }
        http.expect(200, "PATCH", "/v1/members/" + business, ADMIN, new JsonObject().put("conversion_caps", caps));
        String businessToken = token(http, business, new JsonObject().put("role", "member"));
        String citizenToken = token(http, citizen, new JsonObject().put("role", "member"));
        String tillToken = token(http, business, new JsonObject().put("role", "terminal").put("terminal_id", "till")
                .put("refund_limit", REFUND_LIMIT));
        Signer businessKey = key(http, business, business + "-office", null);
        Signer citizenKey = key(http, citizen, citizen + "-phone", null);
        Signer tillKey = key(http, business, business + "-till", "till");
        issue(http, "mlc:" + business);
        issue(http, "mlc:" + citizen);
        return new ChaosMember(business, citizen, businessToken, citizenToken, tillToken, businessKey, citizenKey,
                tillKey);
    }

    private static void account(ChaosHttp http, String id, String member, String currency) {
        post(http, 201, "/v1/accounts", new JsonObject().put("id", id).put("member_id", member).put("currency", currency));
    }

    private static String token(ChaosHttp http, String member, JsonObject body) {
        return post(http, 201, "/v1/members/" + member + "/tokens", body).json().getString("token");
    }

    private static Signer key(ChaosHttp http, String member, String keyId, String terminalId) {
        Signer s = Signer.generate(keyId);
        JsonObject body = new JsonObject().put("key_id", keyId).put("public_key", s.publicKey());
        if (terminalId != null) body.put("terminal_id", terminalId);
        post(http, 201, "/v1/members/" + member + "/signing-keys", body);
        return s;
    }

    private static void issue(ChaosHttp http, String account) {
        ChaosHttp.Answer a = post(http, 200, "/v1/issuances", new JsonObject().put("id", UUID.randomUUID().toString())
                .put("to_account", account).put("amount", FUNDING).put("reference", "exchange office"));
        if (!"created".equals(a.json().getString("status"))) throw new AssertionError("issuance: " + a.text());
    }

    private static ChaosHttp.Answer post(ChaosHttp http, int status, String path, JsonObject body) {
        return http.expect(status, "POST", path, ADMIN, body);
    }
}
