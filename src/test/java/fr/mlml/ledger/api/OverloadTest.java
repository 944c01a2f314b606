package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten times what the service takes, offered to a real service process with a bounded heap (the capacity here is the
 * tokens' rate; {@code RejectionsTest} fills the engine's queue for 503): it answers only 200, 429 or 503 (those two
 * as problems with {@code Retry-After}), the requests it takes are answered in bounded time, it does not run out of
 * memory (alive, no {@code OutOfMemoryError} in its log: the heap bound itself the JVM enforces), every acknowledged transfer is there once (the payee's balance counts them), and it serves normally as soon
 * as the load stops.
 */
class OverloadTest {
    private static final int SENDERS = 2;
    private static final int REQUESTS_PER_SENDER = 10_000;
    /** Per token: the capacity offered ten times over (the admin's setup fits in its burst). */
    private static final int RATE_PER_S = 10;
    private static final int IN_FLIGHT = 300;
    private static final long HEAP_BYTES = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void tenTimesTheCapacityIsRefusedCleanlyAndTheServiceRecoversByItself() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process service = startService(port);
        try {
            ApiFixture f = new ApiFixture(port);
            waitReady(f);
            f.member("ov-shop", "business");
            f.account("mlc:ov-shop", "ov-shop", "MLC");
            List<String> tokens = new ArrayList<>();
            List<List<String>> bodies = new ArrayList<>();
            List<List<String>> ids = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                String member = "ov-" + s;
                f.member(member, "citizen");
                f.account("mlc:" + member, member, "MLC");
                f.issue("mlc:" + member, 1_000_000);
                tokens.add(f.memberToken(member));
                ApiFixture.Signer key = f.key(member, member + "-key");
                List<String> b = new ArrayList<>();
                List<String> i = new ArrayList<>();
                for (int r = 0; r < REQUESTS_PER_SENDER; r++) {
                    JsonObject t = transfer("mlc:" + member, "mlc:ov-shop", 1, "MLC");
                    i.add(t.getString("id"));
                    b.add(key.sign("transfers", ApiFixture.transfers(t)).encode());
                }
                bodies.add(b);
                ids.add(i);
            }

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
            List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> badRefusals = java.util.Collections.synchronizedList(new ArrayList<>());
            long[] acceptedLatencyNs = new long[SENDERS * REQUESTS_PER_SENDER];
            AtomicInteger accepted = new AtomicInteger();
            List<CompletableFuture<?>> all = new ArrayList<>();
            long startNs = System.nanoTime();
            for (int r = 0; r < REQUESTS_PER_SENDER; r++) {
                for (int s = 0; s < SENDERS; s++) {
                    inFlight.acquire();
                    String id = ids.get(s).get(r);
                    long sentNs = System.nanoTime();
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/transfers"))
                            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + tokens.get(s))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(s).get(r))).build();
                    all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((a, e) -> {
                        inFlight.release();
                        if (e != null) {
                            badRefusals.add("no answer: " + e);
                            return null;
                        }
                        byStatus.computeIfAbsent(a.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (a.statusCode() == 200) {
                            acceptedLatencyNs[accepted.getAndIncrement()] = System.nanoTime() - sentNs;
                            if (a.body().contains("\"status\":\"created\"")) acknowledged.add(id);
                        } else if (!refusedProperly(a)) {
                            badRefusals.add(a.statusCode() + " " + a.headers().map() + " " + a.body());
                        }
                        return null;
                    }));
                }
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - startNs) / 1e9;
            int total = SENDERS * REQUESTS_PER_SENDER;

            assertTrue(badRefusals.isEmpty(), () -> badRefusals.size() + " bad answers, first: " + badRefusals.get(0));
            assertTrue(byStatus.keySet().stream().allMatch(s -> s == 200 || s == 429 || s == 503), byStatus.toString());
            // What it took is bounded by the tokens' rate over the run (each bucket starts full: a burst of twice the
            // rate), whatever pace this machine offered the requests at; and the load exceeded it.
            long capacity = (long) Math.ceil(SENDERS * RATE_PER_S * (seconds + 2));
            assertTrue(accepted.get() <= capacity, "took " + accepted.get() + " in " + seconds + " s, more than the "
                    + "rate allows (" + capacity + "): " + byStatus);
            assertTrue(total - accepted.get() > accepted.get(), "more was offered than it took: " + byStatus);
            long[] latencies = Arrays.copyOf(acceptedLatencyNs, accepted.get());
            Arrays.sort(latencies);
            long p99Ms = latencies.length == 0 ? 0 : latencies[(int) (latencies.length * 0.99)] / 1_000_000;
            // Bounded time, measured against the run itself so that it holds on a machine of any speed or load: a
            // backlog building up behind the refusals would keep the late requests waiting for most of the run,
            // while here the p99 is about 1 s on a quiet two-core machine and was 11.8 s of a 124 s run on one
            // loaded twelve times over.
            long runMs = (long) (seconds * 1000);
            assertTrue(p99Ms <= Math.max(2_000, runMs / 4), "accepted requests answered at p99 within a quarter of "
                    + "the " + runMs + " ms run: " + p99Ms + " ms");
            long heap = heapUsedBytes(f);
            assertTrue(service.isAlive());
            String log = Files.readString(dir.resolve("service.log"));
            assertFalse(log.contains("OutOfMemoryError"), "the service ran out of memory under load:\n" + log);

            // The load has stopped: once the buckets have refilled (Retry-After said 1 s; the admin's setup emptied
            // most of its own), a normal request is served, and nothing acknowledged is missing.
            Thread.sleep(2_000);
            ApiFixture.Signer again = f.key("ov-0", "ov-0-after");
            assertEquals("created", f.send(tokens.get(0), again, transfer("mlc:ov-0", "mlc:ov-shop", 1, "MLC"))
                    .getJsonObject(0).getString("status"));
            for (String id : acknowledged.subList(0, Math.min(5, acknowledged.size()))) {
                expect(200, f.client.get("/v1/transfers/" + id, ADMIN));
            }
            long balance = f.balance("mlc:ov-shop");
            assertEquals(acknowledged.size() + 1, balance, "each acknowledged transfer moved 1 cent, once");
            System.out.printf("overload: %d requests in %.1f s, %s, accepted p99 %d ms, heap %d MiB%n", total, seconds,
                    byStatus, p99Ms, heap >> 20);
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static boolean refusedProperly(HttpResponse<String> a) {
        String code = a.statusCode() == 429 ? "rate_limited" : "overloaded";
        return a.headers().firstValue("Retry-After").isPresent()
                && a.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                && a.body().contains("\"code\":\"" + code + "\"");
    }

    private Process startService(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-ea", "-Xmx" + (HEAP_BYTES >> 20) + "m",
                "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), "fr.mlml.ledger.Main");
        pb.environment().put("LEDGER_HTTP_PORT", Integer.toString(port));
        pb.environment().put("LEDGER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("LEDGER_ADMIN_TOKEN", ADMIN);
        pb.environment().put("LEDGER_RATE_LIMIT", Integer.toString(RATE_PER_S));
        pb.environment().put("LEDGER_QUEUE_CAPACITY", "64");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        return pb.start();
    }

    private static void waitReady(ApiFixture f) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (f.client.get("/ready", null).status() == 200) return;
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready");
    }

    /** The heap in use, as the service reports it at /metrics. */
    private static long heapUsedBytes(ApiFixture f) {
        double sum = 0;
        for (String line : f.client.get("/metrics", ADMIN).text().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertTrue(sum > 0, "the service reports its heap");
        return (long) sum;
    }
}
