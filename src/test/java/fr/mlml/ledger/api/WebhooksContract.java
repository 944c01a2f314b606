package fr.mlml.ledger.api;

import fr.mlml.ledger.events.StandardWebhooksVerifier;
import fr.mlml.ledger.events.WebhookReceiver;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks on a real service with a real receiver on 127.0.0.1: what a member's endpoint receives is its feed, in
 * order, each event signed twice (checked by {@link StandardWebhooksVerifier}, not the ledger's code); endpoints and
 * cursors outlive a restart. Run on each journal ({@link FileWebhooksTest}, {@link PgWebhooksTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhooksContract {
    static final AtomicInteger NEXT = new AtomicInteger();
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

    /** A citizen paying a shop that has a webhook to {@code receiver}. */
    final class Shop {
        final String citizen = "wh-citizen-" + NEXT.incrementAndGet();
        final String shop = "wh-shop-" + NEXT.incrementAndGet();
        final String citizenToken;
        final String shopToken;
        final ApiFixture.Signer citizenKey;
        final JsonObject webhook;

        Shop(WebhookReceiver receiver) {
            f.member(citizen, "citizen");
            f.account("mlc:" + citizen, citizen, "MLC");
            f.member(shop, "business");
            f.account("mlc:" + shop, shop, "MLC");
            citizenToken = f.memberToken(citizen);
            shopToken = f.memberToken(shop);
            citizenKey = f.key(citizen, citizen + "-phone");
            f.issue("mlc:" + citizen, 1_000_000);
            webhook = expect(201, f.client.post("/v1/webhooks", shopToken, new JsonObject()
                    .put("url", receiver.url("/hooks/" + shop)).put("description", "invoicing"))).json();
        }

        void pay(long amount) {
            f.send(citizenToken, citizenKey, transfer("mlc:" + citizen, "mlc:" + shop, amount, "MLC"));
        }

        /** Pays each amount, then waits until {@code receiver} has every event of the shop's feed. */
        void payAndAwait(WebhookReceiver receiver, long... amounts) throws InterruptedException {
            for (long amount : amounts) pay(amount);
            awaitAll(receiver, this);
        }

        /** The shop's feed after the webhook was created: what its endpoint must receive. */
        List<JsonObject> feed() {
            List<JsonObject> out = new ArrayList<>();
            long next = webhook.getLong("cursor");
            while (true) {
                JsonObject page = expect(200, f.client.get("/v1/events?limit=1000&after=" + next, shopToken)).json();
                for (Object o : page.getJsonArray("items")) out.add((JsonObject) o);
                if (page.getLong("next") == next) return out;
                next = page.getLong("next");
            }
        }
    }

    /** Distinct events received, in the order first received. */
    static List<JsonObject> distinct(WebhookReceiver receiver) {
        Set<String> seen = new LinkedHashSet<>();
        List<JsonObject> out = new ArrayList<>();
        for (WebhookReceiver.Received r : receiver.received()) {
            if (seen.add(r.id())) out.add(r.json());
        }
        return out;
    }

    static void awaitAll(WebhookReceiver receiver, Shop shop) throws InterruptedException {
        WebhookReceiver.await(() -> distinct(receiver).size() >= shop.feed().size(), 20, "every event of the feed");
    }

    @Test
    void anEndpointReceivesItsFeedInOrderEachEventSignedTwice() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Shop s = new Shop(receiver);
            String secret = s.webhook.getString("secret");
            assertTrue(secret.startsWith("whsec_"), s.webhook.encode());
            assertEquals("active", s.webhook.getString("status"));
            assertNull(expect(200, f.client.get("/v1/webhooks/" + s.webhook.getString("id"), s.shopToken)).json()
                    .getString("secret"), "the secret is shown once");
            for (int i = 1; i <= 5; i++) s.pay(100 * i);
            awaitAll(receiver, s);
            assertEquals(s.feed(), distinct(receiver), "the feed, in seq order");

            JsonObject key = expect(200, f.client.get("/v1/webhook-keys", null)).json().getJsonArray("keys")
                    .getJsonObject(0);
            String publicKey = key.getString("public_key");
            assertTrue(publicKey.startsWith("whpk_"), key.encode());
            for (WebhookReceiver.Received r : receiver.received()) {
                assertEquals(r.json().getString("id"), r.id(), "webhook-id is the event id");
                assertTrue(StandardWebhooksVerifier.hmacValid(secret, r.id(), r.timestamp(), r.body(), r.signature()));
                assertTrue(StandardWebhooksVerifier.ed25519Valid(publicKey, r.id(), r.timestamp(), r.body(),
                        r.signature()));
            }
            WebhookReceiver.Received r = receiver.received().get(0);
            assertFalse(anySignatureHolds(secret, publicKey, r.id() + "0", r.timestamp(), r.body(), r.signature()));
            assertFalse(anySignatureHolds(secret, publicKey, r.id(), Long.toString(Long.parseLong(r.timestamp()) + 1),
                    r.body(), r.signature()));
            for (int i = 0; i < r.body().length; i++) {
                byte[] changed = r.body().clone();
                changed[i] ^= 0x01;
                assertFalse(anySignatureHolds(secret, publicKey, r.id(), r.timestamp(), changed, r.signature()),
                        "byte " + i + " of the body changed");
            }
        }
    }

    private static boolean anySignatureHolds(String secret, String publicKey, String id, String timestamp, byte[] body,
                                             String header) throws Exception {
        return StandardWebhooksVerifier.hmacValid(secret, id, timestamp, body, header)
                || StandardWebhooksVerifier.ed25519Valid(publicKey, id, timestamp, body, header);
    }

    @Test
    void aReplayOutlivesARestartThoughNothingWasDeliveredSince() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Shop s = new Shop(receiver);
            String id = s.webhook.getString("id");
            s.payAndAwait(receiver, 40, 50);
            // Right after the deliveries, the receiver stops acknowledging (come back in an hour), and the shop asks
            // for everything again: the replay's first attempt fails, then the service restarts.
            int before = receiver.received().size();
            receiver.answer = r -> new WebhookReceiver.Answer(503, "3600", 0, false);
            expect(200, f.client.post("/v1/webhooks/" + id + "/replay", s.shopToken, new JsonObject()
                    .put("after", s.webhook.getLong("cursor"))));
            WebhookReceiver.await(() -> receiver.received().size() > before, 10, "the replay's first attempt");
            receiver.answer = r -> WebhookReceiver.Answer.ok();
            int restart = receiver.received().size();
            f = f.restarted();
            List<JsonObject> feed = s.feed();
            WebhookReceiver.await(() -> receiver.received().size() - restart >= feed.size(), 20,
                    "the replayed events after the restart");
            List<WebhookReceiver.Received> after = receiver.received().subList(restart, restart + feed.size());
            for (int i = 0; i < feed.size(); i++) {
                assertEquals(feed.get(i), after.get(i).json(), "the replay resumed from where it was asked, in order");
            }
        }
    }

    @Test
    void endpointsAndCursorsOutliveARestart() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Shop s = new Shop(receiver);
            String id = s.webhook.getString("id");
            s.payAndAwait(receiver, 10, 20);
            WebhookReceiver.await(() -> expect(200, f.client.get("/v1/webhooks/" + id, ADMIN)).json()
                    .getLong("lag") == 0, 10, "the cursor at the head");
            f = f.restarted();
            JsonObject again = expect(200, f.client.get("/v1/webhooks/" + id, ADMIN)).json();
            assertEquals(s.webhook.getString("url"), again.getString("url"));
            assertEquals("invoicing", again.getString("description"));
            s.pay(30);
            awaitAll(receiver, s);
            List<JsonObject> feed = s.feed();
            assertEquals(feed, distinct(receiver), "nothing skipped, nothing invented, in order across the restart");
            String body = new String(receiver.received().get(receiver.received().size() - 1).body(),
                    StandardCharsets.UTF_8);
            assertTrue(body.contains("\"amount\":30"), body);
        }
    }
}
