package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client of the service, as any client would be: JSON in, status and JSON out. */
final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The answer: status, body as text, body as JSON when it is JSON, and headers. */
    record Answer(int status, String text, HttpResponse<String> raw) {
        JsonObject json() {
            return text.isEmpty() ? new JsonObject() : new JsonObject(text);
        }

        String code() {
            return json().getString("code");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Answer call(String method, String path, String token, String body) {
        return call(method, path, token, body, "application/json");
    }

    Answer call(String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", contentType);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    Answer get(String path, String token) {
        return call("GET", path, token, null);
    }

    Answer post(String path, String token, JsonObject body) {
        return call("POST", path, token, body.encode());
    }

    Answer patch(String path, String token, JsonObject body) {
        return call("PATCH", path, token, body.encode());
    }

    Answer delete(String path, String token) {
        return call("DELETE", path, token, null);
    }
}
