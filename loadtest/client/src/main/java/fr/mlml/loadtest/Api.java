package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
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

    private final HttpClient client;
    private final int port;

    Api(Vertx vertx, int port, int connections) {
        this.port = port;
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    Future<Reply> send(HttpMethod method, String path, String token, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(HOST).setPort(port).setURI(path)
                .putHeader("Authorization", "Bearer " + token);
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
