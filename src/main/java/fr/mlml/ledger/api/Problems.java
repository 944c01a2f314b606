package fr.mlml.ledger.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Writes refusals as RFC 9457 {@code application/problem+json} with a stable snake_case {@code code}. */
final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    static void send(HttpServerResponse response, ApiProblem p) {
        JsonObject body = new JsonObject()
                .put("type", "urn:mlml-ledger:problem:" + p.code)
                .put("title", title(p.code))
                .put("status", p.status)
                .put("detail", p.getMessage())
                .put("code", p.code);
        if (p.field != null) body.put("field", p.field);
        if (p.retryAfterS > 0) response.putHeader("Retry-After", Long.toString(p.retryAfterS));
        response.setStatusCode(p.status).putHeader("Content-Type", CONTENT_TYPE).end(body.encode());
    }

    /** "exceeds_floor" → "Exceeds floor": the code, readable. */
    private static String title(String code) {
        String words = code.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
