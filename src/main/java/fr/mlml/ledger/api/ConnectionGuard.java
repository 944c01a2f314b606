package fr.mlml.ledger.api;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one event loop, held to {@link HttpLimits}: a request's headers within the header timeout and
 * the whole request within the request timeout, both counted from the connection's opening or its previous answer;
 * past either the connection is closed. Beyond the connection cap (all event loops together) a new connection gets
 * one answer and is closed: {@link #PROBES} are served, anything else 503 {@code overloaded}. The clocks are read by
 * one {@link #sweep} every {@link #sweepPeriodMs} on the event loop, so a request costs two field writes, not a timer.
 * Everything here runs on that one event loop.
 */
final class ConnectionGuard {
    /** What a supervisor or a load balancer asks: answered even past the cap. */
    private static final Set<String> PROBES = Set.of("/health", "/ready");

    private final HttpLimits limits;
    private final AtomicInteger open;
    private final long headerTimeoutNs;
    private final long requestTimeoutNs;
    private final Map<HttpConnection, Watch> watched = new HashMap<>();

    private static final class Watch {
        final HttpConnection connection;
        final boolean pastCap;
        /** When the connection opened or last answered: the start of both timeouts. */
        long sinceNs;
        /** The request being read or answered, null between requests. */
        HttpServerRequest request;

        Watch(HttpConnection connection, boolean pastCap, long sinceNs) {
            this.connection = connection;
            this.pastCap = pastCap;
            this.sinceNs = sinceNs;
        }
    }

    /** {@code open} counts the connections of every event loop. */
    ConnectionGuard(HttpLimits limits, AtomicInteger open) {
        this.limits = limits;
        this.open = open;
        this.headerTimeoutNs = TimeUnit.SECONDS.toNanos(limits.headerTimeoutS());
        this.requestTimeoutNs = TimeUnit.SECONDS.toNanos(limits.requestTimeoutS());
    }

    /** A quarter of the shorter timeout: a connection is closed at most that late. */
    long sweepPeriodMs() {
        return Math.max(50, TimeUnit.SECONDS.toMillis(limits.headerTimeoutS()) / 4);
    }

    /** The server's connection handler. */
    void opened(HttpConnection connection) {
        boolean pastCap = open.incrementAndGet() > limits.maxConnections();
        watched.put(connection, new Watch(connection, pastCap, System.nanoTime()));
        connection.closeHandler(v -> {
            watched.remove(connection);
            open.decrementAndGet();
        });
    }

    /** The router's first handler: the request's headers are in; past the cap, only a probe is served. */
    void admit(RoutingContext ctx) {
        Watch w = watched.get(ctx.request().connection());
        if (w == null) {
            ctx.next(); // closed meanwhile
            return;
        }
        w.request = ctx.request();
        ctx.addEndHandler(done -> {
            w.request = null;
            w.sinceNs = System.nanoTime();
            if (w.pastCap) w.connection.close();
        });
        if (w.pastCap && !PROBES.contains(ctx.normalizedPath())) {
            Problems.send(ctx.response().putHeader("Connection", "close"), ApiProblem.overloaded(
                    "the service holds as many connections as it takes"));
            return;
        }
        ctx.next();
    }

    /** Closes the connections past their header or request timeout. */
    void sweep() {
        long now = System.nanoTime();
        for (Watch w : new ArrayList<>(watched.values())) {
            long waited = now - w.sinceNs;
            boolean late = w.request == null ? waited > headerTimeoutNs
                    : !w.request.isEnded() && waited > requestTimeoutNs;
            if (late) w.connection.close();
        }
    }
}
