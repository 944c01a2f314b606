package fr.mlml.ledger.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static fr.mlml.ledger.chaos.ServiceProcess.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The attack of finding 2 (issue 15): a member sends transfer ids the ledger refuses (to an account that does not
 * exist), as fast as it can, millions of them, against the real service in a child JVM with a 512 MiB heap, which
 * then is SIGKILLed and restarted with the same heap. Before, every id ever seen kept an index entry on the heap: a
 * 1 GiB heap ran out after ~9.4 million ids, and so did every recovery. Now only a window of recent ids is in
 * memory and older ones are answered from the archive through its on-disk index: the flood goes through, the
 * restart recovers, and old ids answer as they did (a refused one its refusal, a created one {@code exists}).
 *
 * <p>The member's quota of refused ids is raised for the test so that the flood reaches the ledger (with the
 * default, the member would be answered 429 after a few hundred). {@code -Dledger.flood.ids=N} sets the count;
 * {@code -Dledger.flood.seconds=S} floods for S seconds instead (the {@code loadtest/bench reject-flood} run), and
 * the figures go to {@code target/reject-flood.json}.
 */
class RejectedIdFloodTest {
    private static final long SECONDS = Long.getLong("ledger.flood.seconds", 0);
    private static final long IDS = Long.getLong("ledger.flood.ids", SECONDS > 0 ? Long.MAX_VALUE : 1_000_000);
    private static final int BATCH = 1_000;
    private static final int SENDERS = 3;
    /** The window of recent ids the service keeps in memory, far below the flood. */
    private static final int RECENT_IDS = 131_072;

    @TempDir
    Path dir;

    @Test
    void aFloodOfRefusedIdsNeitherExhaustsTheHeapNorTheRecovery() throws Exception {
        Path config = dir.resolve("ledger.json");
        JsonObject ledger = new JsonObject(Files.readString(Path.of("config/ledger.json")));
        Files.writeString(config, ledger.put("recent_transfers_capacity", RECENT_IDS).encode());
        ServiceProcess service = new ServiceProcess(dir, null).env("LEDGER_CONFIG", config.toString())
                .env("LEDGER_REJECTED_IDS_PER_S", "1000000000");
        ChaosHttp http = new ChaosHttp(service.port);
        try {
            service.start();
            service.awaitReady(http);
            Flooder flooder = Flooder.open(http);
            Sent created = flooder.send(List.of(flooder.transfer("mlc:flood-shop")));
            Sent refused = flooder.send(List.of(flooder.transfer("mlc:nobody")));
            assertEquals("created", result(created.answer()).getString("status"), created.answer());
            assertEquals("unknown_account", result(refused.answer()).getString("code"), refused.answer());

            long start = System.nanoTime();
            HealthProbe probe = HealthProbe.start(service.port);
            long sent = flood(flooder, SECONDS == 0 ? Long.MAX_VALUE : start + SECONDS * 1_000_000_000L);
            long floodMs = (System.nanoTime() - start) / 1_000_000;
            probe.stop();
            long heapBefore = liveHeap(service, http);

            service.kill();
            long restart = System.nanoTime();
            service.start();
            service.awaitReady(http);
            long recoveryMs = (System.nanoTime() - restart) / 1_000_000;
            http.expect(200, "GET", "/health", null, null);
            String figures = new JsonObject().put("scenario", "reject-flood").put("refused_ids", sent)
                    .put("flood_ms", floodMs).put("ids_per_s", sent * 1000 / Math.max(1, floodMs))
                    .put("heap_live_before_kill", heapBefore).put("recovery_ms", recoveryMs)
                    .put("heap_live_after_recovery", liveHeap(service, http)).put("heap_max_mb", 512)
                    .put("health_probes", probe.probes()).put("health_max_ms", probe.maxMs())
                    .put("health_ge_1s", probe.slow()).put("health_failed", probe.failed()).encode();
            System.out.println("flood: " + figures);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/reject-flood.json"), figures);

            JsonObject retriedRefusal = result(flooder.resend(refused));
            assertEquals("rejected", retriedRefusal.getString("status"));
            assertEquals("unknown_account", retriedRefusal.getString("code"), "an old refused id keeps its refusal");
            assertEquals("exists", result(flooder.resend(created)).getString("status"),
                    "an old created id answers exists");
        } finally {
            service.stop();
        }
    }

