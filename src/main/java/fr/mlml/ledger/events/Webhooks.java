package fr.mlml.ledger.events;

import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.WebhookStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Webhook delivery (DESIGN.md §9): per endpoint, the events it may see in {@code seq} order, one request in flight,
 * at least once; the cursor moves only on a 2xx answer and is stored after it, so a crash sends some events again
 * (the receiver deduplicates on {@code webhook-id}) but never skips one. Failures are retried with backoff and
 * jitter (about 1 s, 5 s, 30 s, 2 min, 10 min, then hourly), {@code Retry-After} up to an hour; 410 disables the
 * endpoint; 10 s without an answer is a failure; redirects are not followed. Every endpoint goes at its own pace on
 * one context, never blocking it, so a slow or dead one delays neither the others nor the ledger, which only
 * appends to the feed. Failures for a given URL do not stop an endpoint: after 24 hours it is {@code failing}.
 * All endpoints together go at the pace of a {@link DeliveryBudget}, taking turns when it runs short.
 */
public final class Webhooks {
    static final long TIMEOUT_MS = 10_000;
    static final long MAX_RETRY_AFTER_MS = 3_600_000;
    private static final long[] BACKOFF_MS = {1_000, 5_000, 30_000, 120_000, 600_000, 3_600_000};
    private static final long CURSOR_FLUSH_MS = 500;
    /** How long a checked address is used before the host is resolved and checked again (the JDK's own cache). */
    static final long ADDRESS_KEPT_MS = 30_000;
    /** Events taken from the feed at a time for one endpoint. */
    private static final int QUEUE_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

    private final Vertx vertx;
    private final Context context;
    private final EventFeed feed;
    private final Supplier<Journal> journal;
    private final WebhookSigner signer;
    private final boolean allowPrivate;
    private final LongSupplier clockMs;
    private final HttpClient http;
    private final Map<String, Webhook> endpoints = new LinkedHashMap<>();
    private final Map<String, Long> dirtyCursors = new HashMap<>();
    private final Map<String, Long> results = new TreeMap<>();
    private final DeliveryBudget budget;
    /** Endpoints with an event to send, waiting for the budget, in turn; each at most once. */
    private final Deque<Webhook> waiting = new ArrayDeque<>();
    private long budgetTimer = -1;
    private boolean flushing;
    /** What {@code /metrics} shows, rebuilt on the context at each cursor flush; read from any thread. */
    private volatile String prometheus = "";

