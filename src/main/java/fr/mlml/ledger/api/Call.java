package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** One authenticated request as a handler sees it. */
record Call(RoutingContext ctx, Caller caller) {

    String param(String name) {
        return ctx.pathParam(name);
    }

    /** A path id of the ledger's syntax; anything else cannot name a resource. */
    String idParam(String name) {
        String id = param(name);
        if (!fr.mlml.ledger.core.AccountIds.isValid(id)) throw ApiProblem.notFound("no such " + name);
        return id;
    }

    UUID uuidParam(String name) {
        UUID id = JsonInput.uuidOrNull(param(name));
        if (id == null) throw ApiProblem.notFound("no such transfer");
        return id;
    }

    /** The client's address as this service sees it (behind a proxy, the proxy's). */
    static String address(RoutingContext ctx) {
        return String.valueOf(ctx.request().remoteAddress().hostAddress());
    }

    /** The body, parsed strictly. */
    JsonObject body() {
        return StrictJson.parseObject(ctx.body().buffer());
    }
}
