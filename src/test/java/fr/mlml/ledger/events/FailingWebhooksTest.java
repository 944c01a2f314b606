package fr.mlml.ledger.events;

import fr.mlml.ledger.ServiceSettings;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An endpoint whose receiver keeps failing is listed as failing (for reconciliation) once 24 hours passed without a
 * success, with when its failures began, and leaves the list at its next success. The clock is the test's.
 */
class FailingWebhooksTest {
    private static final long HOUR_MS = 3_600_000;

    @Test
    void listedAfterADayWithoutSuccessAndNoLongerOnceItSucceeds(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        Files.createDirectories(dir.resolve("journal"));
        Journal journal = new FileJournal(dir, LedgerKey.loadOrCreate(dir));
        EventFeed feed = new EventFeed(16);
        AtomicLong clock = new AtomicLong(Instant.parse("2026-12-01T08:00:00Z").toEpochMilli());
        Webhooks webhooks = Webhooks.start(vertx, feed, () -> journal, new WebhookSigner(LedgerKey.loadOrCreate(dir,
                WebhookSigner.KEY_FILE)), true, ServiceSettings.DEFAULT_WEBHOOK_DELIVERIES_PER_S, clock::get);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer = r -> WebhookReceiver.Answer.status(500);
            String id = get(webhooks.create(null, receiver.url("/books"), EnumSet.noneOf(EventType.class), null))
                    .getString("id");
            long firstFailureMs = clock.get();
            feed.append(List.of(new Event(1, EventType.MEMBER_CREATED, firstFailureMs, Audience.NOBODY, () -> "{}")));
            WebhookReceiver.await(() -> !receiver.received().isEmpty(), 10, "the first, failed, attempt");

            clock.addAndGet(23 * HOUR_MS);
            assertEquals(new JsonArray(), get(webhooks.failing()), "failures for less than a day: not yet failing");

            clock.addAndGet(2 * HOUR_MS);
            JsonArray failing = get(webhooks.failing());
            assertEquals(1, failing.size(), failing.encode());
            JsonObject listed = failing.getJsonObject(0);
            assertEquals(id, listed.getString("id"));
            assertEquals(receiver.url("/books"), listed.getString("url"));
            assertEquals(Instant.ofEpochMilli(firstFailureMs).toString(), listed.getString("failing_since"));
            assertEquals(1, listed.getLong("lag"));

            receiver.answer = r -> WebhookReceiver.Answer.ok();
            WebhookReceiver.await(() -> get(webhooks.failing()).isEmpty(), 20, "the retry succeeds, it is no longer "
                    + "failing");
        } finally {
            webhooks.close();
            vertx.close().await();
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
