package fr.mlml.ledger.api;

import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.events.Webhooks;
import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.HexFormat;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.GET;

/**
 * What the back office and auditors check: the books (reconciliation, with the failing webhook endpoints) and the
 * signed audit chain, and its export for an offline check.
 */
final class AuditHandlers {
    private final LedgerAccess ledger;
    private final Supplier<Journal> journal;
    private final String ledgerPublicKey;
    private final Supplier<Webhooks> webhooks;
    private final LongSupplier eventHead;
    private final AuditExport export;

    /**
     * {@code journal} gives the engine's current journal (a recovery opens a new one), {@code eventHead} the seq of
     * the last durable event.
     */
    AuditHandlers(LedgerAccess ledger, Supplier<Journal> journal, String ledgerPublicKey,
                  Supplier<Webhooks> webhooks, LongSupplier eventHead) {
        this.ledger = ledger;
        this.journal = journal;
        this.ledgerPublicKey = ledgerPublicKey;
        this.webhooks = webhooks;
        this.eventHead = eventHead;
        this.export = new AuditExport(journal, ledgerPublicKey);
    }

    void register(Routes routes) {
        routes.add(GET, "/v1/reconciliation", Routes.READERS, this::reconciliation);
        routes.add(GET, "/v1/audit/chain", Routes.READERS, this::chain);
        routes.add(GET, "/v1/audit/verify", Routes.READERS, this::verify);
        routes.add(GET, "/v1/audit/export", Routes.READERS, export::export);
    }

    /**
     * The books, the webhook endpoints failing (DESIGN.md §9): receivers the back office should call, and
     * {@code events_after}: the last event durable before the books were read, so that a dashboard following the
     * events from there misses no change (it may see again one the report already holds, never lose one).
     */
    private Future<Reply> reconciliation(Call call) {
        long nowMs = System.currentTimeMillis();
        long eventsAfter = eventHead.getAsLong();
        return ledger.read(l -> JsonViews.reconciliation(l.reconciliation(nowMs)).put("events_after", eventsAfter))
                .compose(books -> webhooks.get().failing().map(failing -> Reply.ok(books
                        .put("failing_webhooks", failing))));
    }

    private Future<Reply> chain(Call call) {
        AuditChain.Head head = journal.get().head();
        return Future.succeededFuture(Reply.ok(new JsonObject()
                .put("sequence", head.sequence())
                .put("hash", HexFormat.of().formatHex(head.hash()))
                .put("signature", Ed25519.base64url(head.signature()))
                .put("ledger_public_key", ledgerPublicKey)));
    }

    /** Reads the whole journal back: on a worker thread, never on an event loop. */
    private Future<Reply> verify(Call call) {
        return Vertx.currentContext().owner().executeBlocking(() -> journal.get().verify(), false).map(v -> {
            JsonObject json = new JsonObject().put("ok", v.ok()).put("batches_checked", v.batchesChecked());
            if (v.firstBadSequence() != null) json.put("first_bad_sequence", v.firstBadSequence());
            return Reply.ok(json);
        });
    }
}
