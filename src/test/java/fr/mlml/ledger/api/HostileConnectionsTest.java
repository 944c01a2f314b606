package fr.mlml.ledger.api;

import fr.mlml.ledger.ChildService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strangers holding connections, against a service process with a 256 MiB heap (before: 1,200 half-sent bodies of
 * 1 MiB ran it out of memory, it stayed up answering nothing, and a connection with half its headers was still
 * open after 300 s). A body is read only for a token that may use the route, so a half-sent body without a token is
 * answered 401 at once and costs nothing; the header and request timeouts (short here, by the environment) close
 * what they hold; {@code /health} is answered meanwhile.
 */
class HostileConnectionsTest {
    private static final int HELD = 1_000;
    /** The connections' timeouts for this test, in seconds: long enough that all are held at once. */
    private static final String HEADER_TIMEOUT_S = "5";
    private static final String REQUEST_TIMEOUT_S = "8";

    @TempDir
    static Path dir;
    private static ChildService service;

    @BeforeAll
    static void start() throws Exception {
        service = new ChildService(dir, fr.mlml.ledger.Main.class, List.of("-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError"), Map.of("LEDGER_HTTP_HEADER_TIMEOUT_S", HEADER_TIMEOUT_S,
                "LEDGER_HTTP_REQUEST_TIMEOUT_S", REQUEST_TIMEOUT_S, "LEDGER_HTTP_IDLE_TIMEOUT_S", "30",
                "LEDGER_HTTP_MAX_CONNECTIONS", Integer.toString(HELD + 100)));
        service.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void aThousandHalfSentBodiesWithoutATokenAreAnsweredAtOnceAndClosedWhileHealthIsServed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < HELD; i++) {
                Socket s = RawHttp.open(service.port);
                RawHttp.send(s, "POST /v1/transfers HTTP/1.1\r\nHost: ledger\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 1048576\r\n\r\n{\"transfers\":[");
                held.add(s);
            }
            // Each is refused from its headers, its body never waited for.
            for (Socket s : held) {
                String answer = RawHttp.readAnswer(s);
                assertTrue(answer.startsWith("HTTP/1.1 401 "), answer);
                assertTrue(answer.contains("\"code\":\"unauthorized\""), answer);
            }
            // Held (still open, their bodies unsent): the service answers its health check.
            long slowestMs = 0;
            for (int probe = 0; probe < 10; probe++) {
                long start = System.nanoTime();
                assertEquals(200, new ApiClient(service.port).get("/health", null).status());
                slowestMs = Math.max(slowestMs, (System.nanoTime() - start) / 1_000_000);
            }
            // Then the service closes every one of them by itself: they sent nothing more.
            int closed = 0;
            for (Socket s : held) if (RawHttp.readOrReset(s.getInputStream()) == -1) closed++;
            assertEquals(HELD, closed, "every held connection was closed by the service");
            assertTrue(service.process.isAlive(), service.logText());
            assertFalse(service.logText().contains("java.lang.OutOfMemoryError"), service.logText());
            assertEquals(200, new ApiClient(service.port).get("/health", null).status());
            System.out.printf("hostile connections: %d half-sent bodies without a token answered 401 and closed by the "
                    + "service; /health meanwhile at most %d ms%n", HELD, slowestMs);
        } finally {
            for (Socket s : held) s.close();
        }
    }

    @Test
    void aConnectionSendingHalfItsHeadersSlowlyIsClosedUnanswered() throws Exception {
        try (Socket s = RawHttp.open(service.port)) {
            RawHttp.send(s, "POST /v1/transfers HTTP/1.1\r\nHost: ledger\r\n");
            // A byte a second keeps the idle timeout away: only the header timeout can end it.
            Thread dripping = RawHttp.drip(s);
            int first = RawHttp.readOrReset(s.getInputStream());
            dripping.interrupt();
            assertEquals(-1, first, "closed without an answer");
        }
    }
}
