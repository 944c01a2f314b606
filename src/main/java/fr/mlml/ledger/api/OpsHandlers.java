package fr.mlml.ledger.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.GET;

/**
 * Liveness, readiness and the API description, open to anyone; the metrics for admin and auditor tokens (they show
 * the traffic by route and result, which is the association's business).
 */
final class OpsHandlers {
    private final LedgerAccess ledger;
    private final ApiMetrics metrics;
    /** Webhook lag and deliveries, in Prometheus text ("" before delivery starts). */
    private final Supplier<String> webhookMetrics;
    /** The OpenAPI document packaged with the service, or null when this build has none. */
    private final String openApi = resource("/openapi.yaml");

    OpsHandlers(LedgerAccess ledger, ApiMetrics metrics, Supplier<String> webhookMetrics) {
        this.webhookMetrics = webhookMetrics;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    void register(Routes routes) {
        routes.open(GET, "/health", call -> Future.succeededFuture(Reply.ok(new JsonObject().put("status", "alive"))));
        routes.open(GET, "/ready", call -> {
            if (!ledger.ready()) throw new ApiProblem(503, "not_ready", "the ledger is recovering", null, 1);
            return Future.succeededFuture(Reply.ok(new JsonObject().put("status", "ready")));
        });
        routes.add(GET, "/metrics", Routes.READERS, call -> Future.succeededFuture(
                new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape() + webhookMetrics.get())));
        routes.open(GET, "/openapi.yaml", call -> Future.succeededFuture(new Reply(200, "application/yaml",
                openApi)));
    }

    private static String resource(String path) {
        try (InputStream in = OpsHandlers.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("the build lost " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
