package fr.mlml.ledger.chaos;

import fr.mlml.ledger.journal.PgTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two service processes on one PostgreSQL database (README, PostgreSQL): the second waits on the writer's advisory
 * lock, alive ({@code /health}) but not ready ({@code /ready}: 503 {@code not_ready}, every API route: 503
 * {@code unavailable}) meanwhile; when the writer is killed with SIGKILL, the standby takes the lock, loads the
 * books and serves. Clients that know both addresses retry their unanswered requests against it: nothing they were
 * told is lost, nothing is applied twice, and the checks of {@link ChaosChecks} hold. Its clients' choices come from
 * seed 7, or {@code -Dledger.chaos.seed=N} ({@link ChaosSeed}).
 */
class StandbyTakeoverTest {
    private static final long STANDBY_WATCH_MS = 3_000;
    /** How long the clients may take to get a first acknowledgement from a server that is up: a stalled machine's. */
    private static final long SERVED_DEADLINE_MS = 60_000;

    @TempDir
    Path dir;

    @Test
    void theStandbyWaitsUnreadyThenTakesOverWithoutLossOrDouble() throws Exception {
        ChaosSeed.run(7, seed -> {
            String pgUrl = PgTestServer.database("standby");
            ServiceProcess writer = new ServiceProcess(dir.resolve("writer"), pgUrl);
            ServiceProcess standby = new ServiceProcess(dir.resolve("standby"), pgUrl);
            ChaosHttp toWriter = new ChaosHttp(writer.port);
            ChaosHttp toStandby = new ChaosHttp(standby.port);
            Random random = new Random(seed);
            ChaosBooks books = new ChaosBooks();
            try {
                writer.start();
                writer.awaitReady(toWriter);
                // The audit chain is signed with the ledger's key: the standby is given the writer's, as an operator would.
                Path key = dir.resolve("standby/data/ledger-key");
                Files.createDirectories(key.getParent());
                Files.copy(dir.resolve("writer/data/ledger-key"), key, StandardCopyOption.COPY_ATTRIBUTES);
                List<ChaosMember> members = ChaosMember.openAll(toWriter, ChaosRun.CLIENTS, books);
                standby.start();
                ChaosClients clients = new ChaosClients(new ChaosHttp(writer.port, standby.port), books, members, random);

                standby.awaitAlive(toStandby);
                // Watched for a while and until the writer has served someone, however slow the machine is today.
                long watchEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STANDBY_WATCH_MS);
                long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVED_DEADLINE_MS);
                while (System.nanoTime() < watchEnd || books.acknowledged() == 0 && System.nanoTime() < giveUp) {
                    assertTrue(standby.alive(), "the standby exited while waiting: " + standby.logTail());
                    ChaosHttp.Answer health = toStandby.send("GET", "/health", null, null);
                    assertTrue(health != null && health.status() == 200, "a waiting standby answers /health");
                    refused(toStandby.send("GET", "/ready", null, null), "not_ready");
                    refused(toStandby.send("GET", "/v1/reconciliation", null, null), "unavailable");
                    Thread.sleep(100);
                }
                long before = books.acknowledged();
                assertTrue(before > 0, "the writer served while the standby waited");

                writer.kill();
                long killNs = System.nanoTime();
                standby.awaitReady(toStandby);
                long takeOverMs = (System.nanoTime() - killNs) / 1_000_000;
                long served = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVED_DEADLINE_MS);
                while (books.acknowledged() <= before && System.nanoTime() < served) Thread.sleep(50);
                clients.stopAndJoin();
                assertTrue(books.acknowledged() > before, "the standby served the clients' requests");
                ChaosChecks checks = new ChaosChecks(books, random);
                checks.check("after the take-over", toStandby);
                System.out.printf("standby: alive and not ready while waiting, ready %d ms after the writer's SIGKILL; "
                        + "%d requests, %d acknowledged, %d retried, %d lost, %d doubles%n", takeOverMs, books.requests(),
                        books.acknowledged(), books.retried(), checks.lost(), books.doubles());
                assertEquals(0, checks.lost(), () -> String.join("\n", books.problems()));
                assertEquals(0, books.doubles(), () -> String.join("\n", books.problems()));
                assertTrue(books.problems().isEmpty(), () -> String.join("\n", books.problems()));
            } finally {
                standby.stop();
                writer.stop();
            }
        });
    }

    /** A problem that says the service cannot serve yet (and, the client's side, when to come back). */
    private static void refused(ChaosHttp.Answer a, String code) {
        assertTrue(a != null && a.status() == 503, "a waiting standby answers 503: " + (a == null ? "none" : a.text()));
        assertEquals(code, a.json().getString("code"), a.text());
    }
}
