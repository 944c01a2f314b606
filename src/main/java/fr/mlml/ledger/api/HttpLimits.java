package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What a connection may cost the service before it has earned anything, so that strangers holding connections
 * open or half-sent cannot starve it (README, service settings):
 * <ul>
 * <li>{@code idleTimeoutS}: a connection on which nothing moves either way for this long is closed;</li>
 * <li>{@code headerTimeoutS}: a request's headers must be complete this long after the connection opened or its
 * previous answer was sent (a kept-alive connection waits no longer for its next request);</li>
 * <li>{@code requestTimeoutS}: the same for the whole request, body included;</li>
 * <li>{@code maxConnections}: beyond this many open connections, a new one gets one answer and is closed: its
 * {@code /health} or {@code /ready} normally, anything else 503 {@code overloaded} with {@code Retry-After};</li>
 * <li>{@code maxBufferedBytes}: request bodies read into memory at once, all connections together; a request
 * whose body would pass it is answered 503 {@code overloaded} before its body is read;</li>
 * <li>{@code streamKeepAliveS}: an event stream with nothing to send writes a comment line this often, so that
 * neither the idle timeout nor a proxy closes it: shorter than the idle timeout.</li>
 * </ul>
 */
public record HttpLimits(int idleTimeoutS, int headerTimeoutS, int requestTimeoutS, int maxConnections,
                         long maxBufferedBytes, int streamKeepAliveS) {
    public static final HttpLimits DEFAULTS = new HttpLimits(60, 10, 30, 4_096, 64L << 20, 15);

    public HttpLimits {
        if (idleTimeoutS < 1 || headerTimeoutS < 1 || requestTimeoutS < 1) {
            throw new IllegalArgumentException("the HTTP timeouts are whole seconds, at least 1");
        }
        if (headerTimeoutS > requestTimeoutS) {
            throw new IllegalArgumentException("the header timeout is part of the request timeout: at most as long");
        }
        if (maxConnections < 1) throw new IllegalArgumentException("the connection cap must admit one connection");
        if (streamKeepAliveS < 1 || streamKeepAliveS >= idleTimeoutS) {
            throw new IllegalArgumentException("the event stream's keep-alive is whole seconds, at least 1 and shorter "
                    + "than the idle timeout (which would close a quiet stream first)");
        }
        if (maxBufferedBytes < LedgerApi.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the buffered-body cap must hold one body of the largest size ("
                    + LedgerApi.MAX_BODY_BYTES + " bytes)");
        }
    }

    /** From the {@code service} section of the configuration, each setting overridden by its environment variable. */
    public static HttpLimits of(JsonObject service, Map<String, String> env) {
        return new HttpLimits(
                (int) setting(service, env, "http_idle_timeout_s", DEFAULTS.idleTimeoutS),
                (int) setting(service, env, "http_header_timeout_s", DEFAULTS.headerTimeoutS),
                (int) setting(service, env, "http_request_timeout_s", DEFAULTS.requestTimeoutS),
                (int) setting(service, env, "http_max_connections", DEFAULTS.maxConnections),
                setting(service, env, "http_max_buffered_bytes", DEFAULTS.maxBufferedBytes),
                (int) setting(service, env, "http_stream_keepalive_s", DEFAULTS.streamKeepAliveS));
    }

    /** {@code name} in the configuration, {@code LEDGER_NAME} in the environment. */
    private static long setting(JsonObject service, Map<String, String> env, String name, long absent) {
        String text = env.get("LEDGER_" + name.toUpperCase());
        long value = text != null ? Long.parseLong(text.trim()) : service.getLong(name, absent);
        if (value > Integer.MAX_VALUE && !name.endsWith("_bytes")) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
        return value;
    }
}
