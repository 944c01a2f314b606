package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.journal.AccountChange;
import fr.mlml.ledger.journal.History;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.GET;

/**
 * An account's past, read from the journal (durable batches only): its transfers newest first with a cursor, its
 * balance at any instant, a statement over a period in JSON or CSV, its limit and status changes. The account's
 * owner, the back office and auditors may read it.
 */
final class HistoryHandlers {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final LedgerAccess ledger;
    private final Supplier<Journal> journal;

    HistoryHandlers(LedgerAccess ledger, Supplier<Journal> journal) {
        this.ledger = ledger;
        this.journal = journal;
    }

    void register(Routes routes) {
        EnumSet<TokenRole> readers = EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR, TokenRole.MEMBER);
        routes.add(GET, "/v1/accounts/:id/transfers", readers, this::transfers);
        routes.add(GET, "/v1/accounts/:id/balance", readers, this::balance);
        routes.add(GET, "/v1/accounts/:id/statement", readers, this::statement);
        routes.add(GET, "/v1/accounts/:id/changes", readers, this::changes);
    }

    /** Its limit and status changes, its opening first, each with the handle of the admin token that made it. */
    private Future<Reply> changes(Call call) {
        return readable(call).compose(a -> fromJournal(() -> journal.get().changes().of(a.id()))).map(changes -> {
            JsonArray items = new JsonArray();
            for (AccountChange c : changes) items.add(JsonViews.change(c));
            return Reply.ok(new JsonObject().put("items", items));
        });
    }

    private Future<Reply> transfers(Call call) {
        int limit = (int) Query.integer(call, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        long before = Query.integer(call, "after", 1, Long.MAX_VALUE, Long.MAX_VALUE);
        return readable(call).compose(a -> fromHistory(h -> h.entries(a.id(), before, limit))).map(page -> {
            JsonArray items = new JsonArray();
            for (Entry e : page) items.add(item(e, call.param("id")));
            String next = page.size() == limit ? Long.toString(page.get(page.size() - 1).number()) : null;
            return Reply.ok(new JsonObject().put("items", items).put("next", next));
        });
    }

    private Future<Reply> balance(Call call) {
        long asOfMs = Query.instant(call, "as_of", System.currentTimeMillis());
        return readable(call).compose(a -> fromHistory(h -> h.balanceAsOf(a.id(), asOfMs))).map(balance ->
                Reply.ok(new JsonObject().put("account", call.param("id")).put("balance", balance)
                        .put("as_of", JsonViews.instant(asOfMs))));
    }

    private Future<Reply> statement(Call call) {
        long fromMs = Query.instant(call, "from", null);
        long toMs = Query.instant(call, "to", System.currentTimeMillis());
        if (toMs < fromMs) throw ApiProblem.invalid("to", "the period ends before it starts");
        String format = Query.text(call, "format", "json");
        if (!format.equals("json") && !format.equals("csv")) throw ApiProblem.invalid("format", "json or csv");
        return readable(call).compose(a -> fromHistory(h -> h.statement(a.id(), fromMs, toMs)).map(s ->
                format.equals("csv") ? new Reply(200, "text/csv; charset=utf-8", StatementCsv.of(s))
                        : Reply.ok(statementJson(s, a.currency()))));
    }

    /** The account, if it exists and the caller may read it. */
    private Future<AccountView> readable(Call call) {
        String id = call.idParam("id");
        return ledger.read(l -> AccountHandlers.readable(l.account(id), id, call.caller()));
    }

    /**
     * Runs a history query and answers on the caller's event loop; a statement over too many entries is the
     * caller's to split (400), a full query queue is the service's overload (503).
     */
    private <T> Future<T> fromHistory(Function<History, CompletableFuture<T>> query) {
        return fromJournal(() -> query.apply(journal.get().history()));
    }

    private <T> Future<T> fromJournal(Supplier<CompletableFuture<T>> query) {
        CompletableFuture<T> answer;
        try {
            answer = query.get();
        } catch (RejectedExecutionException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return Future.fromCompletionStage(answer.exceptionallyCompose(HistoryHandlers::problem),
                Vertx.currentContext());
    }

    private static <T> CompletableFuture<T> problem(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof IllegalArgumentException) {
            return CompletableFuture.failedFuture(ApiProblem.invalid("from", "the period holds more than "
                    + History.MAX_STATEMENT_ENTRIES + " entries: ask for it in parts"));
        }
        if (e instanceof RejectedExecutionException) {
            return CompletableFuture.failedFuture(new ApiProblem(503, "overloaded", "too many history queries", null,
                    1));
        }
        return CompletableFuture.failedFuture(e);
    }

    /** An entry as a history item: the transfer's fields as this change left them, and the account's balance. */
    static JsonObject item(Entry e, String account) {
        return JsonViews.entry(e).put("balance_after", e.balanceAfter(account));
    }

    private static JsonObject statementJson(History.Statement s, String currency) {
        JsonArray entries = new JsonArray();
        for (Entry e : s.entries()) entries.add(item(e, s.account()));
        return new JsonObject()
                .put("account", s.account())
                .put("currency", currency)
                .put("from", JsonViews.instant(s.fromMs()))
                .put("to", JsonViews.instant(s.toMs()))
                .put("opening", s.opening())
                .put("entries", entries)
                .put("closing", s.closing());
    }

    /** Query parameters, checked as strictly as bodies: a bad one is a 400 naming it. */
    static final class Query {
        private static final int MAX_LENGTH = 64;

        private Query() {
        }

        static String text(Call call, String name, String absent) {
            return text(call, name, absent, MAX_LENGTH);
        }

        static String text(Call call, String name, String absent, int maxLength) {
            List<String> values = call.ctx().queryParam(name);
            if (values.isEmpty()) return absent;
            if (values.size() > 1) throw ApiProblem.invalid(name, "given more than once");
            String v = values.get(0);
            if (v.isEmpty() || v.length() > maxLength) throw ApiProblem.invalid(name, "1 to " + maxLength
                    + " characters");
            return v;
        }

        static long integer(Call call, String name, long min, long max, long absent) {
            String v = text(call, name, null);
            if (v == null) return absent;
            long n;
            try {
                if (!v.chars().allMatch(Character::isDigit)) throw new NumberFormatException();
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ApiProblem.invalid(name, "an integer from " + min + " to " + max);
            }
            if (n < min || n > max) throw ApiProblem.invalid(name, "an integer from " + min + " to " + max);
            return n;
        }

        /** An RFC 3339 instant as milliseconds; {@code absent} null makes the parameter required. */
        static long instant(Call call, String name, Long absent) {
            String v = text(call, name, null);
            if (v == null) {
                if (absent == null) throw ApiProblem.invalid(name, "required: an RFC 3339 instant");
                return absent;
            }
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                throw ApiProblem.invalid(name, "an RFC 3339 instant, such as 2026-01-31T23:59:59Z");
            }
        }
    }
}
