package fr.mlml.ledger.events;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A webhook receiver on 127.0.0.1 for tests, a real HTTP server: it records every request (headers and exact body
 * bytes) and answers as {@link #answer} says: a status with headers, later, or never.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** What to answer a request: a status and a {@code Retry-After} (null: none), after {@code delayMs}; or hang. */
    public record Answer(int status, String retryAfter, long delayMs, boolean hang) {
        public static Answer ok() {
            return new Answer(200, null, 0, false);
        }

        public static Answer status(int status) {
            return new Answer(status, null, 0, false);
        }

        public static Answer never() {
            return new Answer(0, null, 0, true);
        }
    }

    public record Received(String id, String timestamp, String signature, byte[] body, long atMs, String path) {
        public JsonObject json() {
            return new JsonObject(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<HttpServerRequest> hanging = new CopyOnWriteArrayList<>();
    public volatile Function<Received, Answer> answer = r -> Answer.ok();

    public WebhookReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            Received r = new Received(req.getHeader("webhook-id"), req.getHeader("webhook-timestamp"),
                    req.getHeader("webhook-signature"), body.getBytes(), System.currentTimeMillis(), req.path());
            received.add(r);
            Answer a = answer.apply(r);
            if (a.hang()) {
                hanging.add(req);
                return;
            }
            Runnable reply = () -> {
                if (a.retryAfter() != null) req.response().putHeader("Retry-After", a.retryAfter());
                req.response().setStatusCode(a.status()).end();
            };
            if (a.delayMs() > 0) vertx.setTimer(a.delayMs(), t -> reply.run());
            else reply.run();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** The requests that carried {@code webhook-id: id} (a retry carries the same). */
    public List<Received> withId(String id) {
        return received.stream().filter(r -> id.equals(r.id())).toList();
    }

    /** Waits for {@code condition} (a receiver's progress), failing after {@code seconds}. */
    public static void await(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not seen in " + seconds + " s: " + what);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
