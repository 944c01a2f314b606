package fr.mlml.ledger.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.VerticleBase;

/** One event loop's HTTP server; deployed once per core, all on the same port (Vert.x spreads connections). */
public final class ApiVerticle extends VerticleBase {
    private final LedgerApi api;
    private final int port;
    private final HttpServerOptions options;

    /** {@code options} carry TLS when it is configured. */
    public ApiVerticle(LedgerApi api, int port, HttpServerOptions options) {
        this.api = api;
        this.port = port;
        this.options = options;
    }

    private volatile int actualPort;

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options).requestHandler(api.router(vertx)).listen(port)
                .onSuccess(server -> actualPort = server.actualPort());
    }

    /** The port bound, once started (the one chosen when asked for a random one). */
    public int actualPort() {
        return actualPort;
    }
}
