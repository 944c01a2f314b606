package fr.mlml.ledger.api;

import fr.mlml.ledger.core.CurrencyPolicy;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.GET;

/**
 * The whole ledger as an hledger journal for auditors' own tools. Streamed page by page from the journal's history,
 * each page written only once the previous one left for the client: memory stays one page whatever the ledger's
 * size, and a slow reader slows only its own export.
 */
final class ExportHandlers {
    static final int PAGE_ENTRIES = 5_000;

    private final LedgerAccess ledger;
    private final Supplier<Journal> journal;

    ExportHandlers(LedgerAccess ledger, Supplier<Journal> journal) {
        this.ledger = ledger;
        this.journal = journal;
    }

    void register(Routes routes) {
        routes.add(GET, "/v1/export/journal", Routes.READERS, this::export);
    }

    private Future<Reply> export(Call call) {
        String format = HistoryHandlers.Query.text(call, "format", null);
        if (!"hledger".equals(format)) throw ApiProblem.invalid("format", "required: hledger");
        return ledger.read(l -> scales(l.config().currencies())).compose(scales -> {
            HttpServerResponse response = call.ctx().response().setChunked(true)
                    .putHeader("Content-Type", "text/plain; charset=utf-8");
            StringBuilder header = new StringBuilder();
            HledgerExport.header(header, scales);
            return response.write(header.toString())
                    .compose(v -> pagesAfter(response, scales, 0))
                    .compose(v -> response.end())
                    .recover(e -> {
                        response.reset(); // the client sees a cut stream, never a journal that looks complete
                        return Future.failedFuture(e);
                    })
                    .map(v -> Reply.STREAMED);
        });
    }

    /** Writes every entry after {@code afterEntry}, a page at a time, each once the previous one was written. */
    private Future<Void> pagesAfter(HttpServerResponse response, Map<String, Integer> scales, long afterEntry) {
        return Future.fromCompletionStage(journal.get().history().entriesAfter(afterEntry, PAGE_ENTRIES),
                Vertx.currentContext()).compose(page -> {
            if (page.isEmpty()) return Future.succeededFuture();
            StringBuilder out = new StringBuilder(256 * page.size());
            for (Entry e : page) HledgerExport.transaction(out, e, scales.get(e.currency()));
            long last = page.get(page.size() - 1).number();
            return response.write(out.toString()).compose(v -> page.size() < PAGE_ENTRIES ? Future.succeededFuture()
                    : pagesAfter(response, scales, last));
        });
    }

    private static Map<String, Integer> scales(List<CurrencyPolicy> currencies) {
        Map<String, Integer> scales = new LinkedHashMap<>();
        for (CurrencyPolicy c : currencies) scales.put(c.code(), c.scale());
        return scales;
    }
}
