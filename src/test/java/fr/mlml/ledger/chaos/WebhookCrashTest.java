package fr.mlml.ledger.chaos;

import fr.mlml.ledger.events.WebhookReceiver;
import fr.mlml.ledger.journal.PgTestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static fr.mlml.ledger.chaos.ServiceProcess.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL of the service while webhook deliveries are in flight, then a restart ({@link #KILLS} times), on each
 * journal (the endpoint's cursor is stored by the file journal or in PostgreSQL): once it is back, every committed
 * event reached the receiver at least once, in seq order (a repeat only of what it may not have acknowledged, with
 * the same {@code webhook-id}), and nothing reached it that was not committed.
 */
class WebhookCrashTest {
    /** Kill-and-restart cycles: one by default (each starts a JVM), {@code -Dledger.webhook.kills=N} for more. */
    private static final int KILLS = Integer.getInteger("ledger.webhook.kills", 1);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"file", "postgres"})
    void everyCommittedEventIsDeliveredInOrderAcrossSigkills(String journal) throws Exception {
        String pgUrl = journal.equals("postgres") ? PgTestServer.database("webhook_crash") : null;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // Answers take a few milliseconds, so a kill finds requests in flight.
            receiver.answer = r -> new WebhookReceiver.Answer(200, null, ThreadLocalRandom.current().nextInt(1, 6),
                    false);
            ServiceProcess service = new ServiceProcess(dir, pgUrl);
            ChaosHttp http = new ChaosHttp(service.port);
            service.start();
            try {
                service.awaitReady(http);
                http.expect(201, "POST", "/v1/webhooks", ADMIN, new JsonObject().put("url", receiver.url("/all")));
                http.expect(201, "POST", "/v1/members", ADMIN, new JsonObject().put("id", "crash-shop")
                        .put("name", "Crash shop").put("kind", "business"));
                http.expect(201, "POST", "/v1/accounts", ADMIN, new JsonObject().put("id", "mlc:crash-shop")
                        .put("member_id", "crash-shop").put("currency", "MLC"));
                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                for (int k = 0; k < KILLS; k++) {
                    int before = receiver.received().size();
                    AtomicBoolean stop = new AtomicBoolean();
                    Thread producer = new Thread(() -> {
                        while (!stop.get()) issue(http, acknowledged);
                    });
                    producer.start();
                    WebhookReceiver.await(() -> receiver.received().size() >= before + 40, 30, "deliveries under way");
                    service.kill();
                    stop.set(true);
                    producer.join();
                    service.start();
                    service.awaitReady(http);
                }
                for (int i = 0; i < 20; i++) issue(http, acknowledged);

                Map<String, JsonObject> feed = feed(http);
                WebhookReceiver.await(() -> distinctIds(receiver).containsAll(feed.keySet()), 30,
                        "every committed event at the receiver");
                long lastSeq = 0;
                for (String id : distinctIds(receiver)) {
                    JsonObject committed = feed.get(id);
                    assertNotNull(committed, id + " reached the receiver but was not committed");
                    assertTrue(committed.getLong("seq") > lastSeq, "in seq order: " + id + " after " + lastSeq);
                    lastSeq = committed.getLong("seq");
                }
                for (WebhookReceiver.Received r : receiver.received()) {
                    assertEquals(feed.get(r.id()), r.json(), "a repeat is the same event");
                }
                Set<String> issued = new java.util.HashSet<>();
                for (JsonObject e : feed.values()) {
                    if (e.getString("type").equals("issuance.created")) issued.add(e.getJsonObject("data").getString("id"));
                }
                assertTrue(issued.containsAll(acknowledged), "every issuance acknowledged to its caller is an event");
            } finally {
                service.stop();
            }
        }
    }

    /** An issuance; its id is kept if the service said it was created. */
    private static void issue(ChaosHttp http, Set<String> acknowledged) {
        String id = UUID.randomUUID().toString();
        ChaosHttp.Answer a = http.send("POST", "/v1/issuances", ADMIN, new JsonObject().put("id", id)
                .put("to_account", "mlc:crash-shop").put("amount", 100).put("reference", "crash").encode());
        if (a != null && a.status() == 200 && "created".equals(a.json().getString("status"))) acknowledged.add(id);
    }

    private static Set<String> distinctIds(WebhookReceiver receiver) {
        Set<String> ids = new LinkedHashSet<>();
        for (WebhookReceiver.Received r : receiver.received()) ids.add(r.id());
        return ids;
    }

    /** Every committed event, by id, read from the feed. */
    private static Map<String, JsonObject> feed(ChaosHttp http) {
        Map<String, JsonObject> out = new HashMap<>();
        long next = 0;
        while (true) {
            JsonObject page = http.expect(200, "GET", "/v1/events?limit=1000&after=" + next, ADMIN, null).json();
            List<Object> items = new ArrayList<>(page.getJsonArray("items").getList());
            for (Object o : page.getJsonArray("items")) {
                JsonObject e = (JsonObject) o;
                out.put(e.getString("id"), e);
            }
            if (items.isEmpty() && page.getLong("next") == next) return out;
            next = page.getLong("next");
        }
    }
}
