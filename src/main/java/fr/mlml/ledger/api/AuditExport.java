package fr.mlml.ledger.api;

import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /v1/audit/export}: every batch after {@code after_sequence} up to the head at the request, exactly as it
 * was chained and signed, one JSON line each after a header line, for an auditor to check offline with nothing but
 * the ledger's public key ({@code audit verify}; README "Checking the books offline"). The lines have one fixed form
 * (members in this order, no spaces) so that a verifier can refuse any byte out of place.
 *
 * <p>Read on a worker thread and handed to the connection a chunk at a time, each once the previous one was written:
 * memory stays about one chunk per export whatever the ledger's size, a slow reader slows only its own export, and
 * at most {@link #MAX_EXPORTS} run at once (others 503).
 */
final class AuditExport {
    static final String FORMAT = "mlml-ledger/audit-export/1";
    static final String CONTENT_TYPE = "application/x-ndjson";
    private static final int CHUNK_BYTES = 256 << 10;
    private static final int MAX_EXPORTS = 2;
    /** A reader that takes nothing for this long loses its export. */
    private static final long WRITE_TIMEOUT_S = 120;
    private static final HexFormat HEX = HexFormat.of();

    private final Supplier<Journal> journal;
    private final String ledgerPublicKey;
    private final Semaphore running = new Semaphore(MAX_EXPORTS);

    AuditExport(Supplier<Journal> journal, String ledgerPublicKey) {
        this.journal = journal;
        this.ledgerPublicKey = ledgerPublicKey;
    }

    Future<Reply> export(Call call) {
        long after = HistoryHandlers.Query.integer(call, "after_sequence", 0, Long.MAX_VALUE, 0);
        Journal j = journal.get();
        long head = j.head().sequence();
        if (after > head) throw ApiProblem.invalid("after_sequence", "past the chain's head, batch " + head);
        if (!running.tryAcquire()) {
            throw ApiProblem.overloaded("as many audit exports run as the service allows at once");
        }
        Context context = Vertx.currentContext();
        HttpServerResponse response = call.ctx().response().setChunked(true).putHeader("Content-Type", CONTENT_TYPE);
        Future<Void> streamed = context.owner().executeBlocking(() -> {
            stream(j, after, head, new Chunks(context, response));
            return null;
        }, false);
        return streamed.compose(v -> response.end())
                .recover(e -> {
                    response.reset(); // the auditor sees a cut stream, never an export that looks complete
                    return Future.failedFuture(e);
                })
                .onComplete(done -> running.release())
                .map(v -> Reply.STREAMED);
    }

    private void stream(Journal j, long after, long head, Chunks out) throws Exception {
        byte[][] previous = {after == 0 ? AuditChain.GENESIS : null};
        j.chainFrom(Math.max(1, after), link -> {
            if (link.sequence() == after) {
                previous[0] = link.hash();
                return;
            }
            if (link.sequence() > head) return;
            if (previous[0] == null) throw new IllegalStateException("batch " + after + " is not in the journal");
            if (link.sequence() == after + 1) out.add(header(after, head, previous[0]));
            out.add(line(link));
        });
        if (after == head) out.add(header(after, head, previous[0]));
        out.flush();
    }

    private String header(long after, long head, byte[] previousHash) {
        return "{\"format\":\"" + FORMAT + "\",\"after_sequence\":" + after + ",\"head_sequence\":" + head
                + ",\"previous_hash\":\"" + HEX.formatHex(previousHash) + "\",\"ledger_public_key\":\""
                + ledgerPublicKey + "\"}\n";
    }

    static String line(AuditChain.Link link) {
        return "{\"sequence\":" + link.sequence() + ",\"hash\":\"" + HEX.formatHex(link.hash())
                + "\",\"signature\":\"" + Ed25519.base64url(link.signature()) + "\",\"entries_digest\":\""
                + HEX.formatHex(link.entriesDigest()) + "\",\"commands\":\"" + Ed25519.base64url(link.commands())
                + "\"}\n";
    }

    /** Lines gathered into chunks, each written on the connection's event loop and waited for. */
    private static final class Chunks {
        private final Context context;
        private final HttpServerResponse response;
        private final StringBuilder pending = new StringBuilder(CHUNK_BYTES + 1024);

        Chunks(Context context, HttpServerResponse response) {
            this.context = context;
            this.response = response;
        }

        void add(String line) {
            pending.append(line);
            if (pending.length() >= CHUNK_BYTES) flush();
        }

        void flush() {
            if (pending.length() == 0) return;
            Buffer chunk = Buffer.buffer(pending.toString().getBytes(StandardCharsets.US_ASCII));
            pending.setLength(0);
            CompletableFuture<Void> written = new CompletableFuture<>();
            context.runOnContext(v -> response.write(chunk).onComplete(ar -> {
                if (ar.succeeded()) written.complete(null);
                else written.completeExceptionally(ar.cause());
            }));
            try {
                written.get(WRITE_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the auditor's connection took no more of the export", e);
            }
        }
    }
}