    private Webhooks(Vertx vertx, EventFeed feed, Supplier<Journal> journal, WebhookSigner signer,
                     boolean allowPrivate, int deliveriesPerSecond, LongSupplier clockMs) {
        this.vertx = vertx;
        this.budget = new DeliveryBudget(deliveriesPerSecond);
        this.context = vertx.getOrCreateContext();
        this.feed = feed;
        this.journal = journal;
        this.signer = signer;
        this.allowPrivate = allowPrivate;
        this.clockMs = clockMs;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1024));
    }

    /** Loads the stored endpoints and starts delivering; call once the ledger is recovered. */
    public static Webhooks start(Vertx vertx, EventFeed feed, Supplier<Journal> journal, WebhookSigner signer,
                                 boolean allowPrivate, int deliveriesPerSecond, LongSupplier clockMs)
            throws Exception {
        Webhooks w = new Webhooks(vertx, feed, journal, signer, allowPrivate, deliveriesPerSecond, clockMs);
        List<WebhookStore.Stored> stored = w.store().load().get();
        w.on(() -> {
            for (WebhookStore.Stored s : stored) w.endpoints.put(s.id(), Webhook.fromStored(s.endpoint(), s.cursor()));
            w.vertx.setPeriodic(CURSOR_FLUSH_MS, t -> {
                w.flushCursors();
                w.prometheus = w.prometheusText();
            });
            feed.listen(() -> w.context.runOnContext(v -> w.pumpAll()));
            w.pumpAll();
            return null;
        }).toCompletionStage().toCompletableFuture().get();
        return w;
    }

    public WebhookSigner signer() {
        return signer;
    }

    /** Why {@code url} may not be a webhook's, before resolving its host; null if it may. */
    public String urlRefusal(String url) {
        return WebhookTargets.refusal(url, allowPrivate);
    }

    private WebhookStore store() {
        return journal.get().webhooks();
    }

    private <T> Future<T> on(Callable<T> work) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                p.complete(work.call());
            } catch (Exception e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    /**
     * The URL's host resolves only to addresses it may call: the address to connect to (null with private targets
     * allowed); fails with {@link IllegalArgumentException}.
     */
    private Future<InetAddress> checkAddresses(String url) {
        if (allowPrivate) return Future.succeededFuture();
        return vertx.executeBlocking(() -> WebhookTargets.resolve(url, false), false).compose(r -> r.refusal() == null
                ? Future.succeededFuture(r.address()) : Future.failedFuture(new IllegalArgumentException(r.refusal())));
    }

    /** Where a delivery to {@code w} connects: its address checked in the last {@link #ADDRESS_KEPT_MS}, else anew. */
    private Future<InetAddress> target(Webhook w) {
        long nowMs = clockMs.getAsLong();
        if (w.checkedUrl != null && w.checkedUrl.equals(w.url) && nowMs - w.checkedAtMs < ADDRESS_KEPT_MS) {
            return Future.succeededFuture(w.checkedAddress);
        }
        String url = w.url;
        return checkAddresses(url).onSuccess(address -> {
            w.checkedUrl = url;
            w.checkedAddress = address;
            w.checkedAtMs = nowMs;
        });
    }

    /** A new endpoint of {@code memberId} (null: every event), from the head on; its answer shows its secret. */
    public Future<JsonObject> create(String memberId, String url, Set<EventType> types, String description) {
        return checkAddresses(url).compose(ok -> on(() -> {
            String id = "wh_" + HexFormat.of().formatHex(uuidBytes());
            Webhook w = new Webhook(id, memberId, url, types, description, WebhookSigner.newSecret(), clockMs.getAsLong(),
                    feed.head());
            return w;
        })).compose(w -> Future.fromCompletionStage(store().put(new WebhookStore.Stored(w.id, w.stored(), w.cursor)),
                context).compose(stored -> on(() -> {
                    endpoints.put(w.id, w);
                    return view(w).put("secret", w.secret);
                })));
    }

    private static byte[] uuidBytes() {
        UUID u = UUID.randomUUID();
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array();
    }

    /** The endpoints of {@code memberId}, or all of them for null. */
    public Future<JsonArray> list(String memberId) {
        return on(() -> {
            JsonArray items = new JsonArray();
            for (Webhook w : endpoints.values()) {
                if (memberId == null || memberId.equals(w.memberId)) items.add(view(w));
            }
            return items;
        });
    }

    /** The endpoint, if {@code memberId} (null: the back office) may see it; fails with NoSuchElementException. */
    public Future<JsonObject> get(String id, String memberId) {
        return on(() -> view(find(id, memberId)));
    }

    private Webhook find(String id, String memberId) {
        Webhook w = endpoints.get(id);
        if (w == null || (memberId != null && !memberId.equals(w.memberId))) {
            throw new NoSuchElementException("no such webhook");
        }
        return w;
    }

    private JsonObject view(Webhook w) {
        return w.view(clockMs.getAsLong(), feed.head());
    }

    /** Changes what is given (null: unchanged); enabling again retries at once. */
    public Future<JsonObject> change(String id, String memberId, String url, Set<EventType> types, Boolean disabled) {
        Future<InetAddress> checked = url == null ? Future.succeededFuture() : checkAddresses(url);
        return checked.compose(ok -> on(() -> {
            Webhook w = find(id, memberId);
            if (url != null) w.url = url;
            if (types != null) w.types = types;
            if (disabled != null) w.disabled = disabled;
            restart(w);
            return w;
        })).compose(this::persist);
    }

    /** Moves the cursor back (or on) to {@code after}: delivery resumes after it. */
    public Future<JsonObject> replay(String id, String memberId, long after) {
        return on(() -> {
            if (after > feed.head()) throw new IllegalArgumentException("after the last event, " + feed.head());
            Webhook w = find(id, memberId);
            // Through the cursors to flush too: one moved by a delivery just before must not be stored after this.
            moveCursor(w, after);
            restart(w);
            return w;
        }).compose(this::persist);
    }

    /** Sets aside what was queued or in flight, clears the retry, and delivers anew. */
    private void restart(Webhook w) {
        w.generation++;
        w.queue.clear();
        w.queuedThrough = w.cursor;
        w.inFlight = false;
        w.attempt = 0;
        if (w.waitingForBudget) waiting.remove(w);
        w.waitingForBudget = false;
        if (w.retryTimer >= 0) vertx.cancelTimer(w.retryTimer);
        w.retryTimer = -1;
    }

    private Future<JsonObject> persist(Webhook w) {
        return Future.fromCompletionStage(store().put(new WebhookStore.Stored(w.id, w.stored(), w.cursor)), context)
                .compose(stored -> on(() -> {
                    pump(w);
                    return view(w);
                }));
    }

    public Future<Void> delete(String id, String memberId) {
        return on(() -> {
            Webhook w = find(id, memberId);
            restart(w);
            w.deleted = true;
            endpoints.remove(id);
            dirtyCursors.remove(id);
            return w;
        }).compose(w -> Future.fromCompletionStage(store().delete(w.id), context));
    }

    /** The last attempts, oldest first. */
    public Future<JsonArray> deliveries(String id, String memberId) {
        return on(() -> new JsonArray(new ArrayList<>(find(id, memberId).deliveries)));
    }

    /** Sends a {@code webhook.test} event, outside the feed (no seq, the cursor stays), and answers the attempt. */
    public Future<JsonObject> test(String id, String memberId) {
        return on(() -> find(id, memberId)).compose(w -> {
            String eventId = "evt_test_" + HexFormat.of().formatHex(uuidBytes());
            String body = new JsonObject().put("id", eventId).put("type", "webhook.test")
                    .put("timestamp", Instant.ofEpochMilli(clockMs.getAsLong()).toString())
                    .put("data", new JsonObject().put("webhook_id", w.id)).encode();
            return send(w, eventId, body, 1).map(Attempt::json);
        });
    }

    /** The endpoints {@code failing} (24 hours without a success), for reconciliation: oldest failure first. */
    public Future<JsonArray> failing() {
        return on(() -> {
            long nowMs = clockMs.getAsLong();
            JsonArray items = new JsonArray();
            endpoints.values().stream().filter(w -> w.failing(nowMs))
                    .sorted(Comparator.comparingLong(w -> w.failingSinceMs))
                    .forEach(w -> items.add(w.failingView(feed.head())));
            return items;
        });
    }

    /**
     * Per endpoint its lag (events behind the head) and whether it is failing, and deliveries by result, in the
     * Prometheus text format, as of the last half second.
     */
    public String prometheus() {
        return prometheus;
    }

    private String prometheusText() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ledger_webhook_lag events an endpoint is behind the head of the feed\n")
                .append("# TYPE ledger_webhook_lag gauge\n");
        long head = feed.head();
        long nowMs = clockMs.getAsLong();
        for (Webhook w : endpoints.values()) {
            out.append("ledger_webhook_lag{webhook=\"").append(w.id).append("\"} ").append(Math.max(0, head - w.cursor))
                    .append('\n');
        }
        out.append("# HELP ledger_webhook_failing 1 for an endpoint without a success for 24 hours\n")
                .append("# TYPE ledger_webhook_failing gauge\n");
        for (Webhook w : endpoints.values()) {
            out.append("ledger_webhook_failing{webhook=\"").append(w.id).append("\"} ").append(w.failing(nowMs) ? 1 : 0)
                    .append('\n');
        }
        out.append("# HELP ledger_webhook_waiting_for_budget endpoints with events to send, waiting for their turn\n")
                .append("# TYPE ledger_webhook_waiting_for_budget gauge\n")
                .append("ledger_webhook_waiting_for_budget ").append(waiting.size()).append('\n');
        out.append("# HELP ledger_webhook_deliveries_total delivery attempts by result\n")
                .append("# TYPE ledger_webhook_deliveries_total counter\n");
        results.forEach((result, n) -> out.append("ledger_webhook_deliveries_total{result=\"").append(result)
                .append("\"} ").append(n).append('\n'));
        return out.toString();
    }

    private void pumpAll() {
        for (Webhook w : List.copyOf(endpoints.values())) pump(w);
    }

    /** Delivers the next event if nothing is in flight nor waiting to be retried, in turn with the others. */
    private void pump(Webhook w) {
        if (w.deleted || w.disabled || w.inFlight || w.retryTimer >= 0 || w.waitingForBudget) return;
        Event next = w.queue.peekFirst();
        if (next == null) {
            if (w.queuedThrough > w.cursor) moveCursor(w, w.queuedThrough);
            if (w.cursor >= feed.head()) return;
            w.inFlight = true;
            int generation = w.generation;
            Future.fromCompletionStage(feed.read(w.cursor, QUEUE_BATCH, w.types, w.viewer()), context)
                    .onComplete(r -> {
                        if (generation != w.generation) return;
                        w.inFlight = false;
                        if (r.failed()) {
                            LOG.warn("webhook {}: events could not be read; retrying", w.id, r.cause());
                            retryLater(w, BACKOFF_MS[0]);
                            return;
                        }
                        w.queue.addAll(r.result().items());
                        w.queuedThrough = r.result().next();
                        pump(w);
                    });
            return;
        }
        if (!waiting.isEmpty() || !budget.take()) {
            awaitBudget(w);
            return;
        }
        deliver(w, next);
    }

    private void awaitBudget(Webhook w) {
        w.waitingForBudget = true;
        waiting.addLast(w);
        if (budgetTimer < 0) budgetTimer = vertx.setTimer(budget.waitMs(), t -> releaseWaiting());
    }

    /** Sends the next event of the endpoints waiting, first come first served, as far as the budget goes. */
    private void releaseWaiting() {
        budgetTimer = -1;
        while (!waiting.isEmpty() && budget.take()) {
            Webhook w = waiting.removeFirst();
            w.waitingForBudget = false;
            deliver(w, w.queue.peekFirst());
        }
        if (!waiting.isEmpty()) budgetTimer = vertx.setTimer(budget.waitMs(), t -> releaseWaiting());
    }

    private void deliver(Webhook w, Event next) {
        assert !w.inFlight && next != null && next == w.queue.peekFirst();
        w.inFlight = true;
        int generation = w.generation;
        int attempt = w.attempt + 1;
        send(w, next.id(), next.json(), attempt).onComplete(r -> {
            if (generation != w.generation) return;
            w.inFlight = false;
            Attempt a = r.result();
            w.delivered(a.json());
            results.merge(a.result(), 1L, Long::sum);
            if (a.succeeded()) {
                w.queue.removeFirst();
                w.attempt = 0;
                if (w.failingSinceMs != 0) {
                    w.failingSinceMs = 0;
                    persist(w);
                }
                moveCursor(w, next.seq());
                pump(w);
            } else if (Integer.valueOf(410).equals(a.statusCode())) {
                LOG.info("webhook {}: the receiver answered 410 Gone; disabled", w.id);
                w.disabled = true;
                restart(w);
                persist(w);
            } else {
                w.attempt = attempt;
                boolean startsFailing = w.failingSinceMs == 0;
                if (startsFailing) w.failingSinceMs = clockMs.getAsLong();
                long delay = a.retryAfterMs() >= 0 ? Math.min(a.retryAfterMs(), MAX_RETRY_AFTER_MS) : backoff(attempt);
                retryLater(w, delay);
                if (startsFailing) persist(w);
            }
        });
    }

    private void retryLater(Webhook w, long delayMs) {
        w.retryTimer = vertx.setTimer(Math.max(1, delayMs), t -> {
            w.retryTimer = -1;
            pump(w);
        });
    }

    /** The schedule's delay for the attempt after {@code failedAttempt}, give or take a fifth. */
    static long backoff(int failedAttempt) {
        long base = BACKOFF_MS[Math.min(failedAttempt, BACKOFF_MS.length) - 1];
        return base + ThreadLocalRandom.current().nextLong(-base / 5, base / 5 + 1);
    }

    private void moveCursor(Webhook w, long cursor) {
        w.cursor = cursor;
        dirtyCursors.put(w.id, cursor);
    }

    /** Stores the cursors moved since the last flush, one write at a time. */
    private void flushCursors() {
        if (flushing || dirtyCursors.isEmpty()) return;
        Map<String, Long> batch = new HashMap<>(dirtyCursors);
        dirtyCursors.clear();
        flushing = true;
        Future.fromCompletionStage(store().cursors(batch), context).onComplete(r -> {
            flushing = false;
            if (r.failed()) {
                LOG.warn("webhook cursors not stored; trying again", r.cause());
                batch.forEach(dirtyCursors::putIfAbsent);
            }
        });
    }

    /** One attempt's outcome, as {@code GET …/deliveries} lists it. */
    record Attempt(String eventId, int attempt, long atMs, Integer statusCode, String error, long durationMs,
                   long retryAfterMs) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        String result() {
            if (succeeded()) return "success";
            if (statusCode == null) return error.startsWith("timeout") ? "timeout" : "error";
            return statusCode == 410 ? "gone" : "failure";
        }

        JsonObject json() {
            JsonObject json = new JsonObject().put("event_id", eventId).put("attempt", attempt)
                    .put("at", Instant.ofEpochMilli(atMs).toString());
            if (statusCode != null) json.put("status_code", statusCode);
            if (error != null) json.put("error", error);
            return json.put("duration_ms", durationMs);
        }
    }

    /** POSTs {@code body} signed; always completes (a failure is an attempt with its error). On the context. */
    private Future<Attempt> send(Webhook w, String eventId, String body, int attempt) {
        long startMs = clockMs.getAsLong();
        long startNs = System.nanoTime();
        RequestOptions options = w.request();
        long timestampS = startMs / 1000;
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = signer.signature(eventId, timestampS, body, bodyBytes, w.hmac());
        Promise<Attempt> done = Promise.promise();
        HttpClientRequest[] request = new HttpClientRequest[1];
        long timer = vertx.setTimer(TIMEOUT_MS, t -> {
            done.tryComplete(new Attempt(eventId, attempt, startMs, null, "timeout after " + TIMEOUT_MS + " ms",
                    elapsedMs(startNs), -1));
            if (request[0] != null) request[0].reset();
        });
        target(w)
                .compose(address -> http.request(address == null ? options : options.setServer(
                        SocketAddress.inetSocketAddress(new InetSocketAddress(address, port(options))))))
                .compose(req -> {
                    request[0] = req;
                    req.putHeader("content-type", "application/json").putHeader("user-agent", "mlml-ledger")
                            .putHeader("webhook-id", eventId).putHeader("webhook-timestamp", Long.toString(timestampS))
                            .putHeader("webhook-signature", signature);
                    return req.send(Buffer.buffer(bodyBytes));
                })
                .compose(resp -> resp.body().map(ignored -> resp))
                .onComplete(r -> {
                    vertx.cancelTimer(timer);
                    if (r.succeeded()) {
                        done.tryComplete(new Attempt(eventId, attempt, startMs, r.result().statusCode(), null,
                                elapsedMs(startNs), retryAfterMs(r.result().getHeader("retry-after"))));
                    } else {
                        String error = r.cause().getMessage();
                        done.tryComplete(new Attempt(eventId, attempt, startMs, null,
                                error == null ? r.cause().getClass().getSimpleName() : error, elapsedMs(startNs), -1));
                    }
                });
        return done.future();
    }

    /** The port a request goes to: its URL's, or its scheme's. */
    private static int port(RequestOptions options) {
        Integer port = options.getPort();
        return port != null && port > 0 ? port : Boolean.TRUE.equals(options.isSsl()) ? 443 : 80;
    }

    private static long elapsedMs(long startNs) {
        return (System.nanoTime() - startNs) / 1_000_000;
    }

    /** {@code Retry-After} in seconds or as an HTTP date; -1 when absent or unreadable. */
    static long retryAfterMs(String header) {
        if (header == null) return -1;
        String v = header.trim();
        try {
            return Math.max(0, Long.parseLong(v)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                return Math.max(0, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                        .toEpochMilli() - System.currentTimeMillis());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }

    /** Stores the cursors not yet stored; the service calls this as it stops. */
    public void close() throws Exception {
        on(() -> {
            flushing = false;
            flushCursors();
            return null;
        }).toCompletionStage().toCompletableFuture().get();
        http.close();
    }
}
