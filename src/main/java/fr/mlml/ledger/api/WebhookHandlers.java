package fr.mlml.ledger.api;

import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.events.EventType;
import fr.mlml.ledger.events.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

/**
 * The webhook routes of DESIGN.md §9: the back office manages every endpoint (one without {@code member_id} gets
 * every event), a member its own; the endpoint's secret is answered once, at creation. {@code GET /v1/webhook-keys}
 * publishes the key that signs every delivery ({@code v1a}).
 */
final class WebhookHandlers {
    static final Set<TokenRole> OWNERS = EnumSet.of(TokenRole.ADMIN, TokenRole.MEMBER);
    private static final int MAX_DESCRIPTION = 256;

    private final LedgerAccess ledger;
    private final Supplier<Webhooks> webhooks;

    WebhookHandlers(LedgerAccess ledger, Supplier<Webhooks> webhooks) {
        this.ledger = ledger;
        this.webhooks = webhooks;
    }

    void register(Routes routes) {
        routes.open(GET, "/v1/webhook-keys", call -> Future.succeededFuture(Reply.ok(new JsonObject().put("keys",
                new JsonArray().add(new JsonObject().put("id", webhooks.get().signer().keyId())
                        .put("public_key", webhooks.get().signer().publicKey()))))));
        routes.add(POST, "/v1/webhooks", OWNERS, this::create);
        routes.add(GET, "/v1/webhooks", OWNERS, call -> webhooks.get().list(owner(call))
                .map(items -> Reply.ok(new JsonObject().put("items", items))));
        routes.add(GET, "/v1/webhooks/:id", OWNERS, call -> found(webhooks.get().get(id(call), owner(call)))
                .map(Reply::ok));
        routes.add(PATCH, "/v1/webhooks/:id", OWNERS, this::change);
        routes.add(DELETE, "/v1/webhooks/:id", OWNERS, call -> found(webhooks.get().delete(id(call), owner(call)))
                .map(v -> Reply.noContent()));
        routes.add(GET, "/v1/webhooks/:id/deliveries", OWNERS, call -> found(webhooks.get()
                .deliveries(id(call), owner(call))).map(items -> Reply.ok(new JsonObject().put("items", items))));
        routes.add(POST, "/v1/webhooks/:id/test", OWNERS, call -> found(webhooks.get().test(id(call), owner(call)))
                .map(Reply::ok));
        routes.add(POST, "/v1/webhooks/:id/replay", OWNERS, call -> {
            JsonInput in = JsonInput.of(call.body(), "after");
            long after = in.integer("after", 0, Long.MAX_VALUE);
            return found(webhooks.get().replay(id(call), owner(call), after)).map(Reply::ok);
        });
    }

    /** Whose endpoints the caller manages: a member its own; null for the back office (all). */
    private static String owner(Call call) {
        return call.caller().role() == TokenRole.ADMIN ? null : call.caller().memberId();
    }

    private static String id(Call call) {
        String id = call.param("id");
        if (id == null || !id.matches("wh_[0-9a-f]{32}")) throw ApiProblem.notFound("no such webhook");
        return id;
    }

    /** Turns what the webhooks refuse into problems: an unknown endpoint 404, a target it may not call 400. */
    private static <T> Future<T> found(Future<T> answer) {
        return answer.recover(e -> Future.failedFuture(e instanceof NoSuchElementException ? ApiProblem.notFound(
                "no such webhook") : e instanceof IllegalArgumentException ? ApiProblem.invalid("url", e.getMessage())
                : e));
    }

    private Future<Reply> create(Call call) {
        boolean admin = call.caller().role() == TokenRole.ADMIN;
        JsonInput in = JsonInput.of(call.body(), "url", "types", "description", "member_id");
        String url = url(in);
        Set<EventType> types = types(in);
        String description = in.optionalText("description", MAX_DESCRIPTION);
        if (!admin && in.has("member_id")) throw ApiProblem.invalid("member_id", "a member's webhook is its own");
        String member = admin ? in.optionalId("member_id") : call.caller().memberId();
        Future<Void> exists = member == null ? Future.succeededFuture() : ledger.read(l -> l.member(member) != null)
                .compose(known -> known ? Future.succeededFuture()
                        : Future.failedFuture(ApiProblem.invalid("member_id", "no such member")));
        return exists.compose(v -> found(webhooks.get().create(member, url, types, description)))
                .map(Reply::created);
    }

    private Future<Reply> change(Call call) {
        JsonInput in = JsonInput.of(call.body(), "url", "types", "status");
        String url = in.has("url") ? url(in) : null;
        Set<EventType> types = in.has("types") ? types(in) : null;
        Boolean disabled = null;
        if (in.has("status")) {
            String status = in.text("status", 16);
            if (!status.equals("active") && !status.equals("disabled")) {
                throw ApiProblem.invalid("status", "active or disabled");
            }
            disabled = status.equals("disabled");
        }
        return found(webhooks.get().change(id(call), owner(call), url, types, disabled)).map(Reply::ok);
    }

    private String url(JsonInput in) {
        String url = in.text("url", 2048);
        String refusal = webhooks.get().urlRefusal(url);
        if (refusal != null) throw ApiProblem.invalid("url", refusal);
        return url;
    }

    /** {@code types}: event types of §9 (all when absent). */
    private static Set<EventType> types(JsonInput in) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        if (!in.has("types")) return types;
        JsonArray codes = in.array("types", 1, EventType.values().length);
        for (int i = 0; i < codes.size(); i++) {
            EventType t = codes.getValue(i) instanceof String code ? EventType.ofCode(code) : null;
            if (t == null) throw ApiProblem.invalid("types[" + i + "]", "an event type of the ledger");
            types.add(t);
        }
        return types;
    }
}
