package fr.mlml.ledger.api;

import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.engine.EngineUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Puts every route of the API behind the same gate, in order: a valid token (401), the token's rate (429), a role
 * the route admits (403), then the endpoint; and turns every refusal or engine failure into a problem answer.
 * Routes that look at the resource (its owner, its parties) refine the role check in the endpoint.
 */
final class Routes {
    static final Set<TokenRole> ANY = EnumSet.allOf(TokenRole.class);
    static final Set<TokenRole> ADMIN = EnumSet.of(TokenRole.ADMIN);
    static final Set<TokenRole> READERS = EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR);
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final Router router;
    private final Tokens tokens;
    private final RateLimiter limiter;
    private final ApiMetrics metrics;

    Routes(Router router, Tokens tokens, RateLimiter limiter, ApiMetrics metrics) {
        this.router = router;
        this.tokens = tokens;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    void add(HttpMethod method, String path, Set<TokenRole> roles, Endpoint endpoint) {
        route(method, path, ctx -> endpoint.handle(new Call(ctx, admit(ctx, roles))));
    }

    /** A route anyone may call, without a token (health, readiness, metrics, the API description). */
    void open(HttpMethod method, String path, Endpoint endpoint) {
        route(method, path, ctx -> endpoint.handle(new Call(ctx, null)));
    }

    private void route(HttpMethod method, String path, Function<RoutingContext, Future<Reply>> handler) {
        router.route(method, path).handler(ctx -> {
            metrics.timeRequest(ctx, path);
            Future<Reply> reply;
            try {
                reply = handler.apply(ctx);
            } catch (RuntimeException e) {
                reply = Future.failedFuture(e);
            }
            reply.onComplete(r -> {
                if (r.succeeded()) send(ctx.response(), r.result());
                else if (!ctx.response().headWritten()) fail(ctx, r.cause());
                else LOG.warn("{} {} failed after its answer began", ctx.request().method(), path, r.cause());
            });
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

    static void fail(RoutingContext ctx, Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ApiProblem problem;
        if (e instanceof ApiProblem p) {
            problem = p;
        } else if (e instanceof EngineUnavailableException u) {
            problem = new ApiProblem(503, u.overloaded ? "overloaded" : "unavailable", u.getMessage(), null, 1);
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            problem = new ApiProblem(500, "internal_error", "the request could not be completed", null, 0);
        }
        Problems.send(ctx.response(), problem);
    }
}
