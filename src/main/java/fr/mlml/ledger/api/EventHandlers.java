package fr.mlml.ledger.api;

import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.events.Event;
import fr.mlml.ledger.events.EventFeed;
import fr.mlml.ledger.events.EventType;
import fr.mlml.ledger.events.Viewer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static io.vertx.core.http.HttpMethod.GET;

/**
 * The feed and the stream of DESIGN.md §9: {@code GET /v1/events} pages through the events the caller may see (with
 * {@code wait_s}, a long poll), {@code GET /v1/events/stream} sends them as Server-Sent Events as they come.
 */
final class EventHandlers {
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_WAIT_S = 30;
    private static final int MAX_TYPES_LENGTH = 1024;

    private final Vertx vertx;
    private final EventFeed feed;
    /** A comment line this often keeps the idle timeout and proxies from closing a quiet stream. */
    private final long keepAliveMs;

    EventHandlers(Vertx vertx, EventFeed feed, long keepAliveMs) {
        this.vertx = vertx;
        this.feed = feed;
        this.keepAliveMs = keepAliveMs;
    }

    void register(Routes routes) {
        routes.add(GET, "/v1/events/stream", Routes.ANY, this::stream);
        routes.add(GET, "/v1/events", Routes.ANY, this::page);
    }

    static Viewer viewer(Caller caller) {
        if (caller.readsEverything()) return Viewer.EVERYTHING;
        if (caller.role() == TokenRole.TERMINAL) return Viewer.terminal(caller.memberId(), caller.terminalId());
        return Viewer.member(caller.memberId());
    }

    /** {@code types=a,b}: every name a type of §9; none means all. */
    static Set<EventType> types(Call call) {
        String text = HistoryHandlers.Query.text(call, "types", null, MAX_TYPES_LENGTH);
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        if (text == null) return types;
        for (String name : text.split(",", -1)) {
            EventType t = EventType.ofCode(name);
            if (t == null) throw ApiProblem.invalid("types", "unknown event type " + Json.encode(name));
            types.add(t);
        }
        return types;
    }

    private Future<Reply> page(Call call) {
        long after = HistoryHandlers.Query.integer(call, "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) HistoryHandlers.Query.integer(call, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        long waitS = HistoryHandlers.Query.integer(call, "wait_s", 0, MAX_WAIT_S, 0);
        Set<EventType> types = types(call);
        Viewer viewer = viewer(call.caller());
        Context context = vertx.getOrCreateContext();
        long deadlineMs = System.currentTimeMillis() + waitS * 1000;
        Promise<Reply> answer = Promise.promise();
        poll(context, after, limit, types, viewer, deadlineMs, answer);
        // A long poll outlives its start: a token revoked or expired meanwhile is answered 401, not with events.
        return answer.future().map(reply -> {
            if (!call.caller().live()) throw ApiProblem.unauthorized();
            return reply;
        });
    }

    /** Reads; if nothing came and time is left, waits for the next durable events (or the deadline) and reads again. */
    private void poll(Context context, long after, int limit, Set<EventType> types, Viewer viewer, long deadlineMs,
                      Promise<Reply> answer) {
        Future.fromCompletionStage(feed.read(after, limit, types, viewer), context).onComplete(r -> {
            if (r.failed()) {
                answer.fail(r.cause());
                return;
            }
            EventFeed.Page page = r.result();
            long leftMs = deadlineMs - System.currentTimeMillis();
            if (!page.items().isEmpty() || leftMs <= 0) {
                answer.complete(new Reply(200, "application/json", pageJson(page)));
            } else if (page.next() < feed.head()) {
                poll(context, page.next(), limit, types, viewer, deadlineMs, answer);
            } else {
                Runnable[] stop = new Runnable[1];
                long timer = vertx.setTimer(leftMs, t -> {
                    stop[0].run();
                    answer.tryComplete(new Reply(200, "application/json", pageJson(page)));
                });
                stop[0] = feed.listen(() -> context.runOnContext(v -> {
                    if (!vertx.cancelTimer(timer)) return;
                    stop[0].run();
                    poll(context, page.next(), limit, types, viewer, deadlineMs, answer);
                }));
                if (feed.head() > page.next() && vertx.cancelTimer(timer)) { // came while the listener was added
                    stop[0].run();
                    poll(context, page.next(), limit, types, viewer, deadlineMs, answer);
                }
            }
        });
    }

    static String pageJson(EventFeed.Page page) {
        StringBuilder out = new StringBuilder("{\"items\":[");
        List<Event> items = page.items();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(',');
            out.append(items.get(i).json());
        }
        return out.append("],\"next\":").append(page.next()).append('}').toString();
    }

