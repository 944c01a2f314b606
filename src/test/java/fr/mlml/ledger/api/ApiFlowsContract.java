package fr.mlml.ledger.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The association's flows through the HTTP API, on a real service: signed transfers and their replays, revoked
 * keys, payment requests, holds, terminal refunds, conversions, issuance, reconciliation and the audit chain, and
 * what a restart keeps. Run on each journal ({@link FileApiFlowsTest}, {@link PgApiFlowsTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiFlowsContract {
    private static final AtomicInteger NEXT = new AtomicInteger();
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

    /** A citizen with MLC and a member token and key, and a business with MLC and MIE and the same. */
    final class Pair {
        final String citizen = "claire-" + NEXT.incrementAndGet();
        final String shop = "shop-" + NEXT.incrementAndGet();
        final String citizenToken;
        final String shopToken;
        final ApiFixture.Signer citizenKey;
        final ApiFixture.Signer shopKey;

        Pair(long citizenMlc) {
            f.member(citizen, "citizen");
            f.account("mlc:" + citizen, citizen, "MLC");
            f.member(shop, "business");
            f.account("mlc:" + shop, shop, "MLC");
            f.account("mie:" + shop, shop, "MIE");
            citizenToken = f.memberToken(citizen);
            shopToken = f.memberToken(shop);
            citizenKey = f.key(citizen, citizen + "-phone");
            shopKey = f.key(shop, shop + "-office");
            if (citizenMlc > 0) f.issue("mlc:" + citizen, citizenMlc);
        }

        String mlc(String member) {
            return "mlc:" + member;
        }
    }

    @Test
    void aSignedTransferMovesMoneyOnceAndItsReplayAnswersExists() {
        Pair p = new Pair(10_000);
        JsonObject t = transfer(p.mlc(p.citizen), p.mlc(p.shop), 1_200, "MLC").put("memo", "bread");
        JsonObject body = p.citizenKey.sign("transfers", ApiFixture.transfers(t));
        JsonObject first = expect(200, f.client.post("/v1/transfers", p.citizenToken, body)).json()
                .getJsonArray("results").getJsonObject(0);
        assertEquals("created", first.getString("status"));
        JsonObject created = first.getJsonObject("transfer");
        assertEquals("posted", created.getString("status"));
        assertEquals(1_200, created.getLong("amount"));
        assertEquals("bread", created.getString("memo"));
        assertTrue(created.getLong("sequence") > 0);

        JsonObject again = expect(200, f.client.post("/v1/transfers", p.citizenToken, body)).json()
                .getJsonArray("results").getJsonObject(0);
        assertEquals("exists", again.getString("status"));
        assertEquals(created.getLong("sequence"), again.getJsonObject("transfer").getLong("sequence"));

        JsonArray changed = f.send(p.citizenToken, p.citizenKey, t.copy().put("amount", 1_300));
        assertEquals("rejected", changed.getJsonObject(0).getString("status"));
        assertEquals("exists_with_different_fields", changed.getJsonObject(0).getString("code"));

        assertEquals(8_800, f.balance(p.mlc(p.citizen)));
        assertEquals(1_200, f.balance(p.mlc(p.shop)));
        JsonObject read = expect(200, f.client.get("/v1/transfers/" + t.getString("id"), p.shopToken)).json();
        assertEquals(p.mlc(p.citizen), read.getString("debit_account"));
    }

    @Test
    void atomicBatchesAreAllOrNothing() {
        Pair p = new Pair(1_000);
        JsonArray results = expect(200, f.client.post("/v1/transfers", p.citizenToken, p.citizenKey.sign("transfers",
                ApiFixture.transfers(transfer(p.mlc(p.citizen), p.mlc(p.shop), 600, "MLC"),
                        transfer(p.mlc(p.citizen), p.mlc(p.shop), 600, "MLC")).put("atomic", true)))).json()
                .getJsonArray("results");
        assertEquals("linked_failed", results.getJsonObject(0).getString("code"));
        assertEquals("exceeds_floor", results.getJsonObject(1).getString("code"));
        assertEquals(1_000, f.balance(p.mlc(p.citizen)));
    }

    @Test
    void aRevokedKeySignsNothingAndTheRefusedIdStaysFree() {
        Pair p = new Pair(1_000);
        expect(204, f.client.delete("/v1/members/" + p.citizen + "/signing-keys/" + p.citizenKey.keyId(), ADMIN));
        JsonObject t = transfer(p.mlc(p.citizen), p.mlc(p.shop), 100, "MLC");
        ApiClient.Answer refused = f.client.post("/v1/transfers", p.citizenToken,
                p.citizenKey.sign("transfers", ApiFixture.transfers(t)));
        assertEquals(403, refused.status());
        assertEquals("bad_signature", refused.code());
        ApiFixture.Signer fresh = f.key(p.citizen, p.citizen + "-new");
        assertEquals("created", f.send(p.citizenToken, fresh, t).getJsonObject(0).getString("status"));
    }

    @Test
    void aPaymentRequestIsPaidOnceByTheExactAmountBeforeItExpires() throws Exception {
        Pair p = new Pair(10_000);
        String till = f.token(p.shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-1"));
        String pr = "pr-" + UUID.randomUUID();
        JsonObject created = expect(201, f.client.post("/v1/payment-requests", till, new JsonObject().put("id", pr)
                .put("credit_account", p.mlc(p.shop)).put("amount", 450).put("memo", "2 croissants")
                .put("expires_in_s", 300))).json();
        assertEquals("open", created.getString("status"));

        JsonObject wrong = transfer(p.mlc(p.citizen), p.mlc(p.shop), 400, "MLC").put("payment_request", pr);
        assertEquals("payment_request_mismatch", f.send(p.citizenToken, p.citizenKey, wrong).getJsonObject(0)
                .getString("code"));
        JsonObject pay = transfer(p.mlc(p.citizen), p.mlc(p.shop), 450, "MLC").put("payment_request", pr);
        assertEquals("created", f.send(p.citizenToken, p.citizenKey, pay).getJsonObject(0).getString("status"));
        JsonObject twice = transfer(p.mlc(p.citizen), p.mlc(p.shop), 450, "MLC").put("payment_request", pr);
        assertEquals("payment_request_mismatch", f.send(p.citizenToken, p.citizenKey, twice).getJsonObject(0)
                .getString("code"));

        JsonObject paid = expect(200, f.client.get("/v1/payment-requests/" + pr, till)).json();
        assertEquals("paid", paid.getString("status"));
        assertEquals(pay.getString("id"), paid.getString("transfer_id"));
        expect(200, f.client.get("/v1/payment-requests/" + pr, p.citizenToken));
        Pair other = new Pair(0);
        expect(403, f.client.get("/v1/payment-requests/" + pr, other.citizenToken));

        String soon = "pr-" + UUID.randomUUID();
        expect(201, f.client.post("/v1/payment-requests", till, new JsonObject().put("id", soon)
                .put("credit_account", p.mlc(p.shop)).put("amount", 100).put("expires_in_s", 1)));
        Thread.sleep(1_100);
        assertEquals("expired", expect(200, f.client.get("/v1/payment-requests/" + soon, till)).json()
                .getString("status"));
        JsonObject late = transfer(p.mlc(p.citizen), p.mlc(p.shop), 100, "MLC").put("payment_request", soon);
        assertEquals("payment_request_mismatch", f.send(p.citizenToken, p.citizenKey, late).getJsonObject(0)
                .getString("code"));
    }

    @Test
    void holdsArePostedByThePayeeVoidedByAPartyAndExpireOnTheirOwn() throws Exception {
        Pair p = new Pair(10_000);
        String till = f.token(p.shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-2"));
        ApiFixture.Signer tillKey = f.key(p.shop, p.shop + "-till-2");
        JsonObject hold = transfer(p.mlc(p.citizen), p.mlc(p.shop), 500, "MLC").put("pending_timeout_s", 600);
        assertEquals("pending", f.send(p.citizenToken, p.citizenKey, hold).getJsonObject(0).getJsonObject("transfer")
                .getString("status"));
        String id = hold.getString("id");

        ApiClient.Answer byPayer = f.client.post("/v1/transfers/" + id + "/post", p.citizenToken,
                p.citizenKey.sign("post", new JsonObject().put("id", id)));
        assertEquals(403, byPayer.status());
        assertEquals("not_permitted", byPayer.code());
        JsonObject posted = expect(200, f.client.post("/v1/transfers/" + id + "/post", till,
                tillKey.sign("post", new JsonObject().put("id", id).put("amount", 300)))).json();
        assertEquals("posted", posted.getString("status"));
        assertEquals(300, posted.getLong("posted_amount"));
        assertEquals(9_700, f.balance(p.mlc(p.citizen)));
        ApiClient.Answer again = f.client.post("/v1/transfers/" + id + "/void", till,
                tillKey.sign("void", new JsonObject().put("id", id)));
        assertEquals(409, again.status());
        assertEquals("pending_already_resolved", again.code());

        JsonObject second = transfer(p.mlc(p.citizen), p.mlc(p.shop), 200, "MLC").put("pending_timeout_s", 600);
        f.send(p.citizenToken, p.citizenKey, second);
        String secondId = second.getString("id");
        assertEquals("voided", expect(200, f.client.post("/v1/transfers/" + secondId + "/void", p.citizenToken,
                p.citizenKey.sign("void", new JsonObject().put("id", secondId)))).json().getString("status"));

        JsonObject third = transfer(p.mlc(p.citizen), p.mlc(p.shop), 250, "MLC").put("pending_timeout_s", 600);
        f.send(p.citizenToken, p.citizenKey, third);
        String thirdId = third.getString("id");
        JsonObject whole = expect(200, f.client.post("/v1/transfers/" + thirdId + "/post", p.shopToken,
                p.shopKey.sign("post", new JsonObject().put("id", thirdId)))).json();
        assertEquals(250, whole.getLong("posted_amount"));

        JsonObject brief = transfer(p.mlc(p.citizen), p.mlc(p.shop), 100, "MLC").put("pending_timeout_s", 1);
        f.send(p.citizenToken, p.citizenKey, brief);
        String briefId = brief.getString("id");
        Thread.sleep(2_500);
        assertEquals("expired", expect(200, f.client.get("/v1/transfers/" + briefId, p.citizenToken)).json()
                .getString("status"));
        ApiClient.Answer late = f.client.post("/v1/transfers/" + briefId + "/post", p.shopToken,
                p.shopKey.sign("post", new JsonObject().put("id", briefId)));
        assertEquals(409, late.status());
        assertEquals("pending_expired", late.code());
        assertEquals(10_000 - 300 - 250, f.balance(p.mlc(p.citizen)));
    }

    @Test
    void aTerminalRefundsWithItsOwnKeyUpToItsLimit() {
        Pair p = new Pair(5_000);
        f.send(p.citizenToken, p.citizenKey, transfer(p.mlc(p.citizen), p.mlc(p.shop), 3_000, "MLC"));
        String till = f.token(p.shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-3")
                .put("refund_limit", 1_000));
        ApiFixture.Signer tillKey = f.key(p.shop, p.shop + "-till-3");
        JsonArray within = f.send(till, tillKey, transfer(p.mlc(p.shop), p.mlc(p.citizen), 800, "MLC"));
        assertEquals("created", within.getJsonObject(0).getString("status"));
        ApiClient.Answer over = f.client.post("/v1/transfers", till, tillKey.sign("transfers",
                ApiFixture.transfers(transfer(p.mlc(p.shop), p.mlc(p.citizen), 1_500, "MLC"))));
        assertEquals(403, over.status());
        assertEquals("refund_limit_exceeded", over.code());
        assertEquals(2_800, f.balance(p.mlc(p.citizen)));
    }

    @Test
    void businessesConvertBetweenCurrenciesAndBackToEurosWithAFee() {
        Pair p = new Pair(0);
        f.issue(p.mlc(p.shop), 100_000);
        JsonObject toMie = p.shopKey.sign("conversion", new JsonObject().put("id", UUID.randomUUID().toString())
                .put("from_account", p.mlc(p.shop)).put("to_account", "mie:" + p.shop).put("amount", 10_000));
        JsonObject converted = expect(200, f.client.post("/v1/conversions", p.shopToken, toMie)).json();
        assertEquals("created", converted.getString("status"), converted.encode());
        assertEquals(0, converted.getLong("fee"));
        assertEquals(2, converted.getJsonArray("transfers").size());
        assertEquals("exists", expect(200, f.client.post("/v1/conversions", p.shopToken, toMie)).json()
                .getString("status"));

        JsonObject back = expect(200, f.client.post("/v1/conversions", p.shopToken, p.shopKey.sign("conversion",
                new JsonObject().put("id", UUID.randomUUID().toString()).put("from_account", "mie:" + p.shop)
                        .put("to_account", p.mlc(p.shop)).put("amount", 4_000)))).json();
        assertEquals("created", back.getString("status"));

        JsonObject euros = expect(200, f.client.post("/v1/conversions", p.shopToken, p.shopKey.sign("conversion",
                new JsonObject().put("id", UUID.randomUUID().toString()).put("from_account", p.mlc(p.shop))
                        .put("to_currency", "EUR").put("amount", 10_000).put("reference", "payout")))).json();
        assertEquals("created", euros.getString("status"));
        assertEquals(500, euros.getLong("fee"));
        assertEquals(3, euros.getJsonArray("transfers").size());
        assertEquals(100_000 - 10_000 + 4_000 - 10_000, f.balance(p.mlc(p.shop)));
        assertEquals(6_000, f.balance("mie:" + p.shop));

        f.issue(p.mlc(p.citizen), 1_000);
        JsonObject citizen = expect(200, f.client.post("/v1/conversions", p.citizenToken, p.citizenKey.sign(
                "conversion", new JsonObject().put("id", UUID.randomUUID().toString())
                        .put("from_account", p.mlc(p.citizen)).put("to_currency", "EUR").put("amount", 500)))).json();
        assertEquals("rejected", citizen.getString("status"));
        assertEquals("conversion_not_allowed", citizen.getString("code"));
    }

    @Test
    void aFullDayOfTheAssociationReconcilesAndItsChainVerifies() {
        Pair a = new Pair(50_000);
        Pair b = new Pair(20_000);
        f.issue(a.mlc(a.shop), 30_000);
        for (int i = 0; i < 5; i++) {
            f.send(a.citizenToken, a.citizenKey, transfer(a.mlc(a.citizen), a.mlc(a.shop), 1_000 + i, "MLC"),
                    transfer(a.mlc(a.citizen), a.mlc(b.shop), 500, "MLC"));
            f.send(b.citizenToken, b.citizenKey, transfer(b.mlc(b.citizen), b.mlc(a.shop), 700, "MLC"));
        }
        f.send(a.shopToken, a.shopKey, transfer("mie:" + a.shop, "mie:" + b.shop, 25_000, "MIE"));
        expect(200, f.client.post("/v1/conversions", a.shopToken, a.shopKey.sign("conversion", new JsonObject()
                .put("id", UUID.randomUUID().toString()).put("from_account", a.mlc(a.shop)).put("to_currency", "EUR")
                .put("amount", 12_345))));
        expect(200, f.client.post("/v1/conversions", b.shopToken, b.shopKey.sign("conversion", new JsonObject()
                .put("id", UUID.randomUUID().toString()).put("from_account", b.mlc(b.shop))
                .put("to_account", "mie:" + b.shop).put("amount", 1_000))));

        String auditor = f.staffToken("auditor");
        JsonObject books = expect(200, f.client.get("/v1/reconciliation", auditor)).json();
        assertTrue(books.getBoolean("invariants_ok"), books.encode());
        for (Object o : books.getJsonArray("currencies")) {
            JsonObject c = (JsonObject) o;
            assertEquals(0L, c.getLong("sum_of_balances"), c.encode());
            if (c.getString("currency").equals("MLC")) {
                assertEquals("1", c.getString("backing_ratio"));
                assertEquals(c.getLong("reserve"), c.getLong("outstanding"));
                assertTrue(c.getLong("fees") > 0);
            }
        }
        assertTrue(books.getJsonArray("accounts_breaching_limits").isEmpty());

        JsonObject head = expect(200, f.client.get("/v1/audit/chain", auditor)).json();
        assertTrue(head.getLong("sequence") > 0);
        assertEquals(64, head.getString("hash").length());
        JsonObject verified = expect(200, f.client.get("/v1/audit/verify", auditor)).json();
        assertTrue(verified.getBoolean("ok"));
        assertNull(verified.getValue("first_bad_sequence"));
        assertTrue(verified.getLong("batches_checked") >= head.getLong("sequence"));
    }

    @Test
    void tokensKeysAndRevocationsSurviveARestart() throws Exception {
        Pair p = new Pair(1_000);
        ApiFixture.Signer revoked = f.key(p.citizen, p.citizen + "-old");
        expect(204, f.client.delete("/v1/members/" + p.citizen + "/signing-keys/" + revoked.keyId(), ADMIN));
        f = f.restarted();
        assertEquals(1_000, f.balance(p.mlc(p.citizen)));
        assertEquals("created", f.send(p.citizenToken, p.citizenKey, transfer(p.mlc(p.citizen), p.mlc(p.shop), 10,
                "MLC")).getJsonObject(0).getString("status"));
        ApiClient.Answer old = f.client.post("/v1/transfers", p.citizenToken, revoked.sign("transfers",
                ApiFixture.transfers(transfer(p.mlc(p.citizen), p.mlc(p.shop), 10, "MLC"))));
        assertEquals("bad_signature", old.code());
        assertFalse(f.client.get("/v1/accounts/" + p.mlc(p.citizen), "not-a-token").status() == 200);
    }
}
