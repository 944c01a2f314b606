package fr.mlml.ledger.api;

import fr.mlml.ledger.FailStop;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.engine.EngineUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Puts every route of the API behind the same gate, in order: a valid token (401), the token's rate (429), a role
 * the route admits (403), room for the body among those held in memory (503), then the body is read and the
 * endpoint runs; and turns every refusal or engine failure into a problem answer. All but the last step look at the
 * headers only: a request refused there has its body never read, so a stranger costs no memory. Routes that look at
 * the resource (its owner, its parties) refine the role check in the endpoint.
 */
final class Routes {
    static final Set<TokenRole> ANY = EnumSet.allOf(TokenRole.class);
    static final Set<TokenRole> ADMIN = EnumSet.of(TokenRole.ADMIN);
    static final Set<TokenRole> READERS = EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR);
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private static final String CALLER = "caller";

    private final Router router;
    private final Tokens tokens;
    private final RateLimiter limiter;
    private final ApiMetrics metrics;
    private final BodyBudget bodies;
    private final BodyHandler bodyHandler = BodyHandler.create(false).setBodyLimit(LedgerApi.MAX_BODY_BYTES);

    Routes(Router router, Tokens tokens, RateLimiter limiter, ApiMetrics metrics, BodyBudget bodies) {
        this.router = router;
        this.tokens = tokens;
        this.limiter = limiter;
        this.metrics = metrics;
        this.bodies = bodies;
    }

    void add(HttpMethod method, String path, Set<TokenRole> roles, Endpoint endpoint) {
        router.route(method, path).handler(gate(path, roles)).handler(bodyHandler)
                .handler(ctx -> answer(ctx, path, () -> endpoint.handle(new Call(ctx, ctx.get(CALLER)))));
    }

    /**
     * What is decided from the headers alone. It calls the body handler at once, on the event loop, so no byte of
     * the body arrives before that handler is there to read it; a security policy to Vert.x, which runs those before
     * body handlers.
     */
    private SecurityPolicyHandler gate(String path, Set<TokenRole> roles) {
        return ctx -> {
            metrics.timeRequest(ctx, path);
            try {
                ctx.put(CALLER, admit(ctx, roles));
                if (!bodies.reserve(ctx)) {
                    throw ApiProblem.overloaded("the service holds as many request bodies as it takes");
                }
            } catch (ApiProblem p) {
                fail(ctx, p);
                return;
            }
            ctx.next();
        };
    }

    /**
     * A route without a token whose body is read (a device enrolling with its code): an address out of attempts
     * ({@code perAddress}, which the endpoint charges) is refused, like a body past the budget, from the headers.
     */
    void anonymous(HttpMethod method, String path, RateLimiter perAddress, Endpoint endpoint) {
        router.route(method, path).handler((SecurityPolicyHandler) ctx -> {
            metrics.timeRequest(ctx, path);
            long wait = perAddress.waitFor(Call.address(ctx));
            if (wait > 0) {
                fail(ctx, new ApiProblem(429, "rate_limited", "too many attempts from this address", null, wait));
            } else if (!bodies.reserve(ctx)) {
                fail(ctx, ApiProblem.overloaded("the service holds as many request bodies as it takes"));
            } else {
                ctx.next();
            }
        }).handler(bodyHandler).handler(ctx -> answer(ctx, path, () -> endpoint.handle(new Call(ctx, null))));
    }

    /** A route anyone may call, without a token (health, readiness, the API description); its body is never read. */
    void open(HttpMethod method, String path, Endpoint endpoint) {
        router.route(method, path).handler(ctx -> {
            metrics.timeRequest(ctx, path);
            answer(ctx, path, () -> endpoint.handle(new Call(ctx, null)));
        });
    }

    private static void answer(RoutingContext ctx, String path, Supplier<Future<Reply>> endpoint) {
        Future<Reply> reply;
        try {
            reply = endpoint.get();
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        reply.onComplete(r -> {
            if (r.succeeded()) {
                send(ctx.response(), r.result());
            } else if (!ctx.response().headWritten()) {
                fail(ctx, r.cause());
            } else {
                FailStop.onError(unwrap(r.cause()));
                LOG.warn("{} {} failed after its answer began", ctx.request().method(), path, r.cause());
            }
        });
    }

    private Caller admit(RoutingContext ctx, Set<TokenRole> roles) {
        Caller caller = tokens.authenticate(ctx.request().getHeader("Authorization"));
        if (caller == null) throw ApiProblem.unauthorized();
        long wait = limiter.take(caller.handle());
        if (wait > 0) throw new ApiProblem(429, "rate_limited", "too many requests for this token", null, wait);
        if (!roles.contains(caller.role())) {
            throw ApiProblem.forbidden("a " + caller.role().code + " token may not do this");
        }
        return caller;
    }

    private static void send(HttpServerResponse response, Reply reply) {
        if (reply == Reply.STREAMED) return;
        response.setStatusCode(reply.status());
        if (reply.body() == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", reply.contentType()).end(reply.body());
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    static void fail(RoutingContext ctx, Throwable error) {
        Throwable e = unwrap(error);
        FailStop.onError(e);
        ApiProblem problem;
        if (e instanceof ApiProblem p) {
            problem = p;
        } else if (e instanceof EngineUnavailableException u) {
            problem = u.overloaded ? ApiProblem.overloaded(u.getMessage())
                    : new ApiProblem(503, "unavailable", u.getMessage(), null, 1);
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            problem = new ApiProblem(500, "internal_error", "the request could not be completed", null, 0);
        }
        Problems.send(ctx.response(), problem);
    }
}
