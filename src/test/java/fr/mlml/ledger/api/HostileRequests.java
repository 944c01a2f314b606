package fr.mlml.ledger.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Hostile requests for the fuzzer, each drawn from a seed: malformed and oversized bodies, wrong types, numbers out of
 * range, sums that would overflow, unicode tricks, duplicated keys, deep nesting, missing, forged and misplaced
 * signatures, replays with a changed field, revoked keys, other members' accounts, an expired hold, unknown fields,
 * wrong methods, bad path ids and query parameters (of the history, events and back-office lists), bad tokens,
 * JSON labelled as a form or another type, unpaired surrogates, and the credentials routes (enrollments without a
 * token, token ids, lists, bad lifetimes). Signed bodies are signed after their mutation half of the time, so the
 * mutation meets the field checks and the ledger's rules, not only the signature check.
 */
final class HostileRequests {
    record Request(String kind, String method, String path, String token, String body, String contentType) {
        Request(String kind, String method, String path, String token, String body) {
            this(kind, method, path, token, body, "application/json");
        }
    }

    /** Who and what the requests aim at, set up once by the test. */
    record Cast(String memberToken, String otherToken, String terminalToken, String auditorToken,
                ApiFixture.Signer key, ApiFixture.Signer revokedKey, ApiFixture.Signer terminalKey,
                String account, String payee, String othersAccount, String expiredHold) {
    }

    private static final String[] WEIRD_NUMBERS = {"0", "-1", "-0", "1.5", "1e400", "-1e400", "1E3",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999",
            "\"12\"", "true", "null", "[]", "{}", "0x10", "NaN", "Infinity"};
    private static final String[] WEIRD_TEXT = {"", " ", "mlc:cla\u202Eire", "mlc:\u200Bclaire", "mlc:claire\u0000",
            "mlc:\u0441laire", "MLC:CLAIRE", "mlc:claire\n", "../../etc/passwd", "mlc:" + "x".repeat(5_000),
            "\uD83D\uDCB6", "'; DROP TABLE entries; --", "%00", "\\u0000",
            "0a1b2c3d-4e5f-8a6b-9c7d-0e1f2a3b4c5d"}; // the last a version-8 UUID: the ledger's own ids
    /** Bodies labelled as what they are not: the body handler must not decode a JSON body as a form or a file. */
    private static final String[] WRONG_CONTENT_TYPES = {"multipart/form-data", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "text/plain", "application/xml", "application/octet-stream"};
    private static final int KINDS = 24;

    private final Cast cast;
    private final Random random;

    HostileRequests(Cast cast, long seed) {
        this.cast = cast;
        this.random = new Random(seed);
    }

