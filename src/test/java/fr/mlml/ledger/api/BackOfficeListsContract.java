package fr.mlml.ledger.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the back office's screens read: members searched and paged by id, accounts filtered, and an account's limit
 * and status changes with the admin token behind each (its id), kept across a restart. Run on each journal
 * ({@link FileBackOfficeListsTest}, {@link PgBackOfficeListsTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BackOfficeListsContract {
    private static final AtomicInteger RUN = new AtomicInteger();
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

    /** What the ledger records for the first admin token, which has no id: a prefix of its hash, never the token. */
    private static String handleOf(String token) {
        return HexFormat.of().formatHex(Tokens.hash(token), 0, 16);
    }

    private JsonObject get(String path, String token) {
        return expect(200, f.client.get(path, token)).json();
    }

    private static List<String> ids(JsonObject page) {
        List<String> ids = new ArrayList<>();
        for (Object o : page.getJsonArray("items")) ids.add(((JsonObject) o).getString("id"));
        return ids;
    }

    /** Every page of a list, following next until null; the pages' items' ids in order. */
    private List<String> everyPage(String path, String token) {
        return everyPage(path, null, token);
    }

    private List<String> everyPage(String path, String from, String token) {
        List<String> ids = new ArrayList<>();
        String after = from;
        do {
            JsonObject page = get(path + (after == null ? "" : "&after=" + after), token);
            ids.addAll(ids(page));
            after = page.getString("next");
        } while (after != null);
        return ids;
    }

    @Test
    void membersComeInIdOrderPageByPageAndACursorStaysRightWhileMembersAreAdded() {
        String p = "lm" + RUN.incrementAndGet() + "-";
        List<String> made = new ArrayList<>(List.of(p + "k", p + "c", p + "q", p + "a", p + "m", p + "e", p + "x",
                p + "g"));
        for (String id : made) f.member(id, "citizen");
        JsonObject first = get("/v1/members?q=" + p + "&limit=3", ADMIN);
        assertEquals(List.of(p + "a", p + "c", p + "e"), ids(first));
        assertEquals(p + "e", first.getString("next"));
        JsonObject one = first.getJsonArray("items").getJsonObject(0);
        assertEquals("Member " + p + "a", one.getString("name"));
        assertEquals("citizen", one.getString("kind"));
        assertTrue(one.getJsonArray("accounts").isEmpty());

        f.member(p + "b", "citizen"); // before the cursor: the next pages do not repeat nor shift
        f.member(p + "h", "citizen"); // after it: the next pages have it
        List<String> rest = everyPage("/v1/members?q=" + p + "&limit=3", p + "e", ADMIN);
        assertEquals(List.of(p + "g", p + "h", p + "k", p + "m", p + "q", p + "x"), rest);
        assertEquals(List.of(p + "a", p + "b", p + "c", p + "e", p + "g", p + "h", p + "k", p + "m", p + "q",
                p + "x"), everyPage("/v1/members?q=" + p + "&limit=500", ADMIN));
    }

    @Test
    void aSearchFindsTheIdOrTheNameWhateverTheCaseAndTheKindNarrowsIt() {
        String p = "ls" + RUN.incrementAndGet() + "-";
        expect(201, f.client.post("/v1/members", ADMIN, new JsonObject().put("id", p + "dupont")
                .put("name", "Boulangerie Émile Dupont").put("kind", "business")));
        expect(201, f.client.post("/v1/members", ADMIN, new JsonObject().put("id", p + "claire")
                .put("name", "Claire Émile").put("kind", "citizen")));
        f.account("mlc:" + p + "dupont", p + "dupont", "MLC");
        String auditor = f.staffToken("auditor");
        assertEquals(List.of(p + "dupont"), ids(get("/v1/members?q=BOULANGERIE%20%C3%A9mile", auditor)));
        assertEquals(List.of(p + "claire", p + "dupont"), ids(get("/v1/members?q=%C3%89MILE&limit=500", auditor))
                .stream().filter(id -> id.startsWith(p)).toList());
        assertEquals(List.of(p + "claire"), ids(get("/v1/members?q=" + p.toUpperCase() + "CLA", auditor)));
        assertEquals(List.of(p + "dupont"), ids(get("/v1/members?q=" + p + "&kind=business", auditor)));
        JsonArray accounts = get("/v1/members?q=" + p + "dupont", auditor).getJsonArray("items").getJsonObject(0)
                .getJsonArray("accounts");
        assertEquals("mlc:" + p + "dupont", accounts.getJsonObject(0).getString("id"));
        JsonObject none = get("/v1/members?q=nobody-is-called-this", auditor);
        assertTrue(none.getJsonArray("items").isEmpty());
        assertNull(none.getValue("next"));
    }

    @Test
    void aBadParameterIsRefusedNamingIt() {
        String[][] cases = {{"/v1/members?limit=0", "limit"}, {"/v1/members?limit=501", "limit"},
                {"/v1/members?limit=ten", "limit"}, {"/v1/members?kind=shop", "kind"},
                {"/v1/members?after=Not%20An%20Id", "after"}, {"/v1/members?q=" + "x".repeat(65), "q"},
                {"/v1/members?q=a&q=b", "q"}, {"/v1/accounts?breach=yes", "breach"},
                {"/v1/accounts?status=open", "status"}, {"/v1/accounts?member_id=..%2F", "member_id"},
                {"/v1/accounts?limit=-1", "limit"}};
        for (String[] c : cases) {
            JsonObject problem = expect(400, f.client.get(c[0], ADMIN)).json();
            assertEquals("invalid_request", problem.getString("code"), c[0]);
            assertEquals(c[1], problem.getString("field"), c[0]);
        }
    }

    @Test
    void accountsAreFilteredAndAMemberSeesOnlyItsOwn() {
        String p = "la" + RUN.incrementAndGet() + "-";
        f.member(p + "shop", "business");
        f.account("mie:" + p + "shop", p + "shop", "MIE");
        f.account("mlc:" + p + "shop", p + "shop", "MLC");
        f.account("mlc:" + p + "shop.till", p + "shop", "MLC");
        f.member(p + "other", "citizen");
        f.account("mlc:" + p + "other", p + "other", "MLC");
        expect(200, f.client.patch("/v1/accounts/mlc:" + p + "shop.till", ADMIN,
                new JsonObject().put("status", "frozen")));

        String shop = "/v1/accounts?member_id=" + p + "shop";
        assertEquals(List.of("mie:" + p + "shop", "mlc:" + p + "shop", "mlc:" + p + "shop.till"),
                everyPage(shop + "&limit=2", ADMIN));
        assertEquals(List.of("mlc:" + p + "shop", "mlc:" + p + "shop.till"), ids(get(shop + "&currency=MLC", ADMIN)));
        assertEquals(List.of("mlc:" + p + "shop.till"), ids(get(shop + "&status=frozen", ADMIN)));
        assertTrue(ids(get(shop + "&currency=XYZ", ADMIN)).isEmpty());
        // Across members, the currency filter over the whole ledger, id order kept.
        List<String> mlc = everyPage("/v1/accounts?currency=MLC&limit=500", ADMIN);
        assertTrue(mlc.containsAll(List.of("mlc:" + p + "other", "mlc:" + p + "shop")), mlc.toString());
        assertEquals(mlc.stream().sorted().toList(), mlc);
        assertFalse(mlc.contains("mie:" + p + "shop"));

        // breach: what reconciliation lists, no more and no less.
        JsonObject books = get("/v1/reconciliation", ADMIN);
        List<String> listed = new ArrayList<>();
        for (Object o : books.getJsonArray("accounts_breaching_limits")) listed.add((String) o);
        for (Object o : books.getJsonArray("long_negative_accounts")) if (!listed.contains(o)) listed.add((String) o);
        assertEquals(listed.stream().sorted().toList(), everyPage("/v1/accounts?breach=true&limit=500", ADMIN));
        assertEquals(3, ids(get(shop + "&breach=false", ADMIN)).size());

        String member = f.memberToken(p + "shop");
        assertEquals(List.of("mie:" + p + "shop", "mlc:" + p + "shop", "mlc:" + p + "shop.till"),
                ids(get(shop, member)));
        // Another member's accounts, and an unknown member's, answer alike: nothing.
        JsonObject others = get("/v1/accounts?member_id=" + p + "other", member);
        JsonObject unknown = get("/v1/accounts?member_id=" + p + "nobody", member);
        assertEquals(new JsonObject().put("items", new JsonArray()).putNull("next"), others);
        assertEquals(others, unknown);
        assertEquals(others, get("/v1/accounts?member_id=" + p + "nobody", ADMIN));
        assertEquals("forbidden", expect(403, f.client.get("/v1/accounts", member)).json().getString("code"));
    }

    @Test
    void anAccountsChangesNameTheAdminTokenBehindEachAndOutliveARestart() throws Exception {
        String p = "lc" + RUN.incrementAndGet() + "-";
        f.member(p + "shop", "business");
        f.member(p + "other", "citizen");
        String account = "mie:" + p + "shop";
        expect(201, f.client.post("/v1/accounts", ADMIN, new JsonObject().put("id", account)
                .put("member_id", p + "shop").put("currency", "MIE").put("floor", -100_000)));
        expect(200, f.client.patch("/v1/accounts/" + account, ADMIN, new JsonObject().put("floor", -200_000)
                .putNull("ceiling")));
        // Refused (a floor above zero): no change recorded.
        expect(400, f.client.patch("/v1/accounts/" + account, ADMIN, new JsonObject().put("floor", 10)));
        JsonObject second = expect(201, f.client.post("/v1/tokens", ADMIN, new JsonObject().put("role", "admin")))
                .json();
        String secondAdmin = second.getString("token");
        expect(200, f.client.patch("/v1/accounts/" + account, secondAdmin, new JsonObject().put("status", "frozen")));

        String path = "/v1/accounts/" + account + "/changes";
        JsonArray items = get(path, f.staffToken("auditor")).getJsonArray("items");
        assertEquals(3, items.size(), items.encode());
        JsonObject opened = items.getJsonObject(0);
        assertEquals(handleOf(ADMIN), opened.getString("by"));
        assertEquals(-100_000, opened.getLong("floor"));
        assertEquals(500_000, opened.getLong("ceiling")); // the MIE business default
        assertEquals("active", opened.getString("status"));
        JsonObject credit = items.getJsonObject(1);
        assertEquals(new JsonObject().put("at", credit.getString("at")).put("by", handleOf(ADMIN))
                .put("floor", -200_000).putNull("ceiling"), credit);
        JsonObject frozen = items.getJsonObject(2);
        // A token of the ledger is named by its id; the first admin token, configuration, by its handle.
        assertTrue(second.getString("id").matches("tok_[0-9]+"), second.encode());
        assertEquals(new JsonObject().put("at", frozen.getString("at")).put("by", second.getString("id"))
                .put("status", "frozen"), frozen);
        assertTrue(opened.getString("at").compareTo(frozen.getString("at")) <= 0);

        String owner = f.memberToken(p + "shop");
        assertEquals(items, get(path, owner).getJsonArray("items"));
        assertEquals("not_found", expect(404, f.client.get(path, f.memberToken(p + "other"))).json()
                .getString("code"));
        assertEquals(404, f.client.get("/v1/accounts/mie:" + p + "nobody/changes", ADMIN).status());

        f = f.restarted();
        assertEquals(items, get(path, ADMIN).getJsonArray("items"));
    }
}
