package fr.mlml.ledger;

import fr.mlml.ledger.api.HttpLimits;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the service runs (DESIGN.md §7): the {@code service} section of {@code config/ledger.json}, each setting
 * overridable by its environment variable. {@code adminToken} is null when none is given (one is then generated).
 * {@code tlsCert} and {@code tlsKey} (PEM files: the certificate chain and its private key) turn TLS on for the HTTP
 * port; both or neither. {@code rejectedIdsPerSecond} is each member's quota of refused transfer ids
 * ({@code LEDGER_REJECTED_IDS_PER_S}): every refused id stays taken forever, so a member past it is answered 429
 * {@code too_many_rejections} until its quota refills. {@code webhookAllowPrivate}
 * ({@code LEDGER_WEBHOOK_ALLOW_PRIVATE=true}, for development and tests) lets webhooks call plain http:// and
 * private addresses. {@code http} bounds what connections may hold before they have earned anything
 * ({@code LEDGER_HTTP_…}). {@code publicUrl} ({@code LEDGER_PUBLIC_URL}) is the address printed in links and QR
 * codes, such as {@code enroll_url}; null for this service's own address on localhost.
 * {@code webhookDeliveriesPerSecond} ({@code LEDGER_WEBHOOK_DELIVERIES_PER_S}) is what all endpoints together may
 * be sent a second: payments come first, so deliveries catching up never take the ledger's processors from them.
 */
