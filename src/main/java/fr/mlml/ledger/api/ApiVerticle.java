package fr.mlml.ledger.api;

import io.vertx.core.Future;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One event loop's HTTP server; deployed once per core, all on the same port (Vert.x spreads connections), its
 * connections held to {@link HttpLimits} by a {@link ConnectionGuard}.
 */
public final class ApiVerticle extends VerticleBase {
    private final LedgerApi api;
    private final int port;
    private final HttpServerOptions options;
    private final HttpLimits limits;
    private final AtomicInteger connections;
    private final Consumer<Router> pages;

    /**
     * {@code options} carry TLS when it is configured and the idle timeout, and speak HTTP/1.1 only (one request at
     * a time per connection is what the guard counts); {@code connections} counts those of every instance;
     * {@code pages} adds the browser apps' routes to each router.
     */
    public ApiVerticle(LedgerApi api, int port, HttpServerOptions options, HttpLimits limits,
                       AtomicInteger connections, Consumer<Router> pages) {
        this.api = api;
        this.port = port;
        this.options = options;
        this.limits = limits;
        this.connections = connections;
        this.pages = pages;
    }

    private volatile int actualPort;

    @Override
    public Future<?> start() {
        ConnectionGuard guard = new ConnectionGuard(limits, connections);
        vertx.setPeriodic(guard.sweepPeriodMs(), timer -> guard.sweep());
        return vertx.createHttpServer(options).connectionHandler(guard::opened)
                .requestHandler(api.router(vertx, guard, pages))
                .invalidRequestHandler(ApiVerticle::invalid).listen(port)
                .onSuccess(server -> actualPort = server.actualPort());
    }

    /**
     * A request the HTTP decoder could not read (headers or request line too long, bad syntax): a problem too, then
     * the connection closes, as the decoder's state is unknown.
     */
    private static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        boolean tooLong = cause instanceof TooLongHttpHeaderException || cause instanceof TooLongHttpLineException;
        int status = cause instanceof TooLongHttpHeaderException ? 431 : cause instanceof TooLongHttpLineException
                ? 414 : 400;
        Problems.send(request.response().putHeader("Connection", "close"), new ApiProblem(status,
                tooLong ? "too_large" : "invalid_request", tooLong ? "the request's headers or line are too long"
                : "the request is not valid HTTP", null, 0));
    }

    /** The port bound, once started (the one chosen when asked for a random one). */
    public int actualPort() {
        return actualPort;
    }
}
