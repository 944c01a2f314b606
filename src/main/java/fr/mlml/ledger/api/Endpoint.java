package fr.mlml.ledger.api;

import io.vertx.core.Future;

/** What a route does once its caller is authenticated and allowed; throws {@link ApiProblem} to refuse. */
@FunctionalInterface
interface Endpoint {
    Future<Reply> handle(Call call);
}
