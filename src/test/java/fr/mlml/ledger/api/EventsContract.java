package fr.mlml.ledger.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 * The events of DESIGN.md §9 through the HTTP API, on a real service: what a day of the association produces, in
 * commit order and gap-free, the same after a restart; who sees what; expiries told without any request; the long
 * poll and the stream. Run on each journal ({@link FileEventsTest}, {@link PgEventsTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventsContract {
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

    /** A citizen and a shop with MLC, member tokens and keys, and a till of the shop with its own key. */
    final class Day {
        final String citizen = "ev-citizen-" + NEXT.incrementAndGet();
        final String shop = "ev-shop-" + NEXT.incrementAndGet();
        final String citizenToken;
        final String shopToken;
        final String till;
        final ApiFixture.Signer citizenKey;
        final ApiFixture.Signer shopKey;

        Day() {
            f.member(citizen, "citizen");
            f.account(mlc(citizen), citizen, "MLC");
            f.member(shop, "business");
            f.account(mlc(shop), shop, "MLC");
            f.account("mie:" + shop, shop, "MIE");
            citizenToken = f.memberToken(citizen);
            shopToken = f.memberToken(shop);
            till = f.token(shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-1"));
            citizenKey = f.key(citizen, citizen + "-phone");
            shopKey = f.key(shop, shop + "-office");
            f.issue(mlc(citizen), 10_000);
        }

        String mlc(String member) {
            return "mlc:" + member;
        }

        /** A payment request by the till, paid; a hold posted, one voided; a conversion; changes by the office. */
        void trade() {
            String pr = "pr-" + UUID.randomUUID();
            expect(201, f.client.post("/v1/payment-requests", till, new JsonObject().put("id", pr)
                    .put("credit_account", mlc(shop)).put("amount", 450).put("expires_in_s", 300)));
            f.send(citizenToken, citizenKey, transfer(mlc(citizen), mlc(shop), 450, "MLC").put("payment_request", pr));
            JsonObject hold = transfer(mlc(citizen), mlc(shop), 500, "MLC").put("pending_timeout_s", 600);
            f.send(citizenToken, citizenKey, hold);
            expect(200, f.client.post("/v1/transfers/" + hold.getString("id") + "/post", shopToken,
                    shopKey.sign("post", new JsonObject().put("id", hold.getString("id")))));
            JsonObject second = transfer(mlc(citizen), mlc(shop), 200, "MLC").put("pending_timeout_s", 600);
            f.send(citizenToken, citizenKey, second);
            expect(200, f.client.post("/v1/transfers/" + second.getString("id") + "/void", citizenToken,
                    citizenKey.sign("void", new JsonObject().put("id", second.getString("id")))));
            expect(200, f.client.post("/v1/conversions", shopToken, shopKey.sign("conversion", new JsonObject()
                    .put("id", UUID.randomUUID().toString()).put("from_account", mlc(shop))
                    .put("to_account", "mie:" + shop).put("amount", 100))));
            expect(200, f.client.patch("/v1/members/" + citizen, ADMIN, new JsonObject().put("name", "Claire B.")));
            expect(200, f.client.patch("/v1/accounts/" + mlc(citizen), ADMIN, new JsonObject().put("floor", -500)));
        }
    }

    long head() {
        JsonObject page = events(ADMIN, "after=0&limit=1");
        long next = page.getLong("next");
        // Page to the end: next stops moving at the head.
        while (true) {
            JsonObject more = events(ADMIN, "after=" + next + "&limit=1000");
            if (more.getLong("next") == next) return next;
            next = more.getLong("next");
        }
    }

    JsonObject events(String token, String query) {
        return expect(200, f.client.get("/v1/events?" + query, token)).json();
    }

    /** Every event after {@code after} that {@code token} sees, page by page. */
    List<JsonObject> all(String token, long after, String extra) {
        List<JsonObject> out = new ArrayList<>();
        long next = after;
        while (true) {
            JsonObject page = events(token, "after=" + next + "&limit=7" + extra);
            for (Object o : page.getJsonArray("items")) out.add((JsonObject) o);
            if (page.getLong("next") == next) return out;
            next = page.getLong("next");
        }
    }

    @Test
    void aDayOfTheAssociationGivesItsEventsInCommitOrderGapFreeAndTheSameAfterARestart() throws Exception {
        long start = head();
        Day d = new Day();
        f.key(d.citizen, d.citizen + "-old");
        expect(204, f.client.delete("/v1/members/" + d.citizen + "/signing-keys/" + d.citizen + "-old", ADMIN));
        d.trade();
        List<JsonObject> events = all(ADMIN, start, "");
        for (int i = 0; i < events.size(); i++) {
            JsonObject e = events.get(i);
            assertEquals(start + i + 1, e.getLong("seq"), "gap-free, in order: " + e);
            assertEquals("evt_" + e.getLong("seq"), e.getString("id"));
        }
        Set<String> types = new HashSet<>();
        for (JsonObject e : events) types.add(e.getString("type"));
        assertEquals(Set.of("member.created", "account.created", "signing_key.registered", "signing_key.revoked",
                "issuance.created", "payment_request.created", "transfer.created", "payment_request.paid",
                "transfer.posted", "transfer.voided", "conversion.created", "member.changed", "account.changed"),
                types);
        JsonObject account = events.stream().filter(e -> e.getString("type").equals("account.changed")).findFirst()
                .orElseThrow().getJsonObject("data");
        assertEquals(expect(200, f.client.get("/v1/accounts/" + d.mlc(d.citizen), ADMIN)).json().getLong("floor"),
                account.getLong("floor"), "data is the object as its GET answers it");

        List<JsonObject> citizens = all(d.citizenToken, start, "");
        f = f.restarted();
        assertEquals(events, all(ADMIN, start, ""), "a restart reads back the same events with the same numbers");
        // Read back from the journal (the ring starts empty): a member's few events among everyone's.
        assertEquals(citizens, all(d.citizenToken, start, ""), "and each member its own, the same");
        Day after = new Day();
        List<JsonObject> more = all(ADMIN, start + events.size(), "");
        assertEquals(start + events.size() + 1, more.get(0).getLong("seq"), "numbering goes on after a restart");
        assertTrue(more.stream().anyMatch(e -> e.getJsonObject("data").encode().contains(after.citizen)));
    }

    @Test
    void eachRoleSeesExactlyWhatItMay() {
        long start = head();
        Day d = new Day();
        Day other = new Day();
        d.trade();
        other.trade();
        String auditor = f.staffToken("auditor");
        List<JsonObject> everything = all(ADMIN, start, "");
        assertEquals(everything, all(auditor, start, ""), "the auditor sees every event");

        List<JsonObject> citizen = all(d.citizenToken, start, "");
        assertFalse(citizen.isEmpty());
        for (JsonObject e : citizen) {
            String text = e.getJsonObject("data").encode();
            assertTrue(text.contains(d.citizen), "a member's own: " + e);
        }
        List<JsonObject> expectedCitizen = everything.stream()
                .filter(e -> involves(e, d.citizen)).toList();
        assertEquals(expectedCitizen, citizen, "every event of its accounts, requests and keys, none other");

        List<JsonObject> till = all(d.till, start, "");
        Set<String> tillTypes = new HashSet<>();
        for (JsonObject e : till) {
            tillTypes.add(e.getString("type"));
            String text = e.getJsonObject("data").encode();
            assertTrue(text.contains(d.shop), "a terminal sees its business's: " + e);
            boolean request = e.getString("type").startsWith("payment_request.");
            boolean hold = e.getJsonObject("data").containsKey("pending_timeout_s");
            assertTrue(request || hold, "only its requests and the holds made to its business: " + e);
        }
        assertEquals(Set.of("payment_request.created", "payment_request.paid", "transfer.created", "transfer.posted",
                "transfer.voided"), tillTypes);
        String otherTill = f.token(d.shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-9"));
        assertTrue(all(otherTill, start, "").stream().noneMatch(e -> e.getString("type").startsWith("payment_")),
                "another till does not see the requests this one created");
        assertTrue(all(d.citizenToken, start, "&types=member.changed").stream()
                .allMatch(e -> e.getString("type").equals("member.changed")));
    }

    @Test
    void aRefundsEventDataIsTheTransferAsItsGetAnswersItWithWhatItRefundsAndWhichTillSentIt() {
        Day d = new Day();
        JsonObject payment = transfer(d.mlc(d.citizen), d.mlc(d.shop), 700, "MLC");
        f.send(d.citizenToken, d.citizenKey, payment);
        String refunder = f.token(d.shop, new JsonObject().put("role", "terminal").put("terminal_id", "till-r")
                .put("refund_limit", 1_000));
        ApiFixture.Signer refunderKey = f.key(d.shop, d.shop + "-till-r", "till-r");
        long start = head();
        JsonObject refund = transfer(d.mlc(d.shop), d.mlc(d.citizen), 300, "MLC")
                .put("refund_of", payment.getString("id"));
        f.send(refunder, refunderKey, refund);
        JsonObject got = expect(200, f.client.get("/v1/transfers/" + refund.getString("id"), refunder)).json();
        assertEquals(payment.getString("id"), got.getString("refund_of"));
        assertEquals("till-r", got.getString("terminal_id"));
        for (String token : List.of(ADMIN, d.citizenToken, refunder)) {
            List<JsonObject> created = all(token, start, "&types=transfer.created");
            assertEquals(1, created.size(), created.toString());
            assertEquals(got, created.get(0).getJsonObject("data"), "data is the transfer as its GET answers it");
        }
    }

    /** The event names the member or one of its accounts (ids are unique per test: exact JSON strings). */
    private static boolean involves(JsonObject e, String member) {
        String data = e.getJsonObject("data").encode();
        return data.contains("\"" + member + "\"") || data.contains("\"mlc:" + member + "\"");
    }

    @Test
    void expiriesAreToldWithinASecondEvenWhenNoRequestComes() {
        Day d = new Day();
        long start = head();
        expect(201, f.client.post("/v1/payment-requests", d.till, new JsonObject().put("id", "pr-" + UUID.randomUUID())
                .put("credit_account", d.mlc(d.shop)).put("amount", 100).put("expires_in_s", 1)));
        f.send(d.citizenToken, d.citizenKey, transfer(d.mlc(d.citizen), d.mlc(d.shop), 100, "MLC")
                .put("pending_timeout_s", 1));
        Set<String> seen = new HashSet<>();
        long next = start;
        while (!seen.containsAll(Set.of("payment_request.expired", "transfer.expired"))) {
            JsonObject page = events(d.till, "after=" + next + "&wait_s=10&types=payment_request.expired,"
                    + "transfer.expired");
            JsonArray items = page.getJsonArray("items");
            assertFalse(items.isEmpty(), "the long poll answers once an expiry is committed");
            for (Object o : items) seen.add(((JsonObject) o).getString("type"));
            next = page.getLong("next");
        }
    }

    @Test
    void theStreamSendsEventsAsTheyComeAndResumesFromLastEventId() throws Exception {
        Day d = new Day();
        long start = head();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.service.port()
                        + "/v1/events/stream?types=transfer.created"))
                .header("Authorization", "Bearer " + d.citizenToken).header("Last-Event-ID", Long.toString(start))
                .build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            f.send(d.citizenToken, d.citizenKey, transfer(d.mlc(d.citizen), d.mlc(d.shop), 10 + i, "MLC"));
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            for (String line; ids.size() < 3 && (line = in.readLine()) != null; ) {
                if (line.startsWith("id: ")) id = line.substring(4);
                else if (line.startsWith("event: ")) type = line.substring(7);
                else if (line.startsWith("data: ")) {
                    JsonObject e = new JsonObject(line.substring(6));
                    assertEquals("transfer.created", type);
                    assertEquals(id, Long.toString(e.getLong("seq")));
                    assertEquals(10 + ids.size(), e.getJsonObject("data").getLong("amount"));
                    ids.add(id);
                }
            }
        }
        assertEquals(3, ids.size());
        assertTrue(Long.parseLong(ids.get(0)) > start);
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() {
        for (String q : List.of("limit=0", "limit=1001", "after=-1", "wait_s=31", "types=transfer.made", "types=",
                "after=x")) {
            ApiClient.Answer a = f.client.get("/v1/events?" + q, ADMIN);
            assertEquals(400, a.status(), q + ": " + a.text());
            assertEquals("invalid_request", a.code());
        }
        assertEquals(401, f.client.get("/v1/events", null).status());
    }
}
