package fr.mlml.ledger.api;

import fr.mlml.ledger.config.FecChart;
import fr.mlml.ledger.core.CurrencyPolicy;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.SystemAccount;
import fr.mlml.ledger.core.SystemRole;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.GET;

/**
 * The books for auditors' and accountants' own tools: the whole ledger as an hledger journal, a period as a French
 * FEC. Streamed page by page from the journal's history, each page written only once the previous one left for the
 * client: memory stays one page whatever the ledger's size (the FEC adds one balance per account that moved before
 * its period, live state), and a slow reader slows only its own export.
 */
final class ExportHandlers {
    static final int PAGE_ENTRIES = 5_000;
    /** The FEC's bounds: a day's margin inside four-digit years whatever the chart's time zone. */
    private static final long FIRST_MS = Instant.parse("0001-01-02T00:00:00Z").toEpochMilli();
    private static final long LAST_MS = Instant.parse("9999-12-31T00:00:00Z").toEpochMilli();

    private final LedgerAccess ledger;
    private final Supplier<Journal> journal;
    private final FecChart chart;

    ExportHandlers(LedgerAccess ledger, Supplier<Journal> journal, FecChart chart) {
        this.ledger = ledger;
        this.journal = journal;
        this.chart = chart;
    }

    void register(Routes routes) {
        routes.add(GET, "/v1/export/journal", Routes.READERS, this::hledger);
        routes.add(GET, "/v1/export/fec", Routes.READERS, this::fec);
    }

    /** What one page of entries became in an export: its text, and whether the export goes on past it. */
    record Part(String text, boolean more) {
    }

    /** Turns one page of entries into the export's text; {@code last}: no entry comes after the page. */
    private interface PageText {
        Future<Part> of(List<Entry> page, boolean last);
    }

    private Future<Reply> hledger(Call call) {
        String format = HistoryHandlers.Query.text(call, "format", null);
        if (!"hledger".equals(format)) throw ApiProblem.invalid("format", "required: hledger");
        return ledger.read(l -> scales(l.config().currencies())).compose(scales -> {
            StringBuilder header = new StringBuilder();
            HledgerExport.header(header, scales);
            return stream(call, "text/plain; charset=utf-8", StandardCharsets.UTF_8, header.toString(),
                    (page, last) -> {
                        StringBuilder out = new StringBuilder(256 * page.size());
                        for (Entry e : page) HledgerExport.transaction(out, e, scales.get(e.currency()));
                        return Future.succeededFuture(new Part(out.toString(), true));
                    });
        });
    }

    private Future<Reply> fec(Call call) {
        long fromMs = periodBound(call, "from", Long.MIN_VALUE);
        long toMs = periodBound(call, "to", System.currentTimeMillis());
        if (toMs <= fromMs) throw ApiProblem.invalid("to", "the period ends before it starts");
        return ledger.read(l -> new FecExport(chart, scales(l.config().currencies()), roles(l.config()),
                l.config().referenceCurrency().code(), fromMs, toMs)).compose(fec -> {
            call.ctx().response().putHeader("Content-Disposition", "attachment; filename=\"" + fec.fileName() + "\"");
            return stream(call, "text/plain; charset=" + chart.charset().name(), chart.charset(), FecExport.HEADER,
                    (page, last) -> {
                        Set<String> named = fec.prepare(page, last);
                        return ledger.read(l -> ownerNames(l, named)).map(names -> fec.write(page, last, names));
                    });
        });
    }

    /** A bound of the FEC's period, if given: an instant of the years 0001 to 9999 (dates have four digits). */
    private static long periodBound(Call call, String name, long absent) {
        if (call.ctx().queryParam(name).isEmpty()) return absent;
        long ms = HistoryHandlers.Query.instant(call, name, absent);
        if (ms < FIRST_MS || ms > LAST_MS) throw ApiProblem.invalid(name, "an instant of the years 0001 to 9999");
        return ms;
    }

    /** Writes {@code head}, then the text of every page of entries until the export says it is complete. */
    private Future<Reply> stream(Call call, String contentType, Charset charset, String head, PageText pages) {
        HttpServerResponse response = call.ctx().response().setChunked(true).putHeader("Content-Type", contentType);
        return response.write(Buffer.buffer(head.getBytes(charset)))
                .compose(v -> pagesAfter(response, charset, 0, pages))
                .compose(v -> response.end())
                .recover(e -> {
                    response.reset(); // the client sees a cut stream, never a file that looks complete
                    return Future.failedFuture(e);
                })
                .map(v -> Reply.STREAMED);
    }

    /** Writes the pages after {@code afterEntry}, each once the previous one was written. */
    private Future<Void> pagesAfter(HttpServerResponse response, Charset charset, long afterEntry, PageText pages) {
        return Future.fromCompletionStage(journal.get().history().entriesAfter(afterEntry, PAGE_ENTRIES),
                Vertx.currentContext()).compose(page -> {
            boolean last = page.size() < PAGE_ENTRIES;
            return pages.of(page, last).compose(part -> {
                Future<Void> written = part.text().isEmpty() ? Future.succeededFuture()
                        : response.write(Buffer.buffer(part.text().getBytes(charset)));
                return written.compose(v -> last || !part.more() ? Future.succeededFuture()
                        : pagesAfter(response, charset, page.get(page.size() - 1).number(), pages));
            });
        });
    }

    private static Map<String, String> ownerNames(Ledger l, Set<String> accounts) {
        Map<String, String> names = new HashMap<>();
        for (String a : accounts) {
            String name = l.ownerName(a);
            if (name != null) names.put(a, name);
        }
        return names;
    }

    private static Map<String, SystemRole> roles(LedgerConfig config) {
        Map<String, SystemRole> roles = new HashMap<>();
        for (SystemAccount a : config.systemAccounts()) roles.put(a.id(), a.role());
        return roles;
    }

    private static Map<String, Integer> scales(List<CurrencyPolicy> currencies) {
        Map<String, Integer> scales = new LinkedHashMap<>();
        for (CurrencyPolicy c : currencies) scales.put(c.code(), c.scale());
        return scales;
    }
}
