package fr.mlml.ledger.api;

import fr.mlml.ledger.config.FecChart;
import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.SystemAccount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final LedgerConfig CONFIG = LedgerConfigFile.defaults();
    private static final FecChart CHART = LedgerConfigFile.defaultChart();
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
        assertEquals(pr, created.getString("id"), "the id is the shop's own");
        String ref = p.shop + "~" + pr;
        assertEquals(ref, created.getString("ref"), "what names it for anyone: the member, then its id");
        String otherTill = f.token(p.shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-9"));
        assertEquals(404, f.client.get("/v1/payment-requests/" + pr, otherTill).status(),
                "a terminal reads only what it created, and another's answers as if it did not exist");
        assertEquals(200, f.client.get("/v1/payment-requests/" + pr, till).status());
        assertEquals(200, f.client.get("/v1/payment-requests/" + pr, p.shopToken).status(), "its member reads it");
        assertEquals(200, f.client.get("/v1/payment-requests/" + ref, p.shopToken).status(), "by its full name too");
        assertEquals(404, f.client.get("/v1/payment-requests/" + pr, p.citizenToken).status(),
                "a bare id names one of the caller's own requests: the citizen has none of that name");

        JsonObject wrong = transfer(p.mlc(p.citizen), p.mlc(p.shop), 400, "MLC").put("payment_request", pr);
        assertEquals("payment_request_mismatch", f.send(p.citizenToken, p.citizenKey, wrong).getJsonObject(0)
                .getString("code"));
        JsonObject pay = transfer(p.mlc(p.citizen), p.mlc(p.shop), 450, "MLC").put("payment_request", pr);
        assertEquals("created", f.send(p.citizenToken, p.citizenKey, pay).getJsonObject(0).getString("status"));
        assertEquals(200, f.client.get("/v1/transfers/" + pay.getString("id"), till).status(), "its request's payment");
        assertEquals(404, f.client.get("/v1/transfers/" + pay.getString("id"), otherTill).status(),
                "a transfer the terminal may not read answers as if it did not exist");
        JsonObject twice = transfer(p.mlc(p.citizen), p.mlc(p.shop), 450, "MLC").put("payment_request", pr);
        assertEquals("payment_request_mismatch", f.send(p.citizenToken, p.citizenKey, twice).getJsonObject(0)
                .getString("code"));

        JsonObject paid = expect(200, f.client.get("/v1/payment-requests/" + pr, till)).json();
        assertEquals("paid", paid.getString("status"));
        assertEquals(pay.getString("id"), paid.getString("transfer_id"));
        expect(200, f.client.get("/v1/payment-requests/" + ref, p.citizenToken));
        Pair other = new Pair(0);
        ApiClient.Answer stranger = expect(404, f.client.get("/v1/payment-requests/" + ref, other.citizenToken));
        assertEquals("not_found", stranger.code());
        assertFalse(stranger.text().contains("2 croissants"), "nothing of the request: " + stranger.text());

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
        ApiFixture.Signer tillKey = f.key(p.shop, p.shop + "-till-2", "till-2");
        JsonObject hold = transfer(p.mlc(p.citizen), p.mlc(p.shop), 500, "MLC").put("pending_timeout_s", 600);
        assertEquals("pending", f.send(p.citizenToken, p.citizenKey, hold).getJsonObject(0).getJsonObject("transfer")
                .getString("status"));
        String id = hold.getString("id");
        assertEquals(200, f.client.get("/v1/transfers/" + id, till).status(), "a hold made to its business");

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
    void aTerminalRefundsAPaymentToItsPayerWithItsOwnKeyUpToItsLimitPerRequest() {
        Pair p = new Pair(5_000);
        JsonObject payment = transfer(p.mlc(p.citizen), p.mlc(p.shop), 3_000, "MLC");
        f.send(p.citizenToken, p.citizenKey, payment);
        String paymentId = payment.getString("id");
        String till = f.token(p.shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-3")
                .put("refund_limit", 1_000));
        ApiFixture.Signer tillKey = f.key(p.shop, p.shop + "-till-3", "till-3");
        JsonObject refund = transfer(p.mlc(p.shop), p.mlc(p.citizen), 800, "MLC").put("refund_of", paymentId);
        JsonObject within = f.send(till, tillKey, refund).getJsonObject(0);
        assertEquals("created", within.getString("status"), within.encode());
        assertEquals(paymentId, within.getJsonObject("transfer").getString("refund_of"));
        assertEquals("till-3", within.getJsonObject("transfer").getString("terminal_id"));
        JsonObject read = expect(200, f.client.get("/v1/transfers/" + refund.getString("id"), till)).json();
        assertEquals("till-3", read.getString("terminal_id"), "the till reads its refund back, with its name");

        JsonArray notARefund = f.send(till, tillKey, transfer(p.mlc(p.shop), p.mlc(p.citizen), 10, "MLC"));
        assertEquals("not_permitted", notARefund.getJsonObject(0).getString("code"), "a terminal only refunds");
        // A terminal signs only with its own keys, and its keys sign for nobody else (DESIGN.md §4).
        ApiFixture.Signer otherTill = f.key(p.shop, p.shop + "-till-4", "till-4");
        for (String[] misuse : new String[][] {{till, "shop"}, {till, "till-4"}, {p.shopToken, "till-3"}}) {
            ApiFixture.Signer signer = misuse[1].equals("shop") ? p.shopKey
                    : misuse[1].equals("till-4") ? otherTill : tillKey;
            ApiClient.Answer refused = f.client.post("/v1/transfers", misuse[0], signer.sign("transfers",
                    ApiFixture.transfers(transfer(p.mlc(p.shop), p.mlc(p.citizen), 10, "MLC")
                            .put("refund_of", paymentId))));
            assertEquals("bad_signature", refused.code(), misuse[1] + " key: " + refused.text());
        }
        ApiClient.Answer over = f.client.post("/v1/transfers", till, tillKey.sign("transfers",
                ApiFixture.transfers(transfer(p.mlc(p.shop), p.mlc(p.citizen), 1_500, "MLC")
                        .put("refund_of", paymentId))));
        assertEquals(403, over.status());
        assertEquals("refund_limit_exceeded", over.code());
        ApiClient.Answer overTogether = f.client.post("/v1/transfers", till, tillKey.sign("transfers",
                ApiFixture.transfers(transfer(p.mlc(p.shop), p.mlc(p.citizen), 600, "MLC").put("refund_of", paymentId),
                        transfer(p.mlc(p.shop), p.mlc(p.citizen), 600, "MLC").put("refund_of", paymentId))));
        assertEquals(403, overTogether.status(), "the limit bounds a request's refunds together");
        assertEquals("refund_limit_exceeded", overTogether.code());
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

    @Test
    void anAccountsHistoryPagesNewestFirstWithItsBalanceAfterEachChange() {
        Pair p = new Pair(10_000);
        for (int i = 0; i < 5; i++) {
            f.send(p.citizenToken, p.citizenKey, transfer(p.mlc(p.citizen), p.mlc(p.shop), 100 + i, "MLC"));
        }
        String path = "/v1/accounts/" + p.mlc(p.citizen) + "/transfers?limit=2";
        List<JsonObject> items = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = expect(200, f.client.get(path + (next == null ? "" : "&after=" + next),
                    p.citizenToken)).json();
            page.getJsonArray("items").forEach(o -> items.add((JsonObject) o));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertEquals(6, items.size(), "the issuance and five payments");
        assertEquals(4, pages, "three full pages, then an empty last one");
        long balance = 10_000 - (100 + 101 + 102 + 103 + 104);
        for (int i = 0; i < 5; i++) {
            JsonObject item = items.get(i);
            assertEquals(104 - i, item.getLong("amount"), "newest first");
            assertEquals(balance, item.getLong("balance_after"));
            assertEquals("posted", item.getString("status"));
            balance += item.getLong("amount");
        }
        assertEquals("leg", items.get(5).getString("kind"), "the issuance's leg");
        assertEquals("exchange office", items.get(5).getString("memo"), "a leg's memo is its group's reference");
        assertEquals(10_000, items.get(5).getLong("balance_after"));

        assertEquals(404, f.client.get(path, p.shopToken).status(),
                "another member's account answers as one that does not exist");
        assertEquals(200, f.client.get(path, f.staffToken("auditor")).status());
        ApiClient.Answer bad = f.client.get(path.replace("limit=2", "limit=1001"), ADMIN);
        assertEquals(400, bad.status());
        assertEquals("limit", bad.json().getString("field"));
        assertEquals(400, f.client.get(path + "&after=x1", ADMIN).status());
        assertEquals(404, f.client.get("/v1/accounts/mlc:nobody-here/transfers", ADMIN).status());
    }

    @Test
    void pastBalancesAndStatementsAnswerForAnyPeriod() throws Exception {
        Pair p = new Pair(1_000);
        String account = p.mlc(p.citizen);
        Instant t1 = pause();
        f.send(p.citizenToken, p.citizenKey, transfer(account, p.mlc(p.shop), 200, "MLC").put("memo", "pain, \"bio\""));
        Instant t2 = pause();
        f.send(p.citizenToken, p.citizenKey, transfer(account, p.mlc(p.shop), 300, "MLC"));
        String base = "/v1/accounts/" + account;

        assertEquals(1_000, balanceAsOf(base, t1));
        assertEquals(800, balanceAsOf(base, t2));
        assertEquals(500, expect(200, f.client.get(base + "/balance", ADMIN)).json().getLong("balance"));
        assertEquals(0, balanceAsOf(base, Instant.parse("2020-01-01T00:00:00Z")), "before the account existed");

        JsonObject s = expect(200, f.client.get(base + "/statement?from=" + t1 + "&to=" + t2,
                p.citizenToken)).json();
        assertEquals(1_000, s.getLong("opening"));
        assertEquals(800, s.getLong("closing"));
        assertEquals("MLC", s.getString("currency"));
        assertEquals(1, s.getJsonArray("entries").size());
        assertEquals(200, s.getJsonArray("entries").getJsonObject(0).getLong("amount"));

        ApiClient.Answer csv = expect(200, f.client.get(base + "/statement?format=csv&from=" + t1, ADMIN));
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        String[] rows = csv.text().split("\r\n");
        assertEquals(StatementCsv.HEADER.strip(), rows[0]);
        assertTrue(rows[1].endsWith(",,opening,,,,1000,"), rows[1]);
        assertTrue(rows[2].contains(",posted," + account + "," + p.mlc(p.shop) + ",200,800,\"pain, \"\"bio\"\"\""),
                rows[2]);
        assertTrue(rows[3].contains(",300,500,"), rows[3]);
        assertTrue(rows[4].endsWith(",,closing,,,,500,"), rows[4]);
        assertEquals(5, rows.length);

        assertEquals("from", f.client.get(base + "/statement", ADMIN).json().getString("field"));
        assertEquals("to", f.client.get(base + "/statement?from=" + t2 + "&to=" + t1, ADMIN).json()
                .getString("field"));
        assertEquals("format", f.client.get(base + "/statement?from=" + t1 + "&format=xml", ADMIN).json()
                .getString("field"));
        assertEquals("as_of", f.client.get(base + "/balance?as_of=yesterday", ADMIN).json().getString("field"));
        assertEquals(404, f.client.get(base + "/balance", p.shopToken).status(), "another member's account");
    }

    /** An instant strictly between what was acknowledged before and what is sent after. */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(5);
        Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
        Thread.sleep(5);
        return at;
    }

    private long balanceAsOf(String base, Instant asOf) {
        JsonObject b = expect(200, f.client.get(base + "/balance?as_of=" + asOf, ADMIN)).json();
        assertEquals(asOf.toString(), b.getString("as_of"));
        return b.getLong("balance");
    }

    @Test
    void theJournalExportReadByHledgerHasEveryBalanceToTheCent(@TempDir Path dir) throws Exception {
        Pair p = new Pair(7_777);
        f.send(p.citizenToken, p.citizenKey, transfer(p.mlc(p.citizen), p.mlc(p.shop), 1_234, "MLC")
                .put("memo", "pain; croissants | café"));
        expect(200, f.client.post("/v1/conversions", p.shopToken, p.shopKey.sign("conversion", new JsonObject()
                .put("id", UUID.randomUUID().toString()).put("from_account", p.mlc(p.shop)).put("to_currency", "EUR")
                .put("amount", 1_001))));
        String auditor = f.staffToken("auditor");
        assertEquals(403, f.client.get("/v1/export/journal?format=hledger", p.shopToken).status());
        assertEquals("format", f.client.get("/v1/export/journal", auditor).json().getString("field"));

        ApiClient.Answer export = expect(200, f.client.get("/v1/export/journal?format=hledger", auditor));
        Path journal = dir.resolve("ledger.journal");
        Files.writeString(journal, export.text(), StandardCharsets.UTF_8);
        Map<String, String> hledger = HledgerExportTest.hledgerBalances(journal);
        assertTrue(hledger.containsKey(p.mlc(p.citizen)) && hledger.containsKey("eur:reserve"), hledger.toString());
        for (Map.Entry<String, String> account : hledger.entrySet()) {
            JsonObject a = expect(200, f.client.get("/v1/accounts/" + account.getKey(), ADMIN)).json();
            long balance = a.getLong("balance");
            String expected = (balance < 0 ? "-" : "") + HledgerExport.amount(Math.abs(balance), 2) + " "
                    + a.getString("currency");
            assertEquals(expected, account.getValue(), account.getKey());
        }
    }

    @Test
    void theFecFileKeepsEveryRuleAndEveryAccountsBalanceToTheCent() throws Exception {
        Pair p = new Pair(7_777);
        Pair other = new Pair(0);
        f.send(p.citizenToken, p.citizenKey, transfer(p.mlc(p.citizen), p.mlc(p.shop), 1_234, "MLC")
                .put("memo", "pain; croissants | café\tlivré"));
        f.send(p.citizenToken, p.citizenKey, transfer(p.mlc(p.citizen), p.mlc(p.shop), 99, "MLC")
                .put("memo", "=HYPERLINK(\"http://x.example\")"));
        f.send(p.shopToken, p.shopKey, transfer("mie:" + p.shop, "mie:" + other.shop, 50_000, "MIE")
                .put("memo", "facture F-2026-117"));
        for (JsonObject conversion : List.of(new JsonObject().put("to_currency", "EUR").put("amount", 1_001),
                new JsonObject().put("to_account", "mie:" + p.shop).put("amount", 100))) {
            JsonObject done = expect(200, f.client.post("/v1/conversions", p.shopToken, p.shopKey.sign("conversion",
                    conversion.put("id", UUID.randomUUID().toString()).put("from_account", p.mlc(p.shop))))).json();
            assertEquals("created", done.getString("status"), done.encode());
        }
        String auditor = f.staffToken("auditor");
        assertEquals(403, f.client.get("/v1/export/fec", p.shopToken).status());
        assertEquals("from", f.client.get("/v1/export/fec?from=yesterday", auditor).json().getString("field"));

        ApiClient.Answer whole = expect(200, f.client.get("/v1/export/fec", auditor));
        assertEquals("text/plain; charset=ISO-8859-15", whole.header("Content-Type"));
        assertTrue(whole.header("Content-Disposition").matches("attachment; filename=\"FEC[0-9]{8}\\.txt\""),
                whole.header("Content-Disposition"));
        FecFile file = new FecFile(whole.text().getBytes(FecFile.LATIN_9));
        Map<String, Long> booked = file.debitBalances();
        for (String account : List.of(p.mlc(p.citizen), p.mlc(p.shop), "mie:" + p.shop, "mie:" + other.shop)) {
            assertTrue(booked.containsKey(account), account + " is an auxiliary account: " + booked);
        }
        for (Map.Entry<String, Long> account : booked.entrySet()) {
            String id = ledgerAccount(account.getKey());
            assertEquals(debitBalance(id, f.balance(id)), account.getValue(), id + " (" + account.getKey() + ")");
        }
        assertTrue(booked.get("512100") > 0, "the guarantee fund is an asset: a debit balance");
        assertEquals(f.balance("eur:reserve"), booked.get("512100"));
        List<String> labels = file.lines.stream().map(FecFile.Line::label).toList();
        assertTrue(labels.contains("pain; croissants | café livré"), "the memo as it is, its tab a space: " + labels);
        assertTrue(labels.contains("=HYPERLINK(\"http://x.example\")"), "no formula neutralised: " + labels);
        for (FecFile.Line l : file.lines) {
            assertEquals(l.journal().equals("FDG") ? "" : l.journal(), l.currency(), "the currency of " + l);
            if (!l.aux().isEmpty()) assertTrue(l.auxLabel().startsWith("Member "), "the member's name: " + l);
        }

        Instant t1 = pause();
        f.send(p.citizenToken, p.citizenKey, transfer(p.mlc(p.citizen), p.mlc(p.shop), 500, "MLC"));
        Instant t2 = pause();
        f.send(p.citizenToken, p.citizenKey, transfer(p.mlc(p.citizen), p.mlc(p.shop), 7, "MLC"));
        assertEquals("to", f.client.get("/v1/export/fec?from=" + t2 + "&to=" + t1, auditor).json()
                .getString("field"));
        FecFile period = new FecFile(expect(200, f.client.get("/v1/export/fec?from=" + t1 + "&to=" + t2, auditor))
                .text().getBytes(FecFile.LATIN_9));
        assertEquals(2, period.ecritures, "the balances at the start, then the one movement of the period");
        assertTrue(period.lines.stream().filter(l -> l.number() == 1).allMatch(l -> l.journal().equals("AN")));
        for (Map.Entry<String, Long> account : period.debitBalances().entrySet()) {
            if (account.getKey().equals("110000")) continue;
            String id = ledgerAccount(account.getKey());
            long atEnd = debitBalance(id, balanceAsOf("/v1/accounts/" + id, t2));
            if (account.getKey().startsWith("7")) atEnd -= debitBalance(id, balanceAsOf("/v1/accounts/" + id, t1));
            assertEquals(atEnd, account.getValue(), id + " over the period, its opening balance included");
        }
        long incomeBefore = 0;
        for (Map.Entry<String, FecChart.Account> a : CHART.systemAccounts().entrySet()) {
            if (a.getValue().number().startsWith("7")) {
                incomeBefore += debitBalance(a.getKey(), balanceAsOf("/v1/accounts/" + a.getKey(), t1));
            }
        }
        assertTrue(incomeBefore < 0, "the reconversion's fee: income, a credit balance");
        assertEquals(incomeBefore, period.debitBalances().get("110000"),
                "income before the period opens as the result carried forward");
    }

    /** The ledger account of a key of {@link FecFile#debitBalances}: a member account's id, or a system account's. */
    private static String ledgerAccount(String key) {
        if (key.contains(":")) return key;
        return CHART.systemAccounts().entrySet().stream().filter(a -> a.getValue().number().equals(key))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no account " + key));
    }

    /** A ledger balance as the association's books see it: a debit balance, sides turned for the euro fund. */
    private static long debitBalance(String account, long balance) {
        return CHART.currencies().get(CONFIG.systemAccounts().stream().filter(a -> a.id().equals(account))
                .map(SystemAccount::currency).findFirst().orElse(account.substring(0, 3).toUpperCase()))
                .reversed() ? balance : -balance;
    }
}
