package fr.mlml.ledger.api;

import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.engine.Engine;
import fr.mlml.ledger.journal.Journal;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP API v1 (DESIGN.md §6) over one engine: what every event loop shares (the token and key tables, the rate
 * limiter, the metrics) and how each builds its router.
 */
public final class LedgerApi {
    static final long MAX_BODY_BYTES = 1 << 20;

    private final LedgerAccess ledger;
    private final Supplier<Journal> journal;
    private final String ledgerPublicKey;
    private final ApiMetrics metrics;
    private final Tokens tokens = new Tokens();
    private final SigningKeys keys = new SigningKeys();
    private final RateLimiter limiter;

    /**
     * Loads the ledger's tokens and keys (the engine has recovered, so they are all there) and adds the first admin
     * token, which is configuration rather than ledger state.
     */
    public LedgerApi(Engine engine, Supplier<Journal> journal, String ledgerPublicKey, ApiMetrics metrics,
                     String adminToken, double ratePerSecond) throws Exception {
        this.ledger = new LedgerAccess(engine);
        this.journal = journal;
        this.ledgerPublicKey = ledgerPublicKey;
        this.metrics = metrics;
        this.limiter = new RateLimiter(ratePerSecond);
        List<TokenView> registered = engine.read(Ledger::tokens).get(30, TimeUnit.SECONDS);
        registered.forEach(tokens::add);
        List<SigningKeyView> signingKeys = engine.read(Ledger::signingKeys).get(30, TimeUnit.SECONDS);
        signingKeys.forEach(keys::put);
        tokens.addBootstrapAdmin(adminToken);
        metrics.gaugeQueueDepth(engine::queueDepth);
        metrics.countJournalBytes(() -> journal.get().bytesWritten());
    }

    /** One router per event loop; the state behind it is shared. */
    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        Routes routes = new Routes(router, tokens, limiter, metrics);
        SignedRequests signatures = new SignedRequests(keys);
        new MemberHandlers(ledger).register(routes);
        new CredentialHandlers(ledger, tokens, keys).register(routes);
        new AccountHandlers(ledger).register(routes);
        new TransferHandlers(ledger, signatures, metrics).register(routes);
        new PaymentRequestHandlers(ledger).register(routes);
        new ConversionHandlers(ledger, signatures).register(routes);
        new AuditHandlers(ledger, journal, ledgerPublicKey).register(routes);
        new HistoryHandlers(ledger, journal).register(routes);
        new ExportHandlers(ledger, journal).register(routes);
        new OpsHandlers(ledger, metrics).register(routes);
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
