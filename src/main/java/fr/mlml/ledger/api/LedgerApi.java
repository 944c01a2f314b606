package fr.mlml.ledger.api;

import fr.mlml.ledger.config.FecChart;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.RecordTokenUse;
import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.engine.Engine;
import fr.mlml.ledger.events.EventFeed;
import fr.mlml.ledger.events.EventViews;
import fr.mlml.ledger.events.Webhooks;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP API v1 (DESIGN.md §6) over one engine: what every event loop shares (the token and key tables, the rate
 * limiter, the metrics) and how each builds its router.
 */
public final class LedgerApi {
    static final long MAX_BODY_BYTES = 1 << 20;
    /** Routes answered while the ledger recovers: a standby is alive, and says on /ready that it is not ready. */
    private static final Set<String> OPEN_BEFORE_LOADED = Set.of("/health", "/metrics", "/openapi.yaml");

    private final LedgerAccess ledger;
    private final Supplier<Journal> journal;
    private final String ledgerPublicKey;
    private final ApiMetrics metrics;
    /**
     * Failed enrollment attempts per client address: 10 at once, then one every 6 s; at most 100,000 addresses
     * tracked at once, so a stranger with many addresses costs bounded memory. (A code has 128 random bits.)
     */
    private final RateLimiter enrollments = new RateLimiter(1 / 6.0, 10, 100_000);
    private final Tokens tokens;
    private final SigningKeys keys = new SigningKeys();
    private final RateLimiter limiter;
    private final RejectionQuota rejections;
    private final BodyBudget bodies;
    /** The back-office lists being read now, all event loops together (see {@link ListHandlers}). */
    private final Semaphore lists = new Semaphore(ListHandlers.MAX_LISTS_AT_ONCE);
    private final Engine engine;
    private final EventFeed events;
    /** How often a quiet event stream writes a comment line. */
    private final long streamKeepAliveMs;
    private final FecChart chart;
    /** Set by {@link #load}: delivery starts once the ledger is recovered. */
    private volatile Webhooks webhooks;
    /** The address written in links (LEDGER_PUBLIC_URL, or this service's own): set by {@link #load}. */
    private volatile String publicUrl;
    /** Set once the tokens and keys are loaded: until then only the operations routes answer, the others 503. */
    private volatile boolean loaded;

    /**
     * Serves {@link #OPEN_BEFORE_LOADED} at once (the first admin token, configuration rather than ledger state,
     * reads {@code /metrics} meanwhile); every other route once {@link #load} has run.
     */
    public LedgerApi(Engine engine, Supplier<Journal> journal, String ledgerPublicKey, ApiMetrics metrics,
                     String adminToken, double ratePerSecond, double rejectedIdsPerSecond, EventFeed events,
                     HttpLimits http, FecChart chart) {
        this.events = events;
        this.streamKeepAliveMs = http.streamKeepAliveS() * 1000L;
        this.chart = chart;
        this.engine = engine;
        this.ledger = new LedgerAccess(engine);
        this.journal = journal;
        this.ledgerPublicKey = ledgerPublicKey;
        this.metrics = metrics;
        this.limiter = new RateLimiter(ratePerSecond);
        // A token revoked or expired takes its rate bucket with it: memory follows the live tokens.
        this.tokens = new Tokens(System::currentTimeMillis, limiter::forget);
        this.rejections = new RejectionQuota(rejectedIdsPerSecond);
        this.bodies = new BodyBudget(http.maxBufferedBytes());
        tokens.addBootstrapAdmin(adminToken);
        metrics.gaugeQueueDepth(engine::queueDepth);
        metrics.countJournalBytes(() -> {
            Journal j = journal.get();
            return j == null ? 0 : j.bytesWritten();
        });
    }

    /** The request body bytes held in memory now, all event loops together. */
    public long bufferedBodyBytes() {
        return bodies.held();
    }

