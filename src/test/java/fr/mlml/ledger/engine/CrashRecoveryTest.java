package fr.mlml.ledger.engine;

import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferStatus;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.pg.PgJournal;
import fr.mlml.ledger.journal.PgTestServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real engine process with SIGKILL at random moments and checks, after each restart from its journal (file or
 * PostgreSQL),
 * that every acknowledged transfer is there, that no atomic pair is half there, that the books balance and that the
 * audit chain verifies.
 */
class CrashRecoveryTest {
    /** Kill-and-restart cycles per journal; {@code -Dledger.crash.cycles=N} runs more (each takes a few seconds). */
    private static final int CYCLES = Integer.getInteger("ledger.crash.cycles", 10);
    private static final LedgerConfig CONFIG = LedgerConfigFile.load(Path.of("config", "ledger.json"));

    @TempDir
    Path data;

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "postgres"})
    void acknowledgedTransfersSurviveKillNineAndNothingIsHalfThere(String storage) throws Exception {
        String pgUrl = storage.equals("postgres") ? PgTestServer.database("crash") : null;
        Random random = new Random(42);
        long acknowledgedTotal = 0;
        for (int run = 1; run <= CYCLES; run++) {
            List<Long> acked = runAndKill(run, 100 + random.nextInt(600), pgUrl);
            acknowledgedTotal += acked.size();
            LedgerKey key = LedgerKey.loadOrCreate(data);
            Journal journal = pgUrl == null ? new FileJournal(data, key) : new PgJournal(vertx, pgUrl, key);
            LedgerReplay replay = new LedgerReplay(CONFIG, journal::archived);
            journal.recover(replay);
            Ledger ledger = replay.ledger();
            try {
                for (long pair : acked) {
                    TransferRecord first = ledger.transfer(run, 2 * pair);
                    assertNotNull(first, "run " + run + ": acknowledged pair " + pair + " lost");
                    assertEquals(TransferStatus.POSTED, first.status());
                }
                long pairsThere = 0;
                for (long pair = 1; ledger.transfer(run, 2 * pair) != null; pair++) {
                    TransferRecord a = ledger.transfer(run, 2 * pair);
                    TransferRecord b = ledger.transfer(run, 2 * pair + 1);
                    assertNotNull(b, "run " + run + ": pair " + pair + " half there");
                    assertEquals(a.status(), b.status(), "run " + run + ": pair " + pair + " half applied");
                    pairsThere++;
                }
                assertTrue(pairsThere >= acked.size());
                assertTrue(ledger.reconciliation(0).invariantsOk(), "run " + run + ": books do not balance");
                assertTrue(journal.verify().ok(), "run " + run + ": audit chain does not verify");
            } finally {
                journal.close();
            }
        }
        assertTrue(acknowledgedTotal > CYCLES, "the child acknowledged too little to prove anything: " + acknowledgedTotal);
    }

    /** Starts the child, lets it work {@code runMs} after its first ack, kills it with SIGKILL; returns its acks. */
    private List<Long> runAndKill(int run, int runMs, String pgUrl) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-ea", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), data.toString(), Integer.toString(run)));
        if (pgUrl != null) command.add(pgUrl);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> acked = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        while (first != null && !first.equals("READY")) first = lines.readLine();
        assertEquals("READY", first, "child did not start");
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        synchronized (acked) {
                            acked.add(Long.parseLong(line.substring(4)));
                        }
                    }
                }
            } catch (java.io.IOException ignored) {
                // The pipe breaks when the child dies: what was read is what was acknowledged.
            }
        });
        reader.start();
        // Killed runMs after its first acknowledgement, so that every run kills work in flight however slowly a
        // loaded machine starts the child.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()) {
            synchronized (acked) {
                if (!acked.isEmpty()) break;
            }
            Thread.sleep(5);
        }
        Thread.sleep(runMs);
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        reader.join(10_000);
        synchronized (acked) {
            return new ArrayList<>(acked);
        }
    }
}
