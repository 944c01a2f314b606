package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests refused before any route sees them — by the HTTP decoder, the router's path decoding or the body handler —
 * are problems too (DESIGN.md §6). Sent over a raw socket: an HTTP client would refuse to send most of them.
 */
class HttpLayerRefusalsTest {
    @TempDir
    static Path dataDir;
    private static ApiFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void aMalformedPercentEscapeInThePathIsAProblem() throws IOException {
        isProblem(get("/v1/accounts/%ZZ", "Bearer " + ADMIN), 400, "invalid_request");
    }

    @Test
    void aMalformedPercentEscapeInTheQueryIsAProblem() throws IOException {
        isProblem(get("/v1/accounts/mlc:x/transfers?limit=%ZZ", "Bearer " + ADMIN), 400, "invalid_request");
    }

    @Test
    void aJsonBodyLabelledAsAFormIsAProblemAndCreatesNothing() throws IOException {
        for (String type : new String[] {"multipart/form-data", "application/x-www-form-urlencoded"}) {
            String id = "form-" + type.length();
            String body = "{\"id\":\"" + id + "\",\"name\":\"" + "x".repeat(2_000) + "\",\"kind\":\"citizen\"}";
            String answer = send("POST /v1/members HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body);
            assertTrue(status(answer) == 400 || status(answer) == 415, answer);
            isProblem(answer, status(answer), null);
            assertEquals(404, f.client.get("/v1/members/" + id, ADMIN).status(), "a refused request created " + id);
        }
    }

    @Test
    void aRequestLineOverItsLimitIsAProblem() throws IOException {
        isProblem(get("/v1/accounts/" + "a".repeat(5_000), "Bearer " + ADMIN), 414, "too_large");
    }

    @Test
    void headersOverTheirLimitAreAProblem() throws IOException {
        isProblem(get("/v1/reconciliation", "Bearer " + "a".repeat(20_000)), 431, "too_large");
    }

    private static String get(String target, String authorization) throws IOException {
        return send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                + "\r\nConnection: close\r\n\r\n");
    }

    private static String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", f.service.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** A status line with {@code status}, a problem content type, and a JSON problem whose code is {@code code}. */
    private static void isProblem(String answer, int status, String code) {
        assertEquals(status, status(answer), answer);
        assertTrue(answer.toLowerCase().contains("content-type: " + Problems.CONTENT_TYPE), answer);
        JsonObject problem = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4).trim());
        assertEquals(status, problem.getInteger("status"), answer);
        if (code != null) assertEquals(code, problem.getString("code"), answer);
        assertTrue(problem.getString("code").matches("[a-z_]+"), answer);
    }
}
