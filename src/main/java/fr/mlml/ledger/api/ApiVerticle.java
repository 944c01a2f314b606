package fr.mlml.ledger.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** One event loop's HTTP server; deployed once per core, all on the same port (Vert.x spreads connections). */
public final class ApiVerticle extends VerticleBase {
    private final LedgerApi api;
    private final int port;

    public ApiVerticle(LedgerApi api, int port) {
        this.api = api;
        this.port = port;
    }

    private volatile int actualPort;

    @Override
    public Future<?> start() {
        return vertx.createHttpServer().requestHandler(api.router(vertx)).listen(port)
                .onSuccess(server -> actualPort = server.actualPort());
    }

    /** The port bound, once started (the one chosen when asked for a random one). */
    public int actualPort() {
        return actualPort;
    }
}
