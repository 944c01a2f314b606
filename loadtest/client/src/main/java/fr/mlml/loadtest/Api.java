package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The ledger's HTTP API on 127.0.0.1 (never another host: load is only ever generated against this machine). */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";
    /** A server that stops answering fails the run instead of hanging it. */
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final HttpClient client;
    private final int port;
    /** One context per event loop (each call from a plain thread makes a new one, on the next loop in turn). */
    private final Context[] contexts;

    Api(Vertx vertx, int port, int connections, int eventLoops) {
        this.port = port;
        this.contexts = new Context[eventLoops];
        for (int i = 0; i < eventLoops; i++) contexts[i] = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    /**
     * Sends from the caller's Vert.x context, or from this client's own one when called from another thread: requests
     * made back to back from a plain thread (a new context each) sometimes never got a connection from the pool.
     */
    Future<Reply> send(HttpMethod method, String path, String token, Buffer body) {
        if (Vertx.currentContext() != null) return sendHere(method, path, token, body);
        Promise<Reply> reply = Promise.promise();
        onLoop(0, () -> sendHere(method, path, token, body).onComplete(reply));
        return reply.future();
    }

    /** Runs {@code task} on event loop {@code n} (modulo their number): load is spread over every loop. */
    void onLoop(int n, Runnable task) {
        contexts[n % contexts.length].runOnContext(v -> task.run());
    }

    private Future<Reply> sendHere(HttpMethod method, String path, String token, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(HOST).setPort(port).setURI(path)
                .putHeader("Authorization", "Bearer " + token).setIdleTimeout(IDLE_TIMEOUT_MS);
        if (body != null) options.putHeader("Content-Type", "application/json");
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(b -> new Reply(response.statusCode(), b)))
                .otherwise(failure -> new Reply(0, Buffer.buffer(String.valueOf(failure), "UTF-8")));
    }

    /** Waits for the answer; a status other than {@code expected} stops the run with the server's problem document. */
    JsonNode expect(int expected, HttpMethod method, String path, String token, Object body) {
        Buffer payload = body == null ? null : Buffer.buffer(write(body));
        Reply reply = send(method, path, token, payload).toCompletionStage().toCompletableFuture().join();
        if (reply.status() != expected) {
            throw new CheckFailed(method + " " + path + " answered " + reply.status() + " where DESIGN.md §6 says "
                    + expected + (body == null ? "" : "\n  request: " + new String(write(body), StandardCharsets.UTF_8))
                    + "\n  answer: " + reply.body());
        }
        return read(reply.body());
    }

    static JsonNode read(Buffer body) {
        try {
            return body.length() == 0 ? JSON.nullNode() : JSON.readTree(body.getBytes());
        } catch (IOException e) {
            throw new CheckFailed("an answer that is not JSON: " + body);
        }
    }

    static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Future<Void> close() {
        return client.close();
    }
}
