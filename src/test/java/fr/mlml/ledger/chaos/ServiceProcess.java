package fr.mlml.ledger.chaos;

import fr.mlml.ledger.Main;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service ({@link Main}) in a child JVM on the test classpath, configured as an operator would through its
 * environment, on a fixed port and data directory so that a restart serves the same clients the same books.
 * Its output is appended to {@code service.log} in the data directory's parent.
 */
final class ServiceProcess {
    static final String ADMIN = "admin-token-for-chaos-tests-0123456789";
    private static final long READY_TIMEOUT_MS = 90_000;
    /**
     * The service's heap. Recovering in place after a journal failure builds the new ledger while the old one is
     * still referenced, about 100 MiB each with the default id log: 256 MiB ends that recovery in an
     * OutOfMemoryError that kills the engine thread ({@code -Dledger.chaos.heap_mb=256} shows it).
     */
    private static final int HEAP_MB = Integer.getInteger("ledger.chaos.heap_mb", 512);

    final int port;
    private final Path dir;
    private final String pgUrl;
    private final Map<String, String> env = new HashMap<>();
    private Process process;

    /** {@code pgUrl} null: the file journal in {@code dir/data}. */
    ServiceProcess(Path dir, String pgUrl) throws IOException {
        this.dir = dir;
        this.pgUrl = pgUrl;
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
    }

    /** Sets an environment variable of every process started from now on (a test's own policy, say). */
    ServiceProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts a new process on the same data (the previous one must be dead). */
    void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-ea", "-Xmx" + HEAP_MB + "m",
                "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        pb.environment().put("LEDGER_HTTP_PORT", Integer.toString(port));
        pb.environment().put("LEDGER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("LEDGER_ADMIN_TOKEN", ADMIN);
        // The per-token rate limit is a policy for real clients; here it would only slow the faults down.
        pb.environment().put("LEDGER_RATE_LIMIT", "1000000");
        // Webhook receivers of the tests listen on 127.0.0.1, over plain http.
        pb.environment().put("LEDGER_WEBHOOK_ALLOW_PRIVATE", "true");
        pb.environment().put("LEDGER_STORAGE", pgUrl == null ? "file" : "postgres");
        if (pgUrl != null) pb.environment().put("LEDGER_PG_URL", pgUrl);
        pb.environment().putAll(env);
        Files.createDirectories(dir);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log")
                .toFile()));
        process = pb.start();
    }

    /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux): no shutdown hook, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("the service survived SIGKILL");
    }

    /** The process id, for the JDK's tools ({@code jcmd}). */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Waits until {@code /ready} answers 200; fails if the process dies or takes too long. */
    void awaitReady(ChaosHttp http) throws Exception {
        await(http::ready, "ready");
    }

    /** Waits until {@code /health} answers 200 (the process is up, ready or not). */
    void awaitAlive(ChaosHttp http) throws Exception {
        await(() -> {
            ChaosHttp.Answer a = http.send("GET", "/health", null, null);
            return a != null && a.status() == 200;
        }, "alive");
    }

    private void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return;
            if (!process.isAlive()) throw new AssertionError("the service exited with " + process.exitValue()
                    + "; its log: " + logTail());
            Thread.sleep(50);
        }
        throw new AssertionError("the service was not " + what + " after " + READY_TIMEOUT_MS + " ms; its log: "
                + logTail());
    }

    /** Stops it cleanly (SIGTERM) at the end of a run. */
    void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("service.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
