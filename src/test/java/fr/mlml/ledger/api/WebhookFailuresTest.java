package fr.mlml.ledger.api;

import fr.mlml.ledger.ServiceSettings;
import fr.mlml.ledger.events.WebhookReceiver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receiver that fails: answers 500, never answers, says 429 with {@code Retry-After}, answers 410; one endpoint's
 * trouble never holds another back; who may manage which endpoint; test and replay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookFailuresTest {
    private static final AtomicInteger NEXT = new AtomicInteger();
    @TempDir
    static Path dataDir;
    private ApiFixture f;
    private String citizen;
    private String citizenToken;
    private ApiFixture.Signer citizenKey;

    @BeforeAll
    void start() throws Exception {
        f = new ApiFixture(dataDir, null, 10_000, ServiceSettings.DEFAULT_QUEUE_CAPACITY, true);
        citizen = "whf-citizen";
        f.member(citizen, "citizen");
        f.account("mlc:" + citizen, citizen, "MLC");
        citizenToken = f.memberToken(citizen);
        citizenKey = f.key(citizen, citizen + "-phone");
        f.issue("mlc:" + citizen, 1_000_000);
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    /** A shop with an endpoint to {@code receiver}; returns {shop, token, webhook id}. */
    private String[] shop(WebhookReceiver receiver) {
        String shop = "whf-shop-" + NEXT.incrementAndGet();
        f.member(shop, "business");
        f.account("mlc:" + shop, shop, "MLC");
        String token = f.memberToken(shop);
        String id = expect(201, f.client.post("/v1/webhooks", token, new JsonObject()
                .put("url", receiver.url("/" + shop)).put("types", new JsonArray().add("transfer.created"))))
                .json().getString("id");
        return new String[] {shop, token, id};
    }

    private String pay(String shop, long amount) {
        JsonObject t = transfer("mlc:" + citizen, "mlc:" + shop, amount, "MLC");
        f.send(citizenToken, citizenKey, t);
        return t.getString("id");
    }

    private JsonArray deliveries(String token, String id) {
        return expect(200, f.client.get("/v1/webhooks/" + id + "/deliveries", token)).json().getJsonArray("items");
    }

    @Test
    void a500IsRetriedWithTheSameIdAndTheNextEventWaitsForIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.answer = r -> calls.incrementAndGet() <= 2 ? WebhookReceiver.Answer.status(500)
                    : WebhookReceiver.Answer.ok();
            String[] s = shop(receiver);
            pay(s[0], 11);
            pay(s[0], 12);
            WebhookReceiver.await(() -> receiver.received().size() >= 4, 20, "two failures, then both events");
            List<WebhookReceiver.Received> got = receiver.received();
            assertEquals(got.get(0).id(), got.get(1).id(), "a retry is the same webhook-id");
            assertEquals(got.get(0).id(), got.get(2).id());
            assertTrue(got.get(3).json().getJsonObject("data").getLong("amount") == 12, "then the next, in order");
            JsonArray attempts = deliveries(s[1], s[2]);
            assertEquals(500, attempts.getJsonObject(0).getInteger("status_code"));
            assertEquals(2, attempts.getJsonObject(1).getInteger("attempt"));
            assertEquals(200, attempts.getJsonObject(2).getInteger("status_code"));
            assertEquals(3, attempts.getJsonObject(2).getInteger("attempt"));
            WebhookReceiver.await(() -> {
                String metrics = f.client.get("/metrics", ADMIN).text();
                return metrics.contains("ledger_webhook_deliveries_total{result=\"failure\"}")
                        && metrics.contains("ledger_webhook_lag{webhook=\"" + s[2] + "\"} 0");
            }, 5, "deliveries by result and the endpoint's lag in /metrics");
            JsonArray failing = expect(200, f.client.get("/v1/reconciliation", f.staffToken("auditor"))).json()
                    .getJsonArray("failing_webhooks");
            assertFalse(failing.encode().contains(s[2]), "failures for seconds, not a day: not failing " + failing);
        }
    }

    @Test
    void theDeliveriesListKeepsTheLast100AttemptsNewestLast() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // 130 failures said to be retried at once, then a success: 131 attempts of one event.
            AtomicInteger calls = new AtomicInteger();
            receiver.answer = r -> calls.incrementAndGet() <= 130 ? new WebhookReceiver.Answer(503, "0", 0, false)
                    : WebhookReceiver.Answer.ok();
            String[] s = shop(receiver);
            pay(s[0], 61);
            WebhookReceiver.await(() -> deliveries(s[1], s[2]).stream()
                    .anyMatch(a -> Integer.valueOf(200).equals(((JsonObject) a).getInteger("status_code"))), 30,
                    "the success after 130 failures");
            JsonArray attempts = deliveries(s[1], s[2]);
            assertEquals(100, attempts.size(), "a bounded list: the last 100 attempts");
            for (int i = 0; i < 100; i++) {
                assertEquals(32 + i, attempts.getJsonObject(i).getInteger("attempt"), "the oldest dropped, in order");
            }
            assertEquals(200, attempts.getJsonObject(99).getInteger("status_code"));
            assertEquals(503, attempts.getJsonObject(98).getInteger("status_code"));
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndHoldsNoOtherEndpointBack() throws Exception {
        try (WebhookReceiver slow = new WebhookReceiver(); WebhookReceiver quick = new WebhookReceiver()) {
            AtomicInteger calls = new AtomicInteger();
            slow.answer = r -> calls.incrementAndGet() == 1 ? WebhookReceiver.Answer.never()
                    : WebhookReceiver.Answer.ok();
            String[] hanging = shop(slow);
            String[] other = shop(quick);
            pay(hanging[0], 21);
            for (int i = 0; i < 5; i++) pay(other[0], 30 + i);
            WebhookReceiver.await(() -> quick.received().size() >= 5, 9, "the other endpoint's events, while the "
                    + "first one's request still hangs");
            assertEquals(1, slow.received().size(), "one request in flight");
            WebhookReceiver.await(() -> slow.received().size() >= 2, 20, "the retry after the timeout "
                    + deliveries(hanging[1], hanging[2]));
            JsonObject first = deliveries(hanging[1], hanging[2]).getJsonObject(0);
            assertTrue(first.getString("error").startsWith("timeout"), first.encode());
            assertFalse(first.containsKey("status_code"));
        }
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterAndA410DisablesTheEndpoint() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.answer = r -> switch (calls.incrementAndGet()) {
                case 1 -> new WebhookReceiver.Answer(429, "1", 0, false);
                case 2 -> WebhookReceiver.Answer.ok();
                default -> WebhookReceiver.Answer.status(410);
            };
            String[] s = shop(receiver);
            pay(s[0], 41);
            WebhookReceiver.await(() -> receiver.received().size() >= 2, 10, "the retry after Retry-After");
            List<WebhookReceiver.Received> got = receiver.received();
            assertTrue(got.get(1).atMs() - got.get(0).atMs() >= 900, "Retry-After: 1 honoured");
            pay(s[0], 42);
            WebhookReceiver.await(() -> "disabled".equals(expect(200, f.client.get("/v1/webhooks/" + s[2], s[1]))
                    .json().getString("status")), 10, "410 disables");
            pay(s[0], 43);
            Thread.sleep(1_500); // the absence of a request: nothing to wait for
            assertEquals(3, receiver.received().size(), "nothing more to a disabled endpoint");
            receiver.answer = r -> WebhookReceiver.Answer.ok();
            expect(200, f.client.patch("/v1/webhooks/" + s[2], s[1], new JsonObject().put("status", "active")));
            WebhookReceiver.await(() -> receiver.received().size() >= 5, 10, "enabled again, it resumes where it was");
            assertEquals(42, receiver.received().get(3).json().getJsonObject("data").getLong("amount"));
        }
    }

    @Test
    void testAndReplayAndWhoMayManageWhich() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String[] a = shop(receiver);
            String[] b = shop(receiver);
            JsonObject test = expect(200, f.client.post("/v1/webhooks/" + a[2] + "/test", a[1], new JsonObject()))
                    .json();
            assertEquals(200, test.getInteger("status_code"));
            assertEquals("webhook.test", receiver.received().get(0).json().getString("type"));
            pay(a[0], 51);
            pay(a[0], 52);
            WebhookReceiver.await(() -> receiver.received().size() >= 3, 10, "two events");
            long first = receiver.received().get(1).json().getLong("seq");
            expect(200, f.client.post("/v1/webhooks/" + a[2] + "/replay", a[1], new JsonObject().put("after",
                    first - 1)));
            WebhookReceiver.await(() -> receiver.received().size() >= 5, 10, "the two again after the replay");
            assertEquals(receiver.received().get(1).id(), receiver.received().get(3).id());

            assertEquals(404, f.client.get("/v1/webhooks/" + a[2], b[1]).status(), "another member's is not found");
            assertEquals(404, f.client.delete("/v1/webhooks/" + a[2], b[1]).status());
            assertEquals(403, f.client.get("/v1/webhooks", f.staffToken("auditor")).status());
            String till = f.token(a[0], new JsonObject().put("role", "terminal").put("terminal_id", "till-1"));
            assertEquals(403, f.client.get("/v1/webhooks", till).status());
            JsonArray mine = expect(200, f.client.get("/v1/webhooks", a[1])).json().getJsonArray("items");
            assertEquals(1, mine.size());
            assertTrue(expect(200, f.client.get("/v1/webhooks", ADMIN)).json().getJsonArray("items").size() >= 2);
            assertEquals(400, f.client.post("/v1/webhooks", a[1], new JsonObject().put("url", "ftp://x.example")
                    ).status());
            assertEquals(400, f.client.post("/v1/webhooks", a[1], new JsonObject().put("url", receiver.url("/x"))
                    .put("member_id", b[0])).status(), "a member's webhook is its own");
            expect(204, f.client.delete("/v1/webhooks/" + a[2], a[1]));
            assertEquals(404, f.client.get("/v1/webhooks/" + a[2], ADMIN).status());
        }
    }
}
