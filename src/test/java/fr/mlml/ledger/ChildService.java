package fr.mlml.ledger;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service in a child JVM on the test classpath, with its own JVM options (the heap, say) and environment, on a
 * free port (or the {@code LEDGER_HTTP_PORT} of {@code env}, to restart one where it was) over {@code dir/data}; its
 * output goes to {@code dir/service.log}. {@code main} is {@link Main} or a test's own entry point.
 */
public final class ChildService implements AutoCloseable {
    public static final String ADMIN = "admin-token-for-child-services-0123456789";
    private static final long READY_TIMEOUT_MS = 90_000;

    public final int port;
    public final Path log;
    public final Process process;

    public ChildService(Path dir, Class<?> main, List<String> jvm, Map<String, String> env, String... args)
            throws IOException {
        if (env.containsKey("LEDGER_HTTP_PORT")) {
            this.port = Integer.parseInt(env.get("LEDGER_HTTP_PORT"));
        } else {
            try (ServerSocket free = new ServerSocket(0)) {
                this.port = free.getLocalPort();
            }
        }
        Files.createDirectories(dir);
        this.log = dir.resolve("service.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-ea"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LEDGER_HTTP_PORT", Integer.toString(port));
        pb.environment().put("LEDGER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("LEDGER_ADMIN_TOKEN", ADMIN);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        this.process = pb.start();
    }

    /** Waits until {@code /ready} answers 200; fails if the process exits or takes too long. */
    public void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("the service exited with " + process.exitValue()
                    + "; its log:\n" + logText());
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service was not ready after " + READY_TIMEOUT_MS + " ms; its log:\n" + logText());
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, then SIGKILL if it does not stop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
