package fr.mlml.ledger.events;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One webhook endpoint and where its delivery stands. Touched only on the {@link Webhooks} context. What is stored
 * is {@link #stored} (its secret included: it must sign); the cursor is stored apart, as it moves.
 */
final class Webhook {
    /** Attempts kept for {@code GET …/deliveries}, newest last. */
    static final int DELIVERIES_KEPT = 100;
    /** Without a success for this long, an endpoint is {@code failing}. */
    static final long FAILING_AFTER_MS = 24 * 3_600_000L;

    final String id;
    final String memberId;
    final String secret;
    final long createdMs;
    String url;
    Set<EventType> types;
    String description;
    boolean disabled;
    /** The last event acknowledged (or not for this endpoint): delivery goes on after it. */
    long cursor;
    /** When the failures since the last success began (0: the last attempt succeeded, or none yet). */
    long failingSinceMs;
    int attempt;
    boolean inFlight;
    long retryTimer = -1;
    /** In the queue of endpoints waiting for the delivery budget. */
    boolean waitingForBudget;
    /** Bumped whenever the cursor is moved by hand or the endpoint changes, so an answer in flight is set aside. */
    int generation;
    boolean deleted;
    final Deque<Event> queue = new ArrayDeque<>();
    /** Scanned up to here when the queue was filled: the cursor goes there once the queue is delivered. */
    long queuedThrough;
    final Deque<JsonObject> deliveries = new ArrayDeque<>();
    /** The address its URL's host was last checked to (null: not pinned), for {@link #checkedUrl}, and when. */
    InetAddress checkedAddress;
    String checkedUrl;
    long checkedAtMs;
    private Mac hmac;
    private RequestOptions request;
    private String requestUrl;

    Webhook(String id, String memberId, String url, Set<EventType> types, String description, String secret,
            long createdMs, long cursor) {
        this.id = id;
        this.memberId = memberId;
        this.url = url;
        this.types = types;
        this.description = description;
        this.secret = secret;
        this.createdMs = createdMs;
        this.cursor = cursor;
    }

    /** The HMAC of its secret, made at the first delivery. */
    Mac hmac() {
        if (hmac == null) hmac = WebhookSigner.hmac(secret);
        return hmac;
    }

    /** A new request to its URL (parsed once per URL, not per delivery): POST, redirects not followed. */
    RequestOptions request() {
        if (!url.equals(requestUrl)) {
            request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setFollowRedirects(false);
            requestUrl = url;
        }
        return new RequestOptions(request);
    }

    Viewer viewer() {
        return memberId == null ? Viewer.EVERYTHING : Viewer.member(memberId);
    }

    boolean failing(long nowMs) {
        return !disabled && failingSinceMs != 0 && nowMs - failingSinceMs >= FAILING_AFTER_MS;
    }

    String status(long nowMs) {
        return disabled ? "disabled" : failing(nowMs) ? "failing" : "active";
    }

    void delivered(JsonObject attempt) {
        deliveries.addLast(attempt);
        if (deliveries.size() > DELIVERIES_KEPT) deliveries.removeFirst();
    }

    /** The endpoint as the API answers it: never its secret. */
    JsonObject view(long nowMs, long head) {
        JsonObject json = new JsonObject().put("id", id).put("url", url).put("types", typeCodes())
                .put("status", status(nowMs)).put("created_at", Instant.ofEpochMilli(createdMs).toString())
                .put("cursor", cursor).put("lag", Math.max(0, head - cursor));
        if (memberId != null) json.put("member_id", memberId);
        if (description != null) json.put("description", description);
        return json;
    }

    /** A failing endpoint as reconciliation lists it: who to call, since when nothing succeeded, how far behind. */
    JsonObject failingView(long head) {
        JsonObject json = new JsonObject().put("id", id).put("url", url);
        if (memberId != null) json.put("member_id", memberId);
        return json.put("failing_since", Instant.ofEpochMilli(failingSinceMs).toString())
                .put("lag", Math.max(0, head - cursor));
    }

    JsonArray typeCodes() {
        JsonArray codes = new JsonArray();
        for (EventType t : types) codes.add(t.code);
        return codes;
    }

    String stored() {
        return new JsonObject().put("id", id).put("member_id", memberId).put("url", url).put("types", typeCodes())
                .put("description", description).put("secret", secret).put("disabled", disabled)
                .put("created_ms", createdMs).put("failing_since_ms", failingSinceMs).encode();
    }

    static Webhook fromStored(String text, long cursor) {
        JsonObject o = new JsonObject(text);
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        List<String> unknown = new ArrayList<>();
        for (Object code : o.getJsonArray("types")) {
            EventType t = EventType.ofCode((String) code);
            if (t == null) unknown.add((String) code);
            else types.add(t);
        }
        if (!unknown.isEmpty()) throw new IllegalStateException("webhook " + o.getString("id") + ": unknown types " + unknown);
        Webhook w = new Webhook(o.getString("id"), o.getString("member_id"), o.getString("url"), types,
                o.getString("description"), o.getString("secret"), o.getLong("created_ms"), cursor);
        w.disabled = o.getBoolean("disabled");
        w.failingSinceMs = o.getLong("failing_since_ms", 0L);
        return w;
    }
}