    Request next() {
        int kind = random.nextInt(KINDS);
        return switch (kind) {
            case 0 -> transfers("malformed JSON", mangle(signed(cast.key(), validBody())));
            case 1 -> signedTransfer("wrong type", t -> t.put(pick("amount", "id", "debit_account", "currency", "memo",
                    "refund_of"), pickOf(1.5, "12", true, new JsonArray(), new JsonObject(), 7L)));
            case 2 -> transfers("number out of range", signed(cast.key(), validBody()).encode()
                    .replaceFirst("\"amount\":\\d+", "\"amount\":" + pick(WEIRD_NUMBERS)));
            case 3 -> overflow();
            case 4 -> signedTransfer("unicode trick", t -> t.put(pick("debit_account", "credit_account", "id",
                    "currency", "payment_request", "refund_of"), pick(WEIRD_TEXT)));
            case 5 -> transfers("duplicated key", signed(cast.key(), validBody()).encode()
                    .replaceFirst("\\{\"transfers\"", "{\"key_id\":\"" + cast.key().keyId() + "\",\"transfers\""));
            case 6 -> transfers("deep nesting", "{\"transfers\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
            case 7 -> transfers("oversized body", "{\"memo\":\"" + "x".repeat((int) LedgerApi.MAX_BODY_BYTES) + "\"}");
            case 8 -> tooMany();
            case 9 -> badSignature();
            case 10 -> replayChanged();
            case 11 -> transfers("revoked key", signed(cast.revokedKey(), validBody()).encode());
            case 12 -> transfers("another member's account", signed(cast.key(), body(transfer()
                    .put("debit_account", cast.othersAccount()))).encode());
            case 13 -> expiredHold();
            case 14 -> signedTransfer("unknown field", t -> t.put(pick("amount_cents", "Amount", "__proto__", "fee"),
                    1));
            case 15 -> new Request("wrong method", pick("PUT", "DELETE", "PATCH"), pick("/v1/transfers",
                    "/v1/reconciliation", "/v1/audit/chain"), cast.memberToken(), "{}");
            case 16 -> badPathOrQuery();
            case 17 -> new Request("wrong content type", "POST", pick("/v1/transfers", "/v1/members"),
                    pick(cast.memberToken(), cast.auditorToken()), validOrLong(), pick(WRONG_CONTENT_TYPES));
            case 18 -> badWebhook();
            case 19 -> unpairedSurrogate();
            case 20 -> credentials();
            case 21 -> badListQuery();
            case 22 -> office();
            // Only what an HTTP client can send: no control characters or trailing blanks in a header.
            default -> new Request("bad token", "GET", "/v1/accounts/" + cast.account(), random.nextInt(6) == 0 ? null
                    : pick("Bearer", cast.memberToken().toUpperCase(), cast.memberToken() + "x", "x".repeat(10_000),
                    cast.otherToken()), null);
        };
    }

    /** A signed body, sometimes with a memo long enough (over 1 KiB) that a form decoder would read it in parts. */
    private String validOrLong() {
        JsonObject body = random.nextBoolean() ? validBody() : body(transfer().put("memo", "x".repeat(2_000)));
        return signed(cast.key(), body).encode();
    }

    private Request transfers(String kind, String body) {
        return new Request(kind, "POST", "/v1/transfers", random.nextInt(8) == 0 ? cast.terminalToken()
                : cast.memberToken(), body);
    }

    private interface Mutation {
        void apply(JsonObject transfer);
    }

    /** A mutated transfer, its batch signed before or after the mutation. */
    private Request signedTransfer(String kind, Mutation mutation) {
        JsonObject t = transfer();
        if (random.nextBoolean()) {
            mutation.apply(t);
            return transfers(kind, signed(cast.key(), body(t)).encode());
        }
        JsonObject signed = signed(cast.key(), body(t));
        mutation.apply(signed.getJsonArray("transfers").getJsonObject(0));
        return transfers(kind, signed.encode());
    }

    /** Two transfers whose sum passes Long.MAX_VALUE: refused (overflow or the floor), nothing moved. */
    private Request overflow() {
        long half = Long.MAX_VALUE / 2 + 1 + random.nextInt(1_000);
        JsonObject body = new JsonObject().put("transfers", new JsonArray().add(transfer().put("amount", half))
                .add(transfer().put("amount", half))).put("atomic", random.nextBoolean());
        return transfers("overflowing sum", signed(cast.key(), body).encode());
    }

    /**
     * A text field holding half a surrogate pair, as a JSON escape (a Java encoder would not write one): UTF-8
     * cannot store it, so the journal would replay another text than the one applied.
     */
    private Request unpairedSurrogate() {
        String field = pick("memo", "currency");
        JsonObject t = transfer().put(field, "@lone@");
        String escape = pick("\\ud800", "\\udfff", "x\\ud83dy", "\\ude00\\ud83d");
        JsonObject body = body(t);
        String text = random.nextBoolean() ? signed(cast.key(), body).encode() : body.encode();
        return transfers("unpaired surrogate", text.replace("@lone@", escape));
    }

    private Request tooMany() {
        JsonArray ts = new JsonArray();
        for (int i = 0; i < 1_001; i++) ts.add(transfer());
        return transfers("more than 1,000 transfers", signed(cast.key(), new JsonObject().put("transfers", ts)).encode());
    }

    private Request badSignature() {
        JsonObject signed = signed(cast.key(), validBody());
        switch (random.nextInt(4)) {
            case 0 -> signed.remove("signature");
            case 1 -> signed.put("signature", randomBase64url(86));
            case 2 -> signed.put("signature", signed(cast.key(), validBody()).getString("signature")); // another body's
            default -> signed.put("key_id", cast.terminalKey().keyId()); // a key that is not the member's
        }
        return transfers("bad signature", signed.encode());
    }

    /** A signed request sent again with one field changed under the same signature. */
    private Request replayChanged() {
        JsonObject signed = signed(cast.key(), validBody());
        JsonObject t = signed.getJsonArray("transfers").getJsonObject(0);
        switch (random.nextInt(3)) {
            case 0 -> t.put("amount", t.getLong("amount") + 1);
            case 1 -> t.put("credit_account", cast.othersAccount());
            default -> signed.put("atomic", true);
        }
        return transfers("replay with a changed field", signed.encode());
    }

    private Request expiredHold() {
        String operation = random.nextBoolean() ? "post" : "void";
        JsonObject body = cast.terminalKey().sign(operation, new JsonObject().put("id", cast.expiredHold()));
        return new Request("expired hold", "POST", "/v1/transfers/" + cast.expiredHold() + "/" + operation,
                cast.terminalToken(), body.encode());
    }

    /** Webhooks aimed where they may not go, or described wrongly: every one a 400. */
    private Request badWebhook() {
        JsonObject body = new JsonObject().put("url", pick("http://shop.example/hook", "ftp://shop.example/hook",
                "javascript:alert(1)", "https://10.0.0.7/hook", "https://127.0.0.1/hook", "https://[::1]/hook",
                "https://169.254.169.254/latest/meta-data", "https://localhost/hook", "https://user:pw@192.0.2.1/",
                "https://192.0.2.1/" + "a".repeat(3_000), "https://", "not a url", ""));
        if (random.nextInt(4) == 0) body.put("types", new JsonArray().add(pick("transfer", "", "webhook.test")));
        if (random.nextInt(6) == 0) body.put(pick("secret", "status", "member_id"), pick("whsec_x", "fz-other"));
        return new Request("bad webhook", "POST", "/v1/webhooks", cast.memberToken(), body.encode());
    }

    /** The back office's files and its QR drawing asked wrongly: paths out of its folder, bodies empty or too big. */
    private Request office() {
        if (random.nextBoolean()) {
            return new Request("office path", "GET", "/office/" + pick("../pom.xml", "%2e%2e/%2e%2e/config/ledger.json",
                    "js/..%2F..%2Fopenapi.yaml", ".hidden", "%00", "js/", "nope.js", "x".repeat(3_000)),
                    random.nextBoolean() ? null : cast.memberToken(), null);
        }
        return new Request("office QR", "POST", "/office/qr.svg", random.nextBoolean() ? null : cast.memberToken(),
                pick("", "x".repeat(1_025), "x".repeat(100_000), "\uD83D"), pick(WRONG_CONTENT_TYPES));
    }

    /**
     * Credentials aimed at what the caller may not touch or described wrongly: enrollments with no token (guessed,
     * malformed or unsigned codes, another key's signature), revocations of tokens that are not the caller's, lists
     * of another member's, lifetimes out of range. None may succeed.
     */
    private Request credentials() {
        return switch (random.nextInt(5)) {
            case 0 -> {
                JsonObject body = new JsonObject().put("code", pick("0".repeat(32), "", "x".repeat(5_000),
                                "ABCDEF0123456789abcdef0123456789", "\u0000", "'; --"))
                        .put("key_id", pick("fz-device", "Bad Id", "")).put("public_key", pick(
                                "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "short", randomBase64url(43)));
                if (random.nextBoolean()) body.put("signature", randomBase64url(86));
                if (random.nextInt(4) == 0) body.put(pick("device_name", "role", "member_id"), pick("", "x".repeat(65),
                        "admin"));
                String text = random.nextInt(5) == 0 ? body.encode().replace("fz-device", "\ud800") : body.encode();
                yield new Request("hostile enrollment", "POST", "/v1/enrollments", random.nextBoolean() ? null
                        : pick(cast.memberToken(), "no-such-token"), text);
            }
            case 1 -> new Request("revoke another's token", "DELETE", "/v1/tokens/" + pick("tok_1", "tok_2", "tok_0",
                    "tok_-1", "tok_99999999999999999999", "tok_", "1", "tok_1%00", "..%2Ftok_1"),
                    pick(cast.memberToken(), cast.otherToken(), cast.auditorToken(), cast.terminalToken()), null);
            case 2 -> new Request("another's credentials", "GET", "/v1/members/" + pick("fz-shop", "fz-other",
                    "nobody", "%00") + pick("/tokens", "/signing-keys"), pick(cast.memberToken(), cast.terminalToken()),
                    null);
            case 3 -> new Request("bad token lifetime", "POST", pick("/v1/tokens", "/v1/members/fz-claire/tokens"),
                    ApiFixture.ADMIN, new JsonObject().put("role", pick("auditor", "member", "terminal", "root"))
                    .put("expires_in_s", pickOf(0, -1, 315_360_001L, 1.5, "60", Long.MAX_VALUE)).encode());
            default -> new Request("bad enrollment code request", "POST", "/v1/members/" + pick("fz-claire", "nobody")
                    + "/enrollments", pick(ApiFixture.ADMIN, cast.memberToken(), cast.auditorToken()),
                    new JsonObject().put("role", pick("member", "terminal", "admin", "")).put("expires_in_s",
                            pickOf(0, 604_801, -5, "1", 1e9)).encode());
        };
    }

    private Request badPathOrQuery() {
        String path = pick("/v1/accounts/%00", "/v1/accounts/" + "a".repeat(3_000), "/v1/transfers/not-a-uuid",
                "/v1/transfers/" + UUID.randomUUID() + "/post", "/v1/accounts/" + cast.account() + "/transfers?limit=-1",
                "/v1/accounts/" + cast.account() + "/transfers?limit=abc",
                "/v1/accounts/" + cast.account() + "/transfers?after=99999999999999999999",
                "/v1/accounts/" + cast.account() + "/balance?as_of=yesterday",
                "/v1/accounts/" + cast.account() + "/statement", "/v1/accounts/" + cast.account()
                        + "/statement?from=2026-01-01T00:00:00Z&format=xml", "/v1/export/journal?format=csv",
                "/v1/export/fec?from=2026-13-01T00:00:00Z", "/v1/export/fec?to=0", "/v1/export/fec?from=2026-01-01"
                        + "T00:00:00Z&to=2025-01-01T00:00:00Z", "/v1/export/fec?from=a&from=b",
                "/v1/export/fec?to=%2B1000000000-12-31T23:59:59Z", "/v1/export/fec?to=%2B100000-01-01T00:00:00Z",
                "/v1/export/fec?from=" + "9".repeat(200), "/v1/export/fec?from=2026-01-01T00:00:00%2B01:00",
                "/v1/members/..%2F..%2Fadmin", "/v1/payment-requests/%E2%80%AE", "/v1/payment-requests/nobody~x/payable",
                "/v1/payment-requests/~/payable", "/v1/payment-requests/a~b~c/payable",
                "/v1/payment-requests/nobody~x/qr.svg", "/v1/payment-requests/%00/qr.svg", "/v1/events?limit=0",
                "/v1/events?limit=1001", "/v1/events?wait_s=31", "/v1/events?after=-1", "/v1/events?types=transfer",
                "/v1/events?types=" + "transfer.created,".repeat(80), "/v1/events/stream?types=nope",
                "/v1/events/stream?after=1e3", "/v1/webhooks/wh_nope", "/v1/webhooks/..%2F",
                "/v1/webhooks/wh_00000000000000000000000000000000/deliveries", "/v1/audit/export?after_sequence=-1",
                "/v1/audit/export?after_sequence=99999999999999999999", "/v1/audit/export?after_sequence=1e3");
        String method = path.endsWith("/post") ? "POST" : "GET";
        return new Request("bad path or query", method, path, pick(cast.memberToken(), cast.auditorToken()),
                method.equals("POST") ? "{}" : null);
    }

    /** The back office's lists and an account's changes, asked wrongly or by whom may not see them. */
    private Request badListQuery() {
        String path = pick("/v1/members?limit=0", "/v1/members?limit=501", "/v1/members?limit=abc",
                "/v1/members?limit=1e3", "/v1/members?after=%00", "/v1/members?after=ABC",
                "/v1/members?after=" + "a".repeat(3_000), "/v1/members?q=" + "x".repeat(65), "/v1/members?q=%ED%A0%80",
                "/v1/members?q=a&q=b", "/v1/members?kind=shop", "/v1/members?q=%25%00", "/v1/accounts?breach=yes",
                "/v1/accounts?status=open", "/v1/accounts?member_id=..%2F", "/v1/accounts?currency=" + "x".repeat(17),
                "/v1/accounts?limit=-5", "/v1/accounts?member_id=" + cast.othersAccount().substring(4),
                "/v1/accounts", "/v1/accounts/" + cast.othersAccount() + "/changes", "/v1/accounts/%00/changes",
                "/v1/accounts/" + cast.account() + "/changes?limit=1");
        return new Request("bad list query", "GET", path, pick(cast.memberToken(), cast.otherToken(),
                cast.auditorToken(), cast.terminalToken()), null);
    }

    private JsonObject transfer() {
        return new JsonObject().put("id", UUID.randomUUID().toString()).put("debit_account", cast.account())
                .put("credit_account", cast.payee()).put("amount", 1 + random.nextInt(50)).put("currency", "MLC");
    }

    private JsonObject validBody() {
        return body(transfer());
    }

    private static JsonObject body(JsonObject transfer) {
        return new JsonObject().put("transfers", new JsonArray().add(transfer));
    }

    private static JsonObject signed(ApiFixture.Signer key, JsonObject body) {
        return key.sign("transfers", body);
    }

    /** Cuts, pads or breaks the text of a body. */
    private String mangle(JsonObject body) {
        String text = body.encode();
        int at = random.nextInt(text.length());
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at);
            case 1 -> text + pick(" x", "}", "{}", ",", "\u0000");
            case 2 -> text.substring(0, at) + pick("{", "]", "\"", ":", "\\") + text.substring(at);
            default -> pick("", "null", "[]", "\"text\"", "42", "{\"transfers\":}", "\uFEFF" + text);
        };
    }

    private String randomBase64url(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return out.toString();
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private Object pickOf(Object... choices) {
        return List.of(choices).get(random.nextInt(choices.length));
    }
}
