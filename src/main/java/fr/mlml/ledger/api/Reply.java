package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;

/** A successful answer: status, content type and body (null for 204). */
record Reply(int status, String contentType, String body) {
    /** The endpoint wrote its answer itself (a stream): nothing more to send. */
    static final Reply STREAMED = new Reply(200, null, null);

    static Reply ok(JsonObject body) {
        return json(200, body);
    }

    static Reply created(JsonObject body) {
        return json(201, body);
    }

    static Reply json(int status, JsonObject body) {
        return new Reply(status, "application/json", body.encode());
    }

    static Reply noContent() {
        return new Reply(204, null, null);
    }
}
