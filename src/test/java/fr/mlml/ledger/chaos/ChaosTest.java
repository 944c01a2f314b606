package fr.mlml.ledger.chaos;

import fr.mlml.ledger.journal.PgTestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bank test under faults ({@link ChaosRun}) on each journal: nothing acknowledged is lost, nothing is applied
 * twice, the books reconcile and the audit chain verifies after every fault. {@code -Dledger.chaos.cycles=N} sets
 * the faults per journal (5 here; {@code loadtest/bench chaos} runs 100); each run's tally goes to
 * {@code target/chaos-<journal>.json}. Its seed is printed and named in a failure; {@code -Dledger.chaos.seed=N}
 * replays it ({@link ChaosSeed}).
 */
class ChaosTest {
    private static final int CYCLES = Integer.getInteger("ledger.chaos.cycles", 5);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"file", "postgres"})
    void nothingAcknowledgedIsLostOrDoubledThroughFaults(String journal) throws Exception {
        ChaosSeed.run(System.nanoTime(), seed -> {
            String pgUrl = journal.equals("postgres") ? PgTestServer.database("chaos") : null;
            ChaosReport report = new ChaosRun(dir, pgUrl, CYCLES, seed).run();
            String line = report.toJson().put("seed", seed).encode();
            System.out.println("chaos: " + line);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "chaos-" + journal + ".json"), line);
            assertEquals(0, report.lost(), line);
            assertEquals(0, report.doubles(), line);
            assertTrue(report.problems().isEmpty(), () -> String.join("\n", report.problems()));
            assertTrue(report.acknowledged() > CYCLES, "too little was acknowledged to prove anything: " + line);
        });
    }
}
