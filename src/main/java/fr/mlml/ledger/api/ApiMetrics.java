package fr.mlml.ledger.api;

import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.engine.BatchObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What {@code /metrics} shows, for Prometheus: requests by route template, method and status (count and latency),
 * transfers by result code, the engine's batches (size, drain-to-durable latency) and its queue depth.
 */
public final class ApiMetrics implements BatchObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchSize = DistributionSummary.builder("ledger_batch_submissions")
            .description("submissions per engine batch").register(registry);
    private final Timer batchLatency = Timer.builder("ledger_batch_durable")
            .description("from taking a batch off the queue to its being durable").register(registry);
    /** One counter per result code, made once: looking one up per transfer cost more than counting. */
    /** Held here: a function counter keeps its object only weakly, and a lambda nobody else holds is collected. */
    private LongSupplier journalBytes;
    private final Counter[] transfers = new Counter[ResultCode.values().length];

    public ApiMetrics() {
        new JvmMemoryMetrics().bindTo(registry); // heap and other pools: what overload does to memory
        for (ResultCode rc : ResultCode.values()) {
            transfers[rc.ordinal()] = registry.counter("ledger_transfers", "result", rc.code);
        }
    }

    /** Called by the engine thread for every durable batch. */
    @Override
    public void durable(int submissions, long elapsedNs) {
        batchSize.record(submissions);
        batchLatency.record(elapsedNs, TimeUnit.NANOSECONDS);
    }

    public void gaugeQueueDepth(IntSupplier depth) {
        Gauge.builder("ledger_engine_queue_depth", depth::getAsInt).description("submissions waiting for the engine")
                .register(registry);
    }

    /** What strangers and members hold of the service at once: its connections and the bodies it buffers. */
    public void gaugeHttpHeld(IntSupplier connections, LongSupplier bufferedBodyBytes) {
        Gauge.builder("ledger_http_connections_open", connections::getAsInt)
                .description("HTTP connections open, all event loops together").register(registry);
        Gauge.builder("ledger_http_buffered_body_bytes", bufferedBodyBytes::getAsLong).baseUnit("bytes")
                .description("request body bytes reserved in memory, all event loops together").register(registry);
    }

    /** One gauge's value as {@code /metrics} would show it, or NaN when there is no such gauge. */
    public double gauge(String name) {
        Gauge g = registry.find(name).gauge();
        return g == null ? Double.NaN : g.value();
    }

    /** The journal's durable bytes since it opened (a recovery opens a new journal: the counter starts again). */
    public void countJournalBytes(LongSupplier bytes) {
        journalBytes = bytes;
        FunctionCounter.builder("ledger_journal_written", this, m -> m.journalBytes.getAsLong()).baseUnit("bytes")
                .description("bytes the journal made durable").register(registry);
    }

    /** Times the request once its answer is written, under its route's template (never the raw path). */
    void timeRequest(RoutingContext ctx, String route) {
        long start = System.nanoTime();
        ctx.addBodyEndHandler(v -> Timer.builder("http_server_requests")
                .tag("route", route)
                .tag("method", ctx.request().method().name())
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    void transfer(ResultCode rc) {
        transfers[rc.ordinal()].increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