public record ServiceSettings(int httpPort, Path dataDir, Storage storage, String pgUrl, String adminToken,
                              double rateLimitPerSecond, int queueCapacity, Path tlsCert, Path tlsKey,
                              double rejectedIdsPerSecond, boolean webhookAllowPrivate, HttpLimits http,
                              String publicUrl, int webhookDeliveriesPerSecond) {
    /** Submissions waiting for the engine before requests are answered 503 {@code overloaded}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    /** Refused ids a second a member may cause on average (bursts of twice that): far above any honest till. */
    public static final double DEFAULT_REJECTED_IDS_PER_S = 200;
    /**
     * Webhook requests a second, all endpoints together: hundreds of times an association's busiest hour, and on two
     * cores at most a few percent of what the ledger could otherwise commit (BENCHMARKS.md, events).
     */
    public static final int DEFAULT_WEBHOOK_DELIVERIES_PER_S = 4_000;

    public enum Storage { FILE, POSTGRES }

    public ServiceSettings {
        if (storage == Storage.POSTGRES && (pgUrl == null || pgUrl.isBlank())) {
            throw new IllegalArgumentException("LEDGER_STORAGE=postgres needs LEDGER_PG_URL");
        }
        if (httpPort < 0 || httpPort > 65_535) throw new IllegalArgumentException("http port out of range: " + httpPort);
        if (!(rateLimitPerSecond > 0)) throw new IllegalArgumentException("the rate limit must be positive");
        if (!(rejectedIdsPerSecond > 0)) throw new IllegalArgumentException("the rejected-id quota must be positive");
        if (webhookDeliveriesPerSecond < 1) throw new IllegalArgumentException("webhooks need one delivery a second");
        if (queueCapacity < 1) throw new IllegalArgumentException("the engine queue needs room for one submission");
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both LEDGER_TLS_CERT and LEDGER_TLS_KEY, or neither");
        }
        if (publicUrl != null && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new IllegalArgumentException("LEDGER_PUBLIC_URL must be an http:// or https:// address, not "
                    + publicUrl);
        }
        if (publicUrl != null && publicUrl.endsWith("/")) publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
    }

    /** Settings with the default pace of webhook deliveries. */
    public ServiceSettings(int httpPort, Path dataDir, Storage storage, String pgUrl, String adminToken,
                           double rateLimitPerSecond, int queueCapacity, Path tlsCert, Path tlsKey,
                           double rejectedIdsPerSecond, boolean webhookAllowPrivate, HttpLimits http,
                           String publicUrl) {
        this(httpPort, dataDir, storage, pgUrl, adminToken, rateLimitPerSecond, queueCapacity, tlsCert, tlsKey,
                rejectedIdsPerSecond, webhookAllowPrivate, http, publicUrl, DEFAULT_WEBHOOK_DELIVERIES_PER_S);
    }

    /** Settings whose links name the service's own address. */
    public ServiceSettings(int httpPort, Path dataDir, Storage storage, String pgUrl, String adminToken,
                           double rateLimitPerSecond, int queueCapacity, Path tlsCert, Path tlsKey,
                           double rejectedIdsPerSecond, boolean webhookAllowPrivate, HttpLimits http) {
        this(httpPort, dataDir, storage, pgUrl, adminToken, rateLimitPerSecond, queueCapacity, tlsCert, tlsKey,
                rejectedIdsPerSecond, webhookAllowPrivate, http, null);
    }

    /** Settings where webhooks may call only public https:// URLs, with the default HTTP limits. */
    public ServiceSettings(int httpPort, Path dataDir, Storage storage, String pgUrl, String adminToken,
                           double rateLimitPerSecond, int queueCapacity, Path tlsCert, Path tlsKey,
                           double rejectedIdsPerSecond) {
        this(httpPort, dataDir, storage, pgUrl, adminToken, rateLimitPerSecond, queueCapacity, tlsCert, tlsKey,
                rejectedIdsPerSecond, false, HttpLimits.DEFAULTS);
    }

    public boolean tls() {
        return tlsCert != null;
    }

    public static ServiceSettings of(JsonObject service, Map<String, String> env) {
        String storage = env.getOrDefault("LEDGER_STORAGE", service.getString("storage", "file"));
        Storage kind = switch (storage) {
            case "file" -> Storage.FILE;
            case "postgres" -> Storage.POSTGRES;
            default -> throw new IllegalArgumentException("LEDGER_STORAGE must be file or postgres, not " + storage);
        };
        try {
            return new ServiceSettings(
                    Integer.parseInt(env.getOrDefault("LEDGER_HTTP_PORT", "" + service.getInteger("http_port", 8080))),
                    Path.of(env.getOrDefault("LEDGER_DATA_DIR", service.getString("data_dir", "data"))),
                    kind,
                    env.getOrDefault("LEDGER_PG_URL", service.getString("pg_url")),
                    env.get("LEDGER_ADMIN_TOKEN"),
                    Double.parseDouble(env.getOrDefault("LEDGER_RATE_LIMIT",
                            "" + service.getDouble("rate_limit_per_s", 1000.0))),
                    Integer.parseInt(env.getOrDefault("LEDGER_QUEUE_CAPACITY",
                            "" + service.getInteger("queue_capacity", DEFAULT_QUEUE_CAPACITY))),
                    path(env.getOrDefault("LEDGER_TLS_CERT", service.getString("tls_cert"))),
                    path(env.getOrDefault("LEDGER_TLS_KEY", service.getString("tls_key"))),
                    Double.parseDouble(env.getOrDefault("LEDGER_REJECTED_IDS_PER_S",
                            "" + service.getDouble("rejected_ids_per_s", DEFAULT_REJECTED_IDS_PER_S))),
                    Boolean.parseBoolean(env.getOrDefault("LEDGER_WEBHOOK_ALLOW_PRIVATE", "false")),
                    HttpLimits.of(service, env),
                    env.getOrDefault("LEDGER_PUBLIC_URL", service.getString("public_url")),
                    Integer.parseInt(env.getOrDefault("LEDGER_WEBHOOK_DELIVERIES_PER_S",
                            "" + service.getInteger("webhook_deliveries_per_s", DEFAULT_WEBHOOK_DELIVERIES_PER_S))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
        }
    }

    private static Path path(String setting) {
        return setting == null || setting.isBlank() ? null : Path.of(setting);
    }
}
