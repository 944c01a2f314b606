package fr.mlml.ledger.journal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where webhook endpoints and their cursors outlive the process, beside the journal (a file of their own, or the
 * {@code webhooks} table). Not ledger state: no command changes them. An endpoint is stored as its text, which this
 * store does not read; a cursor is the last event its receiver acknowledged, and is written after the fact (never
 * ahead of an acknowledgement: a crash only makes some events go again).
 */
public interface WebhookStore {
    record Stored(String id, String endpoint, long cursor) {
    }

    CompletableFuture<List<Stored>> load();

    /** Creates or replaces an endpoint, with its cursor; durable when the future completes. */
    CompletableFuture<Void> put(Stored endpoint);

    /** Moves the cursors of endpoints still stored (others are left alone). */
    CompletableFuture<Void> cursors(Map<String, Long> cursors);

    CompletableFuture<Void> delete(String id);
}
