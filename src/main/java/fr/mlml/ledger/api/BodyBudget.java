package fr.mlml.ledger.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bodies held in memory at once, all event loops together, bounded: a request reserves its body's size
 * (its {@code Content-Length}, or the largest body when it comes in chunks) before any of it is read, and gives it
 * back once answered. Members holding half-sent bodies then cost at most the bound, and others get 503.
 */
final class BodyBudget {
    private final long max;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long max) {
        this.max = max;
    }

    /** Reserves room for the request's body until it is answered; false, reserving nothing, past the bound. */
    boolean reserve(RoutingContext ctx) {
        long bytes = expected(ctx.request());
        if (bytes == 0) return true;
        if (held.addAndGet(bytes) > max) {
            held.addAndGet(-bytes);
            return false;
        }
        ctx.addEndHandler(done -> held.addAndGet(-bytes));
        return true;
    }

    /** The bytes reserved now. */
    long held() {
        return held.get();
    }

    /** What the body may take: a declared length over the limit takes nothing, as the body handler refuses it. */
    private static long expected(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) ? LedgerApi.MAX_BODY_BYTES : 0;
        }
        try {
            long declared = Long.parseLong(length.trim());
            return declared < 0 || declared > LedgerApi.MAX_BODY_BYTES ? 0 : declared;
        } catch (NumberFormatException e) {
            return LedgerApi.MAX_BODY_BYTES;
        }
    }
}
