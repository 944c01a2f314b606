package fr.mlml.ledger.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The back office's and auditors' routes as typed calls, over a {@link LedgerClient} holding an admin or auditor
 * token (or a member's, for the routes a member may use on its own things): members, accounts, issuance, keys and
 * tokens, the books and the audit chain, exports, webhooks. Answers are the API's JSON as maps; refusals throw
 * {@link LedgerException}.
 */
public final class BackOfficeClient {
    private final LedgerClient ledger;

    public BackOfficeClient(LedgerClient ledger) {
        this.ledger = ledger;
    }

    // ---- members and accounts ----

    /** {@code kind}: business, citizen, association or public_body. */
    public Map<String, Object> createMember(String id, String name, String kind) {
        return post("v1/members", LedgerClient.body("id", id, "name", name, "kind", kind), false);
    }

    public Map<String, Object> member(String id) {
        return get("v1/members/" + LedgerClient.path(id));
    }

    /** Renames a member and/or sets its conversion caps (a list of {@code {from, to, amount, window_days}}). */
    public Map<String, Object> changeMember(String id, String name, List<Map<String, Object>> conversionCaps) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) body.put("name", name);
        if (conversionCaps != null) body.put("conversion_caps", conversionCaps);
        return LedgerClient.object(ledger.call("PATCH", "v1/members/" + LedgerClient.path(id), body, false));
    }

    /** {@code floor} and {@code ceiling} may be null for the currency's defaults. */
    public Map<String, Object> createAccount(String id, String memberId, String currency, Long floor, Long ceiling) {
        Map<String, Object> body = LedgerClient.body("id", id, "member_id", memberId, "currency", currency);
        if (floor != null) body.put("floor", floor);
        if (ceiling != null) body.put("ceiling", ceiling);
        return post("v1/accounts", body, false);
    }

    /** Sets a credit line ({@code floor}), a ceiling or a status (active, frozen, closed); null leaves it. */
    public Map<String, Object> changeAccount(String id, Long floor, Long ceiling, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (floor != null) body.put("floor", floor);
        if (ceiling != null) body.put("ceiling", ceiling);
        if (status != null) body.put("status", status);
        return LedgerClient.object(ledger.call("PATCH", "v1/accounts/" + LedgerClient.path(id), body, false));
    }

    /** Euros received at an exchange office, issued as MLC; the id makes a retry safe ({@code exists}). */
    public Map<String, Object> issue(String id, String toAccount, long amount, String reference) {
        return post("v1/issuances", LedgerClient.body("id", id, "to_account", toAccount, "amount", amount, "reference",
                reference), true);
    }

    /**
     * A page of members in id order ({@code q} matches id or name, {@code kind} filters; either may be null); pass
     * the answer's {@code next} as {@code after} until it is null (a page may be short before the end).
     */
    public Map<String, Object> members(String q, String kind, int limit, String after) {
        return get("v1/members" + query("q", q, "kind", kind, "limit", Integer.toString(limit), "after", after));
    }

    /** A page of accounts: any filter may be null ({@code breach} "true" for those outside their limits). */
    public Map<String, Object> accounts(String memberId, String currency, String status, String breach, int limit,
                                        String after) {
        return get("v1/accounts" + query("member_id", memberId, "currency", currency, "status", status, "breach",
                breach, "limit", Integer.toString(limit), "after", after));
    }

    /** Every limit and status change of an account, with who made it. */
    public Map<String, Object> accountChanges(String accountId) {
        return get("v1/accounts/" + LedgerClient.path(accountId) + "/changes");
    }

    public Map<String, Object> directory() {
        return get("v1/directory");
    }

    // ---- keys and tokens ----

    /** {@code terminalId} null for the member's own key. */
    public Map<String, Object> registerSigningKey(String memberId, String keyId, String publicKey, String terminalId) {
        Map<String, Object> body = LedgerClient.body("key_id", keyId, "public_key", publicKey);
        if (terminalId != null) body.put("terminal_id", terminalId);
        return post("v1/members/" + LedgerClient.path(memberId) + "/signing-keys", body, false);
    }

    public void revokeSigningKey(String memberId, String keyId) {
        ledger.call("DELETE", "v1/members/" + LedgerClient.path(memberId) + "/signing-keys/" + LedgerClient.path(keyId),
                null, true);
    }

    /** A member's or terminal's token: {@code body} as the API takes it ({@code role}, {@code terminal_id}…). */
    public Map<String, Object> createMemberToken(String memberId, Map<String, Object> body) {
        return post("v1/members/" + LedgerClient.path(memberId) + "/tokens", body, false);
    }

    /** An admin or auditor token. */
    public Map<String, Object> createStaffToken(String role) {
        return post("v1/tokens", LedgerClient.body("role", role), false);
    }

    /** A member's keys and its terminals', revoked ones included: {@code {items:[…]}}. */
    public Map<String, Object> signingKeys(String memberId) {
        return get("v1/members/" + LedgerClient.path(memberId) + "/signing-keys");
    }

    /** A member's tokens and its terminals', never a token itself: {@code {items:[…]}}. */
    public Map<String, Object> tokens(String memberId) {
        return get("v1/members/" + LedgerClient.path(memberId) + "/tokens");
    }

    /** Revokes a token by its id ({@code tok_…}); revoking it again changes nothing, so a retry is safe. */
    public void revokeToken(String tokenId) {
        ledger.call("DELETE", "v1/tokens/" + LedgerClient.path(tokenId), null, true);
    }

    /** A single-use code with which a device joins the member: {@code body} as the API takes it ({@code role}…). */
    public Map<String, Object> createEnrollment(String memberId, Map<String, Object> body) {
        return post("v1/members/" + LedgerClient.path(memberId) + "/enrollments", body, false);
    }

    // ---- the books ----

    public Map<String, Object> reconciliation() {
        return get("v1/reconciliation");
    }

    public Map<String, Object> auditChain() {
        return get("v1/audit/chain");
    }

    public Map<String, Object> verifyAuditChain() {
        return get("v1/audit/verify");
    }

    /** The whole ledger as an hledger journal. */
    public String hledgerJournal() {
        return (String) ledger.call("GET", "v1/export/journal?format=hledger", null);
    }

    /** The association's books as a French FEC file between two instants (ISO 8601; null for the whole history). */
    public String fec(String from, String to) {
        return (String) ledger.call("GET", "v1/export/fec" + query("from", from, "to", to), null);
    }

    /** The audit export ({@link AuditVerifier} checks it), from the batch after {@code afterSequence}. */
    public String auditExport(long afterSequence) {
        return (String) ledger.call("GET", "v1/audit/export?after_sequence=" + afterSequence, null);
    }

    // ---- webhooks ----

    /** {@code body}: {@code url}, {@code types}… as §9 says; the answer holds the secret, shown once. */
    public Map<String, Object> createWebhook(Map<String, Object> body) {
        return post("v1/webhooks", body, false);
    }

    public Map<String, Object> webhooks() {
        return get("v1/webhooks");
    }

    public Map<String, Object> webhook(String id) {
        return get("v1/webhooks/" + LedgerClient.path(id));
    }

    public Map<String, Object> changeWebhook(String id, Map<String, Object> body) {
        return LedgerClient.object(ledger.call("PATCH", "v1/webhooks/" + LedgerClient.path(id), body, false));
    }

    public void deleteWebhook(String id) {
        ledger.call("DELETE", "v1/webhooks/" + LedgerClient.path(id), null, true);
    }

    public Map<String, Object> webhookDeliveries(String id) {
        return get("v1/webhooks/" + LedgerClient.path(id) + "/deliveries");
    }

    public Map<String, Object> testWebhook(String id) {
        return post("v1/webhooks/" + LedgerClient.path(id) + "/test", null, false);
    }

    /** Sends the endpoint's events again from the one after {@code after}. */
    public Map<String, Object> replayWebhook(String id, long after) {
        return post("v1/webhooks/" + LedgerClient.path(id) + "/replay", LedgerClient.body("after", after), true);
    }

    /** The ledger's keys that sign webhook deliveries ({@code whpk_…}), for {@link WebhookVerifier}. */
    public Map<String, Object> webhookKeys() {
        return get("v1/webhook-keys");
    }

    /** {@code ?name=value&…} of the pairs whose value is not null, or nothing. */
    private static String query(String... namesAndValues) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) continue;
            q.append(q.length() == 0 ? '?' : '&').append(namesAndValues[i]).append('=')
                    .append(java.net.URLEncoder.encode(namesAndValues[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private Map<String, Object> get(String path) {
        return LedgerClient.object(ledger.call("GET", path, null));
    }

    private Map<String, Object> post(String path, Map<String, Object> body, boolean retrySafe) {
        return LedgerClient.object(ledger.call("POST", path, body, retrySafe));
    }
}
