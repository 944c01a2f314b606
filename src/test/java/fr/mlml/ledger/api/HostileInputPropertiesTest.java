package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The fuzzer: generated hostile requests against a real service. The properties, for every request: the service
 * never answers 5xx; every refusal is an RFC 9457 problem with the status it is sent with and a snake_case code; a
 * refused request changes nothing (the accounts it aims at and the books read the same before and after); the books
 * balance after every request. {@code -Dledger.fuzz.requests=N} sets how many (3,000 by default; `loadtest/bench
 * fuzz` sends over 100,000); the tally goes to {@code target/fuzz.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputPropertiesTest {
    private static final int REQUESTS = Integer.getInteger("ledger.fuzz.requests", 3_000);
    private static final long SEED = Long.getLong("ledger.fuzz.seed", 20261123L);

    @TempDir
    static Path dataDir;
    private ApiFixture f;
    private HostileRequests.Cast cast;
    private final Map<String, Integer> byStatus = new TreeMap<>();
    private int refusedUnchanged;

    @BeforeAll
    void start() throws Exception {
        f = new ApiFixture(dataDir, null, 1_000_000, 65_536);
        f.member("fz-claire", "citizen");
        f.account("mlc:fz-claire", "fz-claire", "MLC");
        f.member("fz-shop", "business");
        f.account("mlc:fz-shop", "fz-shop", "MLC");
        f.member("fz-other", "citizen");
        f.account("mlc:fz-other", "fz-other", "MLC");
        f.issue("mlc:fz-claire", 1_000_000);
        f.issue("mlc:fz-other", 1_000);
        String member = f.memberToken("fz-claire");
        ApiFixture.Signer key = f.key("fz-claire", "fz-claire-phone");
        ApiFixture.Signer revoked = f.key("fz-claire", "fz-claire-old");
        expect(204, f.client.delete("/v1/members/fz-claire/signing-keys/fz-claire-old", ADMIN));
        String till = f.token("fz-shop", new JsonObject().put("role", "terminal").put("terminal_id", "till")
                .put("refund_limit", 100));
        ApiFixture.Signer tillKey = f.key("fz-shop", "fz-shop-till", "till");
        // A hold that expires before the fuzzing starts, so no state changes on its own during it.
        JsonObject hold = transfer("mlc:fz-claire", "mlc:fz-shop", 10, "MLC").put("pending_timeout_s", 1);
        f.send(member, key, hold);
        Thread.sleep(2_500);
        assertEquals("expired", expect(200, f.client.get("/v1/transfers/" + hold.getString("id"), ADMIN)).json()
                .getString("status"));
        cast = new HostileRequests.Cast(member, f.memberToken("fz-other"), till, f.staffToken("auditor"), key, revoked,
                tillKey, "mlc:fz-claire", "mlc:fz-shop", "mlc:fz-other", hold.getString("id"));
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
        int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
        int fiveXx = byStatus.entrySet().stream().filter(e -> e.getKey().startsWith("5"))
                .mapToInt(Map.Entry::getValue).sum();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz.json"), new JsonObject().put("scenario", "fuzz")
                .put("requests", total).put("five_xx", fiveXx).put("refused_unchanged", refusedUnchanged)
                .put("by_status", new JsonObject(Map.copyOf(byStatus))).encode() + "\n");
    }

    @Test
    void hostileRequestsNeverFailTheServiceAndRefusalsChangeNothing() {
        String[] before = {books()};
        // One request per example, drawn from the example's seed (a failure names the seed that reproduces it).
        qt().withExamples(REQUESTS).withFixedSeed(SEED).forAll(longs().all()).checkAssert(seed -> {
            HostileRequests.Request r = new HostileRequests(cast, seed).next();
            ApiClient.Answer a = f.client.call(r.method(), r.path(), r.token(), r.body(), r.contentType());
            byStatus.merge(Integer.toString(a.status()), 1, Integer::sum);
            String what = r.kind() + " (seed " + seed + ") " + r.method() + " " + r.path();
            assertTrue(a.status() < 500, what + " answered " + a.status() + ": " + a.text());
            String after = books();
            if (a.status() >= 400) {
                checkProblem(a, what);
                assertEquals(before[0], after, what + " was refused (" + a.status() + ") but changed the books");
                refusedUnchanged++;
            }
            before[0] = after;
        });
    }

    private static void checkProblem(ApiClient.Answer a, String what) {
        assertTrue(String.valueOf(a.header("Content-Type")).startsWith("application/problem+json"),
                what + ": " + a.header("Content-Type"));
        JsonObject p = a.json();
        assertEquals(a.status(), p.getInteger("status"), what);
        assertTrue(p.getString("type") != null && p.getString("title") != null, what + ": " + a.text());
        assertTrue(p.getString("code") != null && p.getString("code").matches("[a-z]+(_[a-z]+)*"), what + ": "
                + a.text());
    }

    /** The accounts the requests aim at and the books as a whole; the report's time left out. */
    private String books() {
        StringBuilder out = new StringBuilder();
        for (String account : new String[] {"mlc:fz-claire", "mlc:fz-shop", "mlc:fz-other"}) {
            out.append(expect(200, f.client.get("/v1/accounts/" + account, ADMIN)).text()).append('\n');
        }
        JsonObject books = expect(200, f.client.get("/v1/reconciliation", ADMIN)).json();
        assertTrue(books.getBoolean("invariants_ok"), books.encode());
        books.remove("as_of");
        return out.append(books.encode()).toString();
    }
}