    /** Loads the ledger's tokens and keys once the engine has recovered, and opens every route. */
    public void load(Webhooks webhooks, String publicUrl) throws Exception {
        this.webhooks = webhooks;
        this.publicUrl = publicUrl;
        List<TokenView> registered = engine.read(Ledger::tokens).get(30, TimeUnit.SECONDS);
        registered.forEach(tokens::add);
        List<SigningKeyView> signingKeys = engine.read(Ledger::signingKeys).get(30, TimeUnit.SECONDS);
        signingKeys.forEach(keys::put);
        loaded = true;
    }

    /**
     * Journals when tokens were last used since the previous call (DESIGN.md §6 {@code last_used_at}): the service
     * calls it every minute and when it stops, so a crash loses at most a minute of it, and no request writes.
     */
    public void recordTokenUse() {
        if (!loaded) return;
        for (RecordTokenUse c : tokens.takeUses()) engine.submit(c);
    }

    /** How events render their data: the API's own shapes. */
    public static EventViews eventViews() {
        return JsonViews.EVENTS;
    }

    /**
     * One router per event loop, behind its connections' guard; the state behind it is shared. {@code pages} adds
     * the browser apps' routes, which need no token and answer while the ledger is still starting.
     */
    Router router(Vertx vertx, ConnectionGuard connections, Consumer<Router> pages) {
        Router router = Router.router(vertx);
        router.route().handler(connections::admit);
        // A client gone while its body was read (or closed by the request timeout) has nothing left to be answered.
        router.route().failureHandler(ctx -> {
            if (!(ctx.failure() instanceof HttpClosedException)) ctx.next();
        });
        pages.accept(router);
        router.route().handler(ctx -> {
            if (loaded || OPEN_BEFORE_LOADED.contains(ctx.normalizedPath())) {
                ctx.next();
            } else {
                boolean probe = ctx.normalizedPath().equals("/ready");
                Problems.send(ctx.response(), new ApiProblem(503, probe ? "not_ready" : "unavailable",
                        "the ledger is starting", null, 1));
            }
        });
        Routes routes = new Routes(router, tokens, limiter, metrics, bodies);
        SignedRequests signatures = new SignedRequests(keys);
        // Transfers first: the router tries routes in order, and each route with a path parameter is a regular
        // expression to run (3% of the event loops' time before, when every payment passed the others' first).
        new TransferHandlers(ledger, signatures, metrics, rejections).register(routes);
        new MemberHandlers(ledger).register(routes);
        new CredentialHandlers(ledger, tokens, keys).register(routes);
        new EnrollmentHandlers(ledger, tokens, keys, enrollments, () -> publicUrl).register(routes);
        new AccountHandlers(ledger).register(routes);
        new ListHandlers(ledger, lists).register(routes);
        new PaymentRequestHandlers(ledger, () -> publicUrl).register(routes);
        new ConversionHandlers(ledger, signatures, rejections).register(routes);
        new AuditHandlers(ledger, journal, ledgerPublicKey, () -> webhooks, events::head).register(routes);
        new HistoryHandlers(ledger, journal).register(routes);
        new ExportHandlers(ledger, journal, chart).register(routes);
        new OpsHandlers(ledger, metrics, () -> webhooks == null ? "" : webhooks.prometheus()).register(routes);
        new EventHandlers(vertx, events, streamKeepAliveMs).register(routes);
        new WebhookHandlers(ledger, () -> webhooks).register(routes);
        // Refusals before any route: a path or query that does not percent-decode, a body the body handler cannot
        // read (a form content type).
        router.errorHandler(400, ctx -> Problems.send(ctx.response(), ApiProblem.invalid(null,
                "the request's path, query or body cannot be decoded (bodies are JSON, paths UTF-8 percent-encoded)")));
        router.errorHandler(413, ctx -> Problems.send(ctx.response(),
                new ApiProblem(413, "too_large", "the body exceeds " + MAX_BODY_BYTES + " bytes", null, 0)));
        router.errorHandler(404, ctx -> Problems.send(ctx.response(), ApiProblem.notFound("no such route")));
        router.errorHandler(405, ctx -> Problems.send(ctx.response(),
                new ApiProblem(405, "method_not_allowed", "this route does not take " + ctx.request().method(), null,
                        0)));
        router.errorHandler(500, ctx -> Routes.fail(ctx, ctx.failure()));
        return router;
    }
}