    /**
     * Sends {@link #IDS} refused ids (or as many as go until {@code untilNs}) from {@link #SENDERS} threads; every
     * one must come back refused.
     */
    private static long flood(Flooder flooder, long untilNs) throws Exception {
        AtomicLong sent = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                senders.add(pool.submit(() -> {
                    while (System.nanoTime() < untilNs && sent.getAndAdd(BATCH) < IDS) {
                        List<JsonObject> batch = new ArrayList<>(BATCH);
                        for (int i = 0; i < BATCH; i++) batch.add(flooder.transfer("mlc:nobody"));
                        JsonArray results = new JsonObject(flooder.send(batch).answer()).getJsonArray("results");
                        assertEquals(BATCH, results.size());
                        for (Object r : results) {
                            assertEquals("unknown_account", ((JsonObject) r).getString("code"), r.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : senders) f.get();
        } finally {
            pool.shutdownNow();
        }
        return Math.min(sent.get(), IDS);
    }

    private static JsonObject result(String answer) {
        return new JsonObject(answer).getJsonArray("results").getJsonObject(0);
    }

    /** The service's heap in use right after a full collection (asked with {@code jcmd}): what it keeps live. */
    private static long liveHeap(ServiceProcess service, ChaosHttp http) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(service.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return heapUsed(http);
    }

    /** The service's heap in use from its metrics, or -1 if it does not say. */
    private static long heapUsed(ChaosHttp http) {
        ChaosHttp.Answer metrics = http.send("GET", "/metrics", ADMIN, null);
        if (metrics == null || metrics.status() != 200) return -1;
        double used = 0;
        for (String line : metrics.text().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) used;
    }

    /** A signed request as sent, and its answer. */
    private record Sent(String body, String answer) {
    }

    /** A citizen with a funded account, its token and signing key, and a shop to pay. */
    private record Flooder(ChaosHttp http, String token, Signer key) {
        static Flooder open(ChaosHttp http) {
            post(http, "/v1/members", new JsonObject().put("id", "flood-shop").put("name", "Shop").put("kind", "business"));
            post(http, "/v1/members", new JsonObject().put("id", "flooder").put("name", "Flooder").put("kind", "citizen"));
            post(http, "/v1/accounts", new JsonObject().put("id", "mlc:flood-shop").put("member_id", "flood-shop")
                    .put("currency", "MLC"));
            post(http, "/v1/accounts", new JsonObject().put("id", "mlc:flooder").put("member_id", "flooder")
                    .put("currency", "MLC"));
            String token = post(http, "/v1/members/flooder/tokens", new JsonObject().put("role", "member"))
                    .json().getString("token");
            Signer key = Signer.generate("flooder-phone");
            post(http, "/v1/members/flooder/signing-keys", new JsonObject().put("key_id", "flooder-phone")
                    .put("public_key", key.publicKey()));
            http.expect(200, "POST", "/v1/issuances", ADMIN, new JsonObject().put("id", UUID.randomUUID().toString())
                    .put("to_account", "mlc:flooder").put("amount", 1_000).put("reference", "exchange office"));
            return new Flooder(http, token, key);
        }

        private static ChaosHttp.Answer post(ChaosHttp http, String path, JsonObject body) {
            return http.expect(201, "POST", path, ADMIN, body);
        }

        JsonObject transfer(String to) {
            return new JsonObject().put("id", UUID.randomUUID().toString()).put("debit_account", "mlc:flooder")
                    .put("credit_account", to).put("amount", 1).put("currency", "MLC");
        }

        /** Sends the transfers signed; the answer must be 200. */
        Sent send(List<JsonObject> transfers) {
            String body = key.sign("transfers", new JsonObject().put("transfers", new JsonArray(new ArrayList<>(transfers))));
            return new Sent(body, resend(new Sent(body, null)));
        }

        /** Sends the same signed request again (a retry); returns the answer, which must be 200. */
        String resend(Sent request) {
            ChaosHttp.Answer a = http.send("POST", "/v1/transfers", token, request.body());
            if (a == null || a.status() != 200) {
                throw new AssertionError("POST /v1/transfers: " + (a == null ? "no answer" : a.status() + " " + a.text()));
            }
            return a.text();
        }
    }
}