    /** Starts the stream from {@code Last-Event-ID} (a reconnection) or {@code after}, then follows the feed. */
    private Future<Reply> stream(Call call) {
        long after = HistoryHandlers.Query.integer(call, "after", 0, Long.MAX_VALUE, 0);
        String lastId = call.ctx().request().getHeader("Last-Event-ID");
        if (lastId != null) {
            try {
                after = Long.parseLong(lastId.trim());
                if (after < 0) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw ApiProblem.invalid("Last-Event-ID", "the seq of the last event received");
            }
        }
        Set<EventType> types = types(call);
        new EventStream(vertx, feed, call.ctx().response(), viewer(call.caller()), call.caller()::live, types, after)
                .start(keepAliveMs);
        return Future.succeededFuture(Reply.STREAMED);
    }

    /**
     * One open stream: reads a page, writes it, and waits for more or for the client to drain. It ends, writing
     * nothing more, once its token is revoked or expired (found before each write, keep-alives included).
     */
    private static final class EventStream {
        private final Vertx vertx;
        private final EventFeed feed;
        private final HttpServerResponse response;
        private final Viewer viewer;
        private final BooleanSupplier live;
        private final Set<EventType> types;
        private final Context context;
        private long cursor;
        private boolean reading;
        private boolean closed;
        private Runnable stopListening = () -> { };
        private long keepAlive;

        EventStream(Vertx vertx, EventFeed feed, HttpServerResponse response, Viewer viewer, BooleanSupplier live,
                    Set<EventType> types, long after) {
            this.vertx = vertx;
            this.feed = feed;
            this.response = response;
            this.viewer = viewer;
            this.live = live;
            this.types = types;
            this.context = vertx.getOrCreateContext();
            this.cursor = after;
        }

        void start(long keepAliveMs) {
            response.setChunked(true).setStatusCode(200)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache");
            response.write(": stream of ledger events\n\n");
            response.closeHandler(v -> close());
            response.exceptionHandler(e -> close());
            keepAlive = vertx.setPeriodic(keepAliveMs, t -> {
                if (!closed && stillLive()) response.write(": keep-alive\n\n");
            });
            stopListening = feed.listen(() -> context.runOnContext(v -> pump()));
            pump();
        }

        /** Ends the stream once its token no longer works. */
        private boolean stillLive() {
            if (live.getAsBoolean()) return true;
            close();
            response.end();
            return false;
        }

        private void close() {
            if (closed) return;
            closed = true;
            vertx.cancelTimer(keepAlive);
            stopListening.run();
        }

        private void pump() {
            if (closed || reading || cursor >= feed.head()) return;
            if (response.writeQueueFull()) {
                response.drainHandler(v -> pump());
                return;
            }
            reading = true;
            Future.fromCompletionStage(feed.read(cursor, MAX_LIMIT, types, viewer), context).onComplete(r -> {
                reading = false;
                if (closed) return;
                if (r.failed()) {
                    response.reset();
                    close();
                    return;
                }
                if (!stillLive()) return;
                StringBuilder out = new StringBuilder();
                for (Event e : r.result().items()) {
                    out.append("id: ").append(e.seq()).append("\nevent: ").append(e.type().code).append("\ndata: ")
                            .append(e.json()).append("\n\n");
                }
                cursor = r.result().next();
                if (out.length() > 0) response.write(out.toString());
                pump();
            });
        }
    }
}
