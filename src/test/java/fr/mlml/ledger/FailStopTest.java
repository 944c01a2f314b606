package fr.mlml.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack's end state before: out of memory inside the handlers, the process stayed up answering nothing and a
 * supervisor never restarted it. Now an {@link Error} on an event loop or on the engine thread ends the process with
 * status 70 (a service process each time, {@link FailStopChild}); an exception does not, and the service still
 * serves; and a JVM started without {@code -XX:+ExitOnOutOfMemoryError} is warned of.
 */
class FailStopTest {
    /** Generous: the point is that it exits by itself, where before it never did. */
    private static final long EXIT_WAIT_S = 30;
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
    private static final String WARNING = "the JVM runs without -XX:+ExitOnOutOfMemoryError";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"event-loop", "engine"})
    void anErrorOnAnyThreadEndsTheProcessWithStatus70(String where) throws Exception {
        try (ChildService child = new ChildService(dir, FailStopChild.class, JVM, Map.of(), where, "error")) {
            assertTrue(child.process.waitFor(EXIT_WAIT_S + 90, TimeUnit.SECONDS), "still running after an Error on "
                    + where + ":\n" + child.logText());
            assertEquals(FailStop.STATUS, child.process.exitValue(), child.logText());
            assertTrue(child.logText().contains("halting with status 70"), child.logText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loop", "engine"})
    void anExceptionIsNotFatal(String where) throws Exception {
        try (ChildService child = new ChildService(dir, FailStopChild.class, JVM, Map.of(), where, "exception")) {
            child.awaitReady();
            // The exception was thrown once the service was up; it is served after it.
            awaitLogged(child, "thrown by the test on " + (where.equals("engine") ? "the engine thread"
                    : "an event loop"));
            assertEquals(200, get(child, "/health"));
            child.awaitReady();
            assertTrue(child.process.isAlive(), child.logText());
        }
    }

    @Test
    void aJvmThatWouldNotExitOnOutOfMemoryIsWarnedOf() throws Exception {
        try (ChildService without = new ChildService(dir.resolve("without"), Main.class, List.of("-Xmx256m"),
                Map.of()); ChildService with = new ChildService(dir.resolve("with"), Main.class, JVM, Map.of())) {
            without.awaitReady();
            with.awaitReady();
            assertTrue(without.logText().contains(WARNING), without.logText());
            assertFalse(with.logText().contains(WARNING), with.logText());
        }
    }

    private static void awaitLogged(ChildService child, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_WAIT_S);
        while (!child.logText().contains(text)) {
            assertTrue(System.nanoTime() < deadline, "never logged: " + text + "\n" + child.logText());
            Thread.sleep(100);
        }
    }

    private static int get(ChildService child, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + child.port
                + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
