package fr.mlml.ledger;

import fr.mlml.ledger.api.ApiMetrics;
import fr.mlml.ledger.api.ApiVerticle;
import fr.mlml.ledger.api.LedgerApi;
import fr.mlml.ledger.config.FecChart;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.engine.Engine;
import fr.mlml.ledger.events.EventDeriver;
import fr.mlml.ledger.events.EventFeed;
import fr.mlml.ledger.events.WebhookSigner;
import fr.mlml.ledger.events.Webhooks;
import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.pg.PgJournal;
import fr.mlml.ledger.web.WebApps;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The running service: the journal, the engine recovered from it, and the HTTP API on one event loop per core.
 * {@link #close} stops in the order that loses nothing: no new requests, the engine finishes the batches in flight,
 * then the journal closes.
 */
public final class LedgerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);
    /** How often the tokens' last uses are journaled: what a crash may lose of them. */
    private static final long TOKEN_USE_PERIOD_MS = 60_000;

    private final Vertx vertx;
    private final Engine engine;
    private final String deployment;
    private final int port;
    private final Webhooks webhooks;
    private final ApiMetrics metrics;
    private final LedgerApi api;

    private LedgerService(Vertx vertx, Engine engine, String deployment, int port, Webhooks webhooks,
                          ApiMetrics metrics, LedgerApi api) {
        this.api = api;
        this.vertx = vertx;
        this.metrics = metrics;
        this.webhooks = webhooks;
        this.engine = engine;
        this.deployment = deployment;
        this.port = port;
    }

    /** With the FEC chart that {@link FecChart#of} gives the configuration when its file has no {@code fec} section. */
    public static LedgerService start(ServiceSettings settings, LedgerConfig config) throws Exception {
        return start(settings, config, FecChart.of(null, config));
    }

    public static LedgerService start(ServiceSettings settings, LedgerConfig config, FecChart chart)
            throws Exception {
        Files.createDirectories(settings.dataDir());
        LedgerKey key = LedgerKey.loadOrCreate(settings.dataDir());
        WebhookSigner webhookSigner = new WebhookSigner(LedgerKey.loadOrCreate(settings.dataDir(),
                WebhookSigner.KEY_FILE));
        // epoll where its native library loads (Linux x86-64): fewer system calls per request than NIO.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        LOG.info("network transport: {}", vertx.isNativeTransportEnabled() ? "epoll" : "NIO");
        // What no handler caught on an event loop: an Error stops the process (FailStop), anything else is logged.
        vertx.exceptionHandler(e -> {
            FailStop.onError(e);
            LOG.error("unhandled on an event loop", e);
        });
        Engine engine = null;
        try {
            AtomicReference<Journal> current = new AtomicReference<>();
            Supplier<Journal> journals = () -> {
                Journal j = settings.storage() == ServiceSettings.Storage.POSTGRES
                        ? new PgJournal(vertx, settings.pgUrl(), key) : new FileJournal(settings.dataDir(), key);
                current.set(j);
                return j;
            };
            ApiMetrics metrics = new ApiMetrics();
            // The engine recovers on its own thread while the HTTP port opens: a standby waiting for the writer's
            // lock answers /health (alive) and /ready (503) meanwhile.
            EventFeed events = new EventFeed(EventFeed.DEFAULT_RING);
            engine = Engine.open(config, journals, System::currentTimeMillis, settings.queueCapacity(),
                    Engine.SNAPSHOT_EVERY_COMMANDS, metrics, new EventDeriver(LedgerApi.eventViews(), events));
            AdminToken.Resolved admin = AdminToken.resolve(settings.adminToken(), settings.dataDir());
            LedgerApi api = new LedgerApi(engine, current::get, key.publicKeyBase64url(), metrics, admin.token(),
                    settings.rateLimitPerSecond(), settings.rejectedIdsPerSecond(), events, settings.http(), chart);
            // A negative port makes Vert.x pick one random port that every instance shares (port 0: one each).
            int listen = settings.httpPort() == 0 ? -1 : settings.httpPort();
            List<ApiVerticle> verticles = new CopyOnWriteArrayList<>();
            // HTTP/1.1 only: no clear-text upgrade to HTTP/2, whose many requests per connection the guard of
            // ApiVerticle does not count.
            HttpServerOptions http = new HttpServerOptions().setHttp2ClearTextEnabled(false)
                    .setIdleTimeout(settings.http().idleTimeoutS()).setIdleTimeoutUnit(TimeUnit.SECONDS);
            AtomicInteger connections = new AtomicInteger();
            metrics.gaugeHttpHeld(connections::get, api::bufferedBodyBytes);
            if (settings.tls()) {
                http.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(settings.tlsCert().toString()).setKeyPath(settings.tlsKey().toString()));
            }
            String deployment = vertx.deployVerticle(() -> {
                ApiVerticle v = new ApiVerticle(api, listen, http, settings.http(), connections, WebApps::mount);
                verticles.add(v);
                return v;
            }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
            int port = verticles.get(0).actualPort();
            LOG.info("data directory {}", settings.dataDir().toAbsolutePath());
            LOG.info("storage: {}", settings.storage() == ServiceSettings.Storage.POSTGRES
                    ? "PostgreSQL" : "file journal in " + settings.dataDir().resolve("journal").toAbsolutePath());
            LOG.info("admin token: from {}", admin.source());
            warnIfOthersCanRead(settings.dataDir().resolve(AdminToken.FILE_NAME));
            warnIfOthersCanRead(settings.dataDir().resolve(LedgerKey.FILE_NAME));
            warnIfOthersCanRead(settings.dataDir().resolve(WebhookSigner.KEY_FILE));
            LOG.info("listening on {}://0.0.0.0:{}/ (API under /v1, back office at /office/, till at /till/, "
                    + "health at /health){}",
                    settings.tls() ? "https" : "http", port, settings.tls() ? ", certificate " + settings.tlsCert().toAbsolutePath() : "");
            engine.awaitRecovered();
            Webhooks webhooks = Webhooks.start(vertx, events, current::get, webhookSigner,
                    settings.webhookAllowPrivate(), settings.webhookDeliveriesPerSecond(),
                    System::currentTimeMillis);
            api.load(webhooks, settings.publicUrl() != null ? settings.publicUrl()
                    : (settings.tls() ? "https" : "http") + "://localhost:" + port);
            vertx.setPeriodic(TOKEN_USE_PERIOD_MS, timer -> api.recordTokenUse());
            LOG.info("ready: the ledger is recovered");
            return new LedgerService(vertx, engine, deployment, port, webhooks, metrics, api);
        } catch (Exception e) {
            if (engine != null) {
                try {
                    engine.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            vertx.close();
            throw e;
        }
    }

    /** Secrets are created readable by their owner only; a copy made since (a backup, a standby's key) may not be. */
    private static void warnIfOthersCanRead(Path secret) throws IOException {
        if (!Files.exists(secret)) return;
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(secret);
        modes.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        if (!modes.isEmpty()) {
            LOG.warn("{} can be read by other users of this machine ({}): chmod 600 it", secret.toAbsolutePath(),
                    modes);
        }
    }

    public int port() {
        return port;
    }

    /** What {@code /metrics} shows, read in the process. */
    public ApiMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() throws Exception {
        vertx.undeploy(deployment).await();
        api.recordTokenUse();
        webhooks.close();
        engine.close();
        vertx.close().await();
        LOG.info("stopped");
    }
}
