package fr.mlml.ledger.api;

import fr.mlml.ledger.ServiceSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A quiet event stream is kept alive: with no event coming, it writes a comment line every
 * {@code http_stream_keepalive_s} (1 s here, 15 s by default), which an SSE client ignores, and the stream still
 * brings the next event after it.
 */
class EventStreamKeepAliveTest {
    @TempDir
    Path dataDir;

    @Test
    void aQuietStreamWritesKeepAliveCommentsAndStillBringsTheNextEvent() throws Exception {
        HttpLimits d = HttpLimits.DEFAULTS;
        HttpLimits oneSecond = new HttpLimits(d.idleTimeoutS(), d.headerTimeoutS(), d.requestTimeoutS(),
                d.maxConnections(), d.maxBufferedBytes(), 1);
        ApiFixture f = new ApiFixture(dataDir, null, 10_000, ServiceSettings.DEFAULT_QUEUE_CAPACITY, oneSecond);
        try {
            long head = expect(200, f.client.get("/v1/events?after=0&limit=1000", ADMIN)).json().getLong("next");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.service.port()
                    + "/v1/events/stream?after=" + head)).header("Authorization", "Bearer " + ADMIN).build();
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                List<String> quiet = linesUntil(in, line -> line.equals(": keep-alive"));
                assertTrue(quiet.stream().allMatch(l -> l.isEmpty() || l.startsWith(":")),
                        "before anything happens, only comment lines: " + quiet);
                List<String> more = linesUntil(in, line -> line.equals(": keep-alive"));
                assertTrue(more.subList(0, more.size() - 1).stream().allMatch(String::isEmpty),
                        "and again a period later, nothing between: " + more);

                f.member("keepalive-shop", "business");
                List<String> event = linesUntil(in, line -> line.startsWith("data: "));
                assertTrue(event.contains("event: member.created"), "the stream still brings events: " + event);
                JsonObject data = new JsonObject(event.get(event.size() - 1).substring(6));
                assertEquals("keepalive-shop", data.getJsonObject("data").getString("id"));
            }
        } finally {
            f.close();
        }
    }

    @Test
    void theKeepAliveMustComeBeforeTheIdleTimeoutClosesAQuietStream() {
        HttpLimits d = HttpLimits.DEFAULTS;
        assertThrows(IllegalArgumentException.class, () -> new HttpLimits(10, 5, 10, d.maxConnections(),
                d.maxBufferedBytes(), 10));
        assertThrows(IllegalArgumentException.class, () -> new HttpLimits(10, 5, 10, d.maxConnections(),
                d.maxBufferedBytes(), 0));
    }

    /** The lines read up to the first that {@code last} accepts (included); fails after 10 s without it. */
    private static List<String> linesUntil(BufferedReader in, java.util.function.Predicate<String> last)
            throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                    if (last.test(line)) return lines;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("the stream ended: " + lines);
        }).get(10, TimeUnit.SECONDS);
    }
}
