package fr.mlml.ledger.events;

import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * All endpoints together are sent no more than the delivery budget allows (a tenth of a second's worth at once,
 * then its pace), and endpoints behind take turns: none waits for more than a round or two of the others.
 */
class WebhookBudgetTest {
    private static final int PER_SECOND = 200;
    private static final int ENDPOINTS = 5;
    private static final int EVENTS = 60;
    private static final int BURST = PER_SECOND / 10;

    @Test
    void theBudgetBoundsEveryEndpointTogetherAndTheyTakeTurns(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        Files.createDirectories(dir.resolve("journal"));
        Journal journal = new FileJournal(dir, LedgerKey.loadOrCreate(dir));
        EventFeed feed = new EventFeed(1_024);
        Webhooks webhooks = Webhooks.start(vertx, feed, () -> journal, new WebhookSigner(LedgerKey.loadOrCreate(dir,
                WebhookSigner.KEY_FILE)), true, PER_SECOND, System::currentTimeMillis);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (int i = 0; i < ENDPOINTS; i++) {
                webhooks.create(null, receiver.url("/books/" + i), EnumSet.noneOf(EventType.class), null)
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            List<Event> events = new ArrayList<>();
            for (int seq = 1; seq <= EVENTS; seq++) {
                events.add(new Event(seq, EventType.MEMBER_CREATED, System.currentTimeMillis(), Audience.NOBODY,
                        () -> "{}"));
            }
            long startMs = System.currentTimeMillis();
            feed.append(events);
            WebhookReceiver.await(() -> receiver.received().size() == ENDPOINTS * EVENTS, 60, "every delivery");

            List<WebhookReceiver.Received> received = receiver.received();
            Map<String, Integer> perEndpoint = new HashMap<>();
            Map<String, Integer> lastTurn = new HashMap<>();
            for (int i = 0; i < received.size(); i++) {
                WebhookReceiver.Received r = received.get(i);
                perEndpoint.merge(r.path(), 1, Integer::sum);
                Integer last = lastTurn.put(r.path(), i);
                // Within the burst nobody waits; once the budget runs short, the endpoints take turns.
                if (last != null && last >= BURST) {
                    assertTrue(i - last <= 2 * ENDPOINTS, r.path() + " waited " + (i - last - 1) + " deliveries to "
                            + "others for its turn (delivery " + (i + 1) + ")");
                }
                long allowed = BURST + (r.atMs() - startMs + 1) * PER_SECOND / 1000 + 1;
                assertTrue(i + 1 <= allowed, (i + 1) + " deliveries " + (r.atMs() - startMs) + " ms after the "
                        + "events: more than the budget's " + allowed);
            }
            assertEquals(ENDPOINTS, perEndpoint.size());
        } finally {
            webhooks.close();
            vertx.close().await();
        }
    }
}
