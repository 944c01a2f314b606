package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code events}: while the batch load runs, a feed consumer (long polls of {@code GET /v1/events}, 1,000 a page, as
 * the back office) and a webhook receiver on 127.0.0.1 (answering 204 at once) keep up. Phases, one after the other
 * on one service: the load with no endpoint (the feed's rate and lag, the load's throughput); one endpoint at about
 * 1,000 transfers/s (one batch a second, after as many seconds of warm-up as the load phases have: its lag); the
 * load with that endpoint (what one endpoint receives per second); then {@code --pairs} times the load with 100
 * endpoints disabled and with them enabled (their deliveries per second, the load's throughput: the loss is from
 * the medians of the alternated runs, so a drift of the machine does not pass for it). Lag is the time from an
 * event's {@code timestamp} to its arrival here. The feed's reader and the receiver stand for programs of their
 * own (the back office, a business's software): each runs on an event loop of its own, so that neither waits behind
 * the generator's requests nor behind the other. Prints one JSON line last.
 */
final class EventsRun {
    private static final int PER_REQUEST = 1_000;

    private final Api api;
    private final Vertx feedVertx;
    private final Api feedApi;
    private final String admin;
    private final String[] tokens;
    private final List<Workload.Signed> signed;
    private final double warmupS;
    private final double seconds;
    private final int concurrency;
    private final int pairs;
    private int used;

    private final AtomicLong feedRead = new AtomicLong();
    private final Recorder feedLagMs = new Recorder(3);
    private final AtomicLong delivered = new AtomicLong();
    private final Recorder deliveryLagMs = new Recorder(3);
    private volatile boolean feeding = true;

    private EventsRun(Main.Prepared prepared, Vertx feedVertx, Args options, int concurrency) {
        this.api = prepared.api();
        this.feedVertx = feedVertx;
        this.feedApi = new Api(feedVertx, Integer.parseInt(options.required("port")), 1, 1);
        this.admin = prepared.adminToken();
        this.tokens = prepared.population().tokens;
        this.signed = prepared.signed();
        this.warmupS = options.decimal("warmup", 5);
        this.seconds = options.decimal("seconds", 10);
        this.concurrency = concurrency;
        this.pairs = options.integer("pairs", 3);
    }

    static int main(Args options) throws Exception {
        int concurrency = options.integer("concurrency", 16);
        int eventLoops = options.integer("event-loops", 2);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        Vertx backOffice = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Vertx business = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        ObjectNode line = Api.JSON.createObjectNode().put("scenario", "events").put("mix", "hot")
                .put("transfers_per_request", PER_REQUEST).put("concurrency", concurrency);
        try {
            Main.Prepared prepared = Main.prepare(vertx, options, concurrency, eventLoops,
                    options.integer("requests", 6_000), PER_REQUEST, true, 20261202L);
            EventsRun run = new EventsRun(prepared, backOffice, options, concurrency);
            HttpServer receiver = run.receiver(business);
            run.feed(0);
            String url = "http://127.0.0.1:" + receiver.actualPort() + "/hook/";

            Window none = run.load();
            List<String> endpoints = new ArrayList<>(run.endpoints(url, 0, 1));
            Window paced = run.paced();
            Window one = run.load();
            endpoints.addAll(run.endpoints(url, 1, 100));
            List<Window> off = new ArrayList<>();
            List<Window> on = new ArrayList<>();
            for (int i = 0; i < run.pairs; i++) {
                run.disable(endpoints, true);
                off.add(run.load());
                run.disable(endpoints, false);
                on.add(run.load());
            }
            run.feeding = false;
            long offMedian = median(off.stream().mapToLong(Window::transfersPerS).toArray());
            long onMedian = median(on.stream().mapToLong(Window::transfersPerS).toArray());
            long deliveredMedian = median(on.stream().mapToLong(Window::deliveredPerS).toArray());

            line.put("feed_events_per_s", none.feedPerS()).put("feed_lag_p99_ms", none.feedLagP99Ms)
                    .put("transfers_per_s_0_endpoints", none.transfersPerS)
                    .put("one_endpoint_lag_p99_ms_at_1000_transfers_per_s", paced.deliveryLagP99Ms)
                    .put("one_endpoint_events_per_s_at_1000_transfers_per_s", paced.deliveredPerS())
                    .put("one_endpoint_events_per_s_under_load", one.deliveredPerS())
                    .put("one_endpoint_lag_p99_ms_under_load", one.deliveryLagP99Ms)
                    .put("transfers_per_s_1_endpoint", one.transfersPerS)
                    .put("hundred_endpoints_events_per_s_total", deliveredMedian)
                    .put("hundred_endpoints_events_per_s_each", deliveredMedian / 100)
                    .put("hundred_endpoints_lag_p99_ms", on.get(on.size() - 1).deliveryLagP99Ms)
                    .put("transfers_per_s_100_endpoints_disabled", offMedian)
                    .put("transfers_per_s_100_endpoints", onMedian)
                    .put("throughput_loss_100_endpoints_pct", offMedian == 0 ? 0
                            : Math.round(1000.0 * (offMedian - onMedian) / offMedian) / 10.0)
                    .put("seconds_per_phase", run.seconds).put("warmup_s", run.warmupS);
            line.putPOJO("transfers_per_s_100_endpoints_disabled_runs", off.stream().map(Window::transfersPerS).toList());
            line.putPOJO("transfers_per_s_100_endpoints_runs", on.stream().map(Window::transfersPerS).toList());
            JsonNode books = prepared.api().expect(200, HttpMethod.GET, "/v1/reconciliation", run.admin, null);
            boolean ok = books.get("invariants_ok").asBoolean();
            line.put("checks", ok ? "ok" : "failed");
            System.out.println(Api.JSON.writeValueAsString(line));
            return ok ? 0 : 1;
        } finally {
            vertx.close();
            backOffice.close();
            business.close();
        }
    }

    /** What one phase measured over its window (after its warm-up). */
    record Window(double seconds, long transfersPerS, long feedRead, long feedLagP99Ms, long delivered,
                  long deliveryLagP99Ms) {
        long feedPerS() {
            return Math.round(feedRead / seconds);
        }

        long deliveredPerS() {
            return Math.round(delivered / seconds);
        }
    }

    /** Answers every delivery 204 at once, noting its lag. */
    private HttpServer receiver(Vertx vertx) {
        return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            delivered.incrementAndGet();
            deliveryLagMs.recordValue(lagMs(body.toString()));
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    /** Milliseconds from the event's timestamp (its first {@code "timestamp"}: data comes after) to now. */
    private static long lagMs(String event) {
        int at = event.indexOf("\"timestamp\":\"") + 13;
        long ms = System.currentTimeMillis() - Instant.parse(event.substring(at, event.indexOf('"', at))).toEpochMilli();
        return Math.max(0, ms);
    }

    /** Reads the feed page after page, waiting for more at its head, until the run ends. */
    private void feed(long after) {
        if (!feeding) return;
        feedApi.send(HttpMethod.GET, "/v1/events?limit=1000&wait_s=5&after=" + after, admin, null).onComplete(r -> {
            if (r.failed() || r.result().status() != 200) {
                if (!feeding) return;
                // As a consumer would: say so, and ask again from where it was.
                System.err.println("the feed answered " + (r.failed() ? r.cause() : r.result().body()));
                feedVertx.setTimer(100, t -> feed(after));
                return;
            }
            JsonNode page = Api.read(r.result().body());
            long now = System.currentTimeMillis();
            for (JsonNode e : page.get("items")) {
                feedLagMs.recordValue(Math.max(0, now - Instant.parse(e.get("timestamp").asText()).toEpochMilli()));
            }
            feedRead.addAndGet(page.get("items").size());
            feed(page.get("next").asLong());
        });
    }

    /** Endpoints {@code from} to {@code to} (exclusive), receiving every event from the head on; their ids. */
    private List<String> endpoints(String url, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(api.expect(201, HttpMethod.POST, "/v1/webhooks", admin, Map.of("url", url + i)).get("id").asText());
        }
        return ids;
    }

    /** Disables the endpoints (their cursors stay), or enables them again: they go on from where they were. */
    private void disable(List<String> ids, boolean disabled) {
        for (String id : ids) {
            api.expect(200, HttpMethod.PATCH, "/v1/webhooks/" + id, admin,
                    Map.of("status", disabled ? "disabled" : "active"));
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The load at full speed for the warm-up and the measured seconds, on the requests not yet sent. */
    private Window load() throws InterruptedException {
        Snapshot start = new Snapshot();
        Window[] measured = new Window[1];
        LoadRun run = new LoadRun(api, signed.subList(used, signed.size()), tokens, warmupS, seconds);
        // The feed and the receivers counted over the load's own window: from its warm-up's end to its deadline.
        Thread window = new Thread(() -> {
            try {
                Thread.sleep((long) (warmupS * 1000));
                start.take();
                Thread.sleep((long) (seconds * 1000));
                measured[0] = start.window(seconds, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        window.start();
        run.run(concurrency);
        window.join();
        used += run.sent;
        if (used == signed.size()) System.err.println("every pre-signed request was sent: raise --requests");
        Tally tally = new Tally(run, 1, 1);
        Window w = measured[0];
        return new Window(w.seconds(), Math.round(tally.createdInWindow / run.measuredSeconds()), w.feedRead(),
                w.feedLagP99Ms(), w.delivered(), w.deliveryLagP99Ms());
    }

    /**
     * One request of 1,000 transfers a second for the warm-up seconds, then for the measured seconds: about 1,000
     * transfers/s. The warm-up lets the deliveries' code be compiled, as the load phases' warm-up does for theirs.
     */
    private Window paced() throws InterruptedException {
        paced((int) Math.ceil(warmupS));
        return paced((int) seconds);
    }

    private Window paced(int requests) throws InterruptedException {
        Snapshot start = new Snapshot();
        start.take();
        CountDownLatch answered = new CountDownLatch(requests);
        long created = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            Workload.Signed request = signed.get(used++);
            api.send(HttpMethod.POST, "/v1/transfers", tokens[request.member()], request.body())
                    .onComplete(r -> answered.countDown());
            created += request.transfers();
            Thread.sleep(Math.max(0, (i + 1) * 1000L - (System.nanoTime() - t0) / 1_000_000));
        }
        answered.await();
        return start.window((System.nanoTime() - t0) / 1e9, Math.round(created / ((System.nanoTime() - t0) / 1e9)));
    }

    /** The counters at a window's start. */
    private final class Snapshot {
        long feedRead;
        long delivered;

        void take() {
            feedRead = EventsRun.this.feedRead.get();
            delivered = EventsRun.this.delivered.get();
            feedLagMs.reset();
            deliveryLagMs.reset();
        }

        Window window(double seconds, long transfersPerS) {
            Histogram feed = feedLagMs.getIntervalHistogram();
            Histogram delivery = deliveryLagMs.getIntervalHistogram();
            return new Window(seconds, transfersPerS, EventsRun.this.feedRead.get() - feedRead,
                    feed.getValueAtPercentile(99), EventsRun.this.delivered.get() - delivered,
                    delivery.getValueAtPercentile(99));
        }
    }
}
