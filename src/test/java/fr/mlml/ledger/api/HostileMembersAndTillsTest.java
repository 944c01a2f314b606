package fr.mlml.ledger.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a member or a shop's till holding a valid token and key could do to others through the API, each test the
 * attack it stops (RELIABILITY.md, "Hostile clients", "Members and tills"): learning another's balance from refusals,
 * emptying a shop through refunds, and taking or reading ids that are someone else's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileMembersAndTillsTest {
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    static Path dataDir;
    ApiFixture f;

    @BeforeAll
    void start() throws Exception {
        f = new ApiFixture(dataDir, null);
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    /** A member with a token and a key, and its accounts. */
    private record Member(String id, String token, ApiFixture.Signer key) {
        String mlc() {
            return "mlc:" + id;
        }

        String mie() {
            return "mie:" + id;
        }
    }

    private Member business(String name) {
        String id = name + "-" + NEXT.incrementAndGet();
        f.member(id, "business");
        f.account("mlc:" + id, id, "MLC");
        f.account("mie:" + id, id, "MIE");
        return new Member(id, f.memberToken(id), f.key(id, id + "-key"));
    }

    private Member citizen(String name, long mlc) {
        String id = name + "-" + NEXT.incrementAndGet();
        f.member(id, "citizen");
        f.account("mlc:" + id, id, "MLC");
        if (mlc > 0) f.issue("mlc:" + id, mlc);
        return new Member(id, f.memberToken(id), f.key(id, id + "-key"));
    }

    private JsonObject sendOne(Member m, JsonObject t) {
        return f.send(m.token, m.key, t).getJsonObject(0);
    }

    private String till(Member shop, String terminal, long refundLimit) {
        return f.token(shop.id, new JsonObject().put("role", "terminal").put("terminal_id", terminal)
                .put("refund_limit", refundLimit));
    }

    // ---- refusals reveal nothing about others' accounts ----

    /**
     * The old attack: {@code overflow} came before the floor, so amounts near 2^63 told whether the payee's
     * credits_posted was above {@code MAX - amount}, and 63 requests found it. Now every such amount is above the
     * currency's maximum and refused before any account is read: two payees with different totals answer alike.
     */
    @Test
    void theSixtyThreeRequestSearchOfAPayeesCreditsLearnsNothing() {
        Member spy = citizen("spy", 0);
        Member rich = citizen("rich", 0);
        Member poor = citizen("poor", 0);
        Member payer = citizen("payer", 900_000);
        sendOne(payer, transfer(payer.mlc(), rich.mlc(), 800_000, "MLC"));
        sendOne(payer, transfer(payer.mlc(), poor.mlc(), 3, "MLC"));

        List<String> againstRich = searchCreditsPosted(spy, rich);
        List<String> againstPoor = searchCreditsPosted(spy, poor);
        assertEquals(63, againstRich.size());
        assertEquals(againstRich, againstPoor, "the answers depend on nothing the spy does not own");
        assertEquals(Set.of("invalid_amount"), Set.copyOf(againstRich));
    }

    /** The binary search: each answer halves the range the payee's credits_posted is in, if it tells anything. */
    private List<String> searchCreditsPosted(Member spy, Member payee) {
        List<String> codes = new ArrayList<>();
        long lo = 0;
        long hi = Long.MAX_VALUE;
        for (int i = 0; i < 63; i++) {
            long mid = lo + (hi - lo) / 2;
            JsonObject r = sendOne(spy, transfer(spy.mlc(), payee.mlc(), Long.MAX_VALUE - mid, "MLC"));
            assertEquals(Set.of("id", "status", "code"), r.fieldNames(), "a refusal says its rule and no more");
            codes.add(r.getString("code"));
            if ("overflow".equals(r.getString("code"))) lo = mid;
            else hi = mid;
        }
        return codes;
    }

    /**
     * The old attack: an atomic pair whose first leg goes to the payee and whose second always fails answers
     * {@code exceeds_ceiling} or {@code linked_failed}, so 16 pairs search the payee's headroom under its ceiling.
     * Now the spy meets that ceiling five times a day at most; its further pairs are refused unevaluated, and two
     * payees whose balances differ by one cent answer the whole search alike.
     */
    @Test
    void theSixteenRequestAtomicPairCeilingProbeLearnsNothingAndIsLimited() {
        Member spy = business("spy");
        expect(201, f.client.post("/v1/accounts", ADMIN, new JsonObject().put("id", "mie:" + spy.id + ".line")
                .put("member_id", spy.id).put("currency", "MIE").put("floor", -1_000_000)));
        Member a = business("shop-a");
        Member b = business("shop-b");
        for (Member shop : List.of(a, b)) {
            expect(200, f.client.patch("/v1/accounts/" + shop.mie(), ADMIN, new JsonObject().put("ceiling", 50_000)));
        }
        Member funder = business("funder");
        sendOne(funder, transfer(funder.mie(), a.mie(), 20_000, "MIE"));
        sendOne(funder, transfer(funder.mie(), b.mie(), 20_001, "MIE"));
        long probesBefore = probesRefused();

        List<String> againstA = searchHeadroom(spy, a);
        List<String> againstB = searchHeadroom(spy, b);
        assertEquals(againstA, againstB, "one cent apart, and the search cannot tell them apart");
        assertEquals(5, againstA.stream().filter("exceeds_ceiling"::equals).count(), "five ceilings a day");
        assertEquals("ceiling_probe_limited", againstA.get(15), "then refused without looking");
        long limited = againstA.stream().filter("ceiling_probe_limited"::equals).count();
        assertEquals(probesBefore + 2 * limited, probesRefused(), "reconciliation counts them as probes");

        JsonObject small = sendOne(spy, transfer("mie:" + spy.id + ".line", a.mie(), 1, "MIE"));
        assertEquals("ceiling_probe_limited", small.getString("code"), "even an amount that would fit, today");
        JsonObject honest = sendOne(funder, transfer(funder.mie(), a.mie(), 1, "MIE"));
        assertEquals("created", honest.getString("status"), "other payers are not held back by the spy");
    }

    private List<String> searchHeadroom(Member spy, Member payee) {
        List<String> codes = new ArrayList<>();
        long lo = 0;
        long hi = 1 << 16;
        for (int i = 0; i < 16; i++) {
            long mid = (lo + hi) / 2;
            JsonObject body = ApiFixture.transfers(transfer("mie:" + spy.id + ".line", payee.mie(), mid, "MIE"),
                    transfer("mie:" + spy.id + ".line", "mie:nobody-at-all", 1, "MIE")).put("atomic", true);
            JsonArray results = expect(200, f.client.post("/v1/transfers", spy.token, spy.key.sign("transfers", body)))
                    .json().getJsonArray("results");
            String first = results.getJsonObject(0).getString("code");
            codes.add(first);
            if ("exceeds_ceiling".equals(first)) hi = mid;
            else lo = mid;
        }
        return codes;
    }

    private long probesRefused() {
        return expect(200, f.client.get("/v1/reconciliation", ADMIN)).json().getLong("ceiling_probes_refused");
    }

    /** Another member's transfer, account or payment request answers exactly as one that does not exist. */
    @Test
    void whatAnotherMemberOwnsAnswersAsIfItDidNotExist() {
        Member payer = citizen("payer", 1_000);
        Member shop = business("shop");
        Member stranger = citizen("stranger", 0);
        JsonObject paid = transfer(payer.mlc(), shop.mlc(), 100, "MLC");
        sendOne(payer, paid);

        ApiClient.Answer theirs = expect(404, f.client.get("/v1/transfers/" + paid.getString("id"), stranger.token));
        ApiClient.Answer none = expect(404, f.client.get("/v1/transfers/" + UUID.randomUUID(), stranger.token));
        assertEquals(none.code(), theirs.code());
        assertFalse(theirs.text().contains(shop.mlc()), theirs.text());
        assertEquals(none.code(), expect(404, f.client.get("/v1/accounts/" + shop.mlc(), stranger.token)).code());
        expect(404, f.client.get("/v1/accounts/" + shop.mlc() + "/transfers", stranger.token));
        expect(404, f.client.get("/v1/accounts/mlc:nobody-at-all", stranger.token));
    }

    // ---- terminals only refund ----

    /** The old attack: 1,000 refunds at the per-transfer limit in one request took a shop from 70,606 to 606. */
    @Test
    void aThousandRefundsAtTheLimitInOneRequestAreRefusedWhole() {
        Member shop = business("shop");
        Member customer = citizen("customer", 70_606);
        JsonObject payment = transfer(customer.mlc(), shop.mlc(), 70_606, "MLC");
        sendOne(customer, payment);
        String till = till(shop, "till-1", 70);
        ApiFixture.Signer tillKey = f.key(shop.id, shop.id + "-till-1", "till-1");
        JsonObject[] refunds = new JsonObject[1_000];
        for (int i = 0; i < refunds.length; i++) {
            refunds[i] = transfer(shop.mlc(), customer.mlc(), 70, "MLC").put("refund_of", payment.getString("id"));
        }
        ApiClient.Answer refused = f.client.post("/v1/transfers", till,
                tillKey.sign("transfers", ApiFixture.transfers(refunds)));
        assertEquals(403, refused.status(), refused.text());
        assertEquals("refund_limit_exceeded", refused.code());
        assertEquals(70_606, f.balance(shop.mlc()), "nothing left the shop");
        assertEquals("created", f.send(till, tillKey, refunds[0]).getJsonObject(0).getString("status"),
                "one refund within the limit still goes back to the payer");
    }

    /** The old attack: the refunds went to someone who had never paid the shop, and beyond what anyone paid. */
    @Test
    void aRefundGoesOnlyBackToThePayerAndNeverBeyondThePayment() {
        Member shop = business("shop");
        Member customer = citizen("customer", 5_000);
        Member accomplice = citizen("accomplice", 0);
        JsonObject payment = transfer(customer.mlc(), shop.mlc(), 1_000, "MLC");
        sendOne(customer, payment);
        String paymentId = payment.getString("id");
        String till = till(shop, "till-2", 1_000);
        ApiFixture.Signer tillKey = f.key(shop.id, shop.id + "-till-2", "till-2");

        assertEquals("refund_mismatch", f.send(till, tillKey, transfer(shop.mlc(), accomplice.mlc(), 100, "MLC")
                .put("refund_of", paymentId)).getJsonObject(0).getString("code"), "towards someone who never paid");
        assertEquals("not_permitted", f.send(till, tillKey, transfer(shop.mlc(), accomplice.mlc(), 100, "MLC"))
                .getJsonObject(0).getString("code"), "a refund of nothing");
        assertEquals("refund_mismatch", f.send(till, tillKey, transfer(shop.mlc(), accomplice.mlc(), 100, "MLC")
                .put("refund_of", UUID.randomUUID().toString())).getJsonObject(0).getString("code"));
        assertEquals("created", f.send(till, tillKey, transfer(shop.mlc(), customer.mlc(), 600, "MLC")
                .put("refund_of", paymentId)).getJsonObject(0).getString("status"));
        assertEquals("refund_exceeds_payment", f.send(till, tillKey, transfer(shop.mlc(), customer.mlc(), 600, "MLC")
                .put("refund_of", paymentId)).getJsonObject(0).getString("code"), "600 + 600 > 1,000");
        assertEquals("created", f.send(shop.token, shop.key, transfer(shop.mlc(), customer.mlc(), 400, "MLC")
                .put("refund_of", paymentId)).getJsonObject(0).getString("status"), "the rest, by the member itself");
        assertEquals(0, f.balance(accomplice.mlc()));
        assertEquals(5_000, f.balance(customer.mlc()));
    }

    /** The old attack: a till held its shop's money towards anyone, and voided holds its shop had made as payer. */
    @Test
    void aTillNeitherHoldsItsShopsMoneyNorVoidsWhatItsShopPays() {
        Member shop = business("shop");
        Member customer = citizen("customer", 2_000);
        JsonObject payment = transfer(customer.mlc(), shop.mlc(), 2_000, "MLC");
        sendOne(customer, payment);
        String till = till(shop, "till-3", 1_000);
        ApiFixture.Signer tillKey = f.key(shop.id, shop.id + "-till-3", "till-3");

        JsonObject hold = transfer(shop.mlc(), customer.mlc(), 500, "MLC").put("pending_timeout_s", 600)
                .put("refund_of", payment.getString("id"));
        assertEquals("not_permitted", f.send(till, tillKey, hold).getJsonObject(0).getString("code"));

        JsonObject shopsHold = transfer(shop.mlc(), customer.mlc(), 300, "MLC").put("pending_timeout_s", 600);
        assertEquals("pending", sendOne(shop, shopsHold).getJsonObject("transfer").getString("status"));
        String id = shopsHold.getString("id");
        ApiClient.Answer voided = f.client.post("/v1/transfers/" + id + "/void", till,
                tillKey.sign("void", new JsonObject().put("id", id)));
        assertEquals(403, voided.status(), voided.text());
        assertEquals("not_permitted", voided.code());
        assertEquals(2_000, f.balance(shop.mlc()), "the hold is still the shop's to void");
        assertEquals("voided", expect(200, f.client.post("/v1/transfers/" + id + "/void", shop.token,
                shop.key.sign("void", new JsonObject().put("id", id)))).json().getString("status"));
    }

    // ---- ids nobody can squat ----

    /** The old attack: reusing a victim's conversion id answered with the victim's legs, accounts and amounts. */
    @Test
    void aConversionOrIssuanceIdReusedByAnotherMemberGetsNothingOfTheOriginal() {
        Member victim = business("victim");
        Member thief = business("thief");
        f.issue(victim.mlc(), 50_000);
        f.issue(thief.mlc(), 50_000);
        String id = UUID.randomUUID().toString();
        JsonObject original = new JsonObject().put("id", id).put("from_account", victim.mlc())
                .put("to_account", victim.mie()).put("amount", 12_345).put("reference", "invoice 77");
        assertEquals("created", expect(200, f.client.post("/v1/conversions", victim.token,
                victim.key.sign("conversion", original))).json().getString("status"));

        JsonObject ownFields = new JsonObject().put("id", id).put("from_account", thief.mlc())
                .put("to_account", thief.mie()).put("amount", 1);
        for (JsonObject attempt : List.of(ownFields, original)) {
            ApiClient.Answer a = expect(200, f.client.post("/v1/conversions", thief.token,
                    thief.key.sign("conversion", attempt)));
            assertEquals("rejected", a.json().getString("status"), a.text());
            assertEquals("exists_with_different_fields", a.json().getString("code"));
            assertEquals(0, a.json().getJsonArray("transfers").size(), a.text());
            assertEquals(0, a.json().getLong("fee"));
            assertFalse(a.text().contains("12345") || a.text().contains(victim.id), a.text());
        }

        String issuance = UUID.randomUUID().toString();
        expect(200, f.client.post("/v1/issuances", ADMIN, new JsonObject().put("id", issuance)
                .put("to_account", victim.mlc()).put("amount", 777).put("reference", "office 3")));
        ApiClient.Answer a = expect(200, f.client.post("/v1/conversions", thief.token, thief.key.sign("conversion",
                ownFields.copy().put("id", issuance))));
        assertEquals("exists_with_different_fields", a.json().getString("code"));
        assertFalse(a.text().contains(victim.id) || a.text().contains("777"), a.text());
    }

    /** The old bug: a conversion sent with an existing plain transfer's id answered 500 (a null dereference). */
    @Test
    void aConversionWithAPlainTransfersIdIsRefusedNeverAServerError() {
        Member shop = business("shop");
        Member customer = citizen("customer", 1_000);
        f.issue(shop.mlc(), 10_000);
        JsonObject paid = transfer(customer.mlc(), shop.mlc(), 100, "MLC");
        sendOne(customer, paid);
        for (String id : List.of(paid.getString("id"), sendOne(shop, transfer(shop.mlc(), customer.mlc(), 5, "MLC"))
                .getString("id"))) {
            ApiClient.Answer a = f.client.post("/v1/conversions", shop.token, shop.key.sign("conversion",
                    new JsonObject().put("id", id).put("from_account", shop.mlc()).put("to_account", shop.mie())
                            .put("amount", 1_000)));
            assertTrue(a.status() < 500, a.text());
            assertEquals("exists_with_different_fields", a.json().getString("code"), a.text());
            assertEquals(0, a.json().getJsonArray("transfers").size());
        }
    }

    /** Leg ids are derived as version-8 UUIDs: a client id of that version is refused, so none can be taken first. */
    @Test
    void noClientIdCanTakeALegsIdFirst() {
        Member shop = business("shop");
        f.issue(shop.mlc(), 1_000);
        String v8 = "0a1b2c3d-4e5f-8a6b-9c7d-0e1f2a3b4c5d";
        ApiClient.Answer t = f.client.post("/v1/transfers", shop.token, shop.key.sign("transfers",
                ApiFixture.transfers(transfer(shop.mlc(), shop.mie(), 1, "MLC").put("id", v8))));
        assertEquals(400, t.status(), t.text());
        assertEquals("invalid_request", t.code());
        ApiClient.Answer c = f.client.post("/v1/conversions", shop.token, shop.key.sign("conversion",
                new JsonObject().put("id", v8).put("from_account", shop.mlc()).put("to_account", shop.mie())
                        .put("amount", 10)));
        assertEquals(400, c.status(), c.text());
    }

    /**
     * The old attacks: payment-request ids were global and looked up before their owner, so another member read a
     * shop's {@code order-1001} (amount and memo) or took {@code order-1002} first and the shop's till got 409.
     */
    @Test
    void aPaymentRequestIdTakenByAnotherMemberNeitherBlocksNorShowsTheShops() {
        Member shop = business("shop");
        Member squatter = business("squatter");
        Member customer = citizen("customer", 1_000);
        String till = till(shop, "till-4", 0);
        JsonObject order1001 = new JsonObject().put("id", "order-1001").put("credit_account", shop.mlc())
                .put("amount", 450).put("memo", "secret croissants").put("expires_in_s", 300);
        expect(201, f.client.post("/v1/payment-requests", till, order1001));
        ApiClient.Answer peek = expect(404, f.client.get("/v1/payment-requests/" + shop.id + "~order-1001",
                squatter.token));
        assertFalse(peek.text().contains("secret") || peek.text().contains("450"), peek.text());
        expect(404, f.client.get("/v1/payment-requests/order-1001", squatter.token));

        expect(201, f.client.post("/v1/payment-requests", squatter.token, new JsonObject().put("id", "order-1002")
                .put("credit_account", squatter.mlc()).put("amount", 1).put("expires_in_s", 300)));
        JsonObject shops = expect(201, f.client.post("/v1/payment-requests", till, new JsonObject()
                .put("id", "order-1002").put("credit_account", shop.mlc()).put("amount", 300)
                .put("expires_in_s", 300))).json();
        assertEquals(shop.id + "~order-1002", shops.getString("ref"));
        JsonObject pay = transfer(customer.mlc(), shop.mlc(), 300, "MLC").put("payment_request", "order-1002");
        assertEquals("created", sendOne(customer, pay).getString("status"), "the customer pays the shop's own");
        assertEquals("paid", expect(200, f.client.get("/v1/payment-requests/order-1002", till)).json()
                .getString("status"));
        assertEquals("open", expect(200, f.client.get("/v1/payment-requests/order-1002", squatter.token)).json()
                .getString("status"), "the squatter's own stays its own");
    }
}
