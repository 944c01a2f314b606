package fr.mlml.ledger.chaos;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client of a service that may die under it: a request that gets no answer (refused, reset, timed out) yields
 * null instead of an exception, because under faults that is an ordinary outcome the caller retries. Given several
 * instances (a writer and its standby), it moves to the next one whenever the current one does not serve.
 */
final class ChaosHttp {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final int[] ports;
    private volatile int current;

    ChaosHttp(int... ports) {
        this.ports = ports.clone();
    }

    record Answer(int status, String text) {
        JsonObject json() {
            return text.isEmpty() ? new JsonObject() : new JsonObject(text);
        }
    }

    /** The answer, or null when none came. */
    Answer send(String method, String path, String token, String body) {
        int instance = current;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[instance] + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", "application/json");
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 503) current = (instance + 1) % ports.length;
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            current = (instance + 1) % ports.length;
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** An answer the caller needs: fails on no answer or another status than {@code status}. */
    Answer expect(int status, String method, String path, String token, JsonObject body) {
        Answer a = send(method, path, token, body == null ? null : body.encode());
        if (a == null || a.status() != status) {
            throw new AssertionError(method + " " + path + ": expected " + status + ", got "
                    + (a == null ? "no answer" : a.status() + " " + a.text()));
        }
        return a;
    }

    boolean ready() {
        Answer a = send("GET", "/ready", null, null);
        return a != null && a.status() == 200;
    }
}
