package fr.mlml.ledger;

import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.Reconciliation;

import java.nio.file.Path;

/**
 * Entry point of {@code target/mlml-ledger.jar}. This build holds the ledger core: it checks the configuration,
 * opens a ledger at genesis and prints its books. The HTTP service and the journal are not part of it yet.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Path path = Path.of(System.getenv().getOrDefault("LEDGER_CONFIG", LedgerConfigFile.DEFAULT_PATH.toString()));
        LedgerConfig config;
        try {
            config = LedgerConfigFile.load(path);
        } catch (IllegalArgumentException e) {
            System.err.println("mlml-ledger: configuration refused: " + e.getMessage());
            System.exit(2);
            return;
        }
        Ledger ledger = new Ledger(config, (hi, lo) -> null);
        System.out.println("mlml-ledger: configuration " + path.toAbsolutePath() + " is valid");
        for (int a = 0; a < ledger.accountCount(); a++) {
            System.out.println("  system account " + ledger.accountAt(a).id() + " (" + ledger.accountAt(a).currency() + ")");
        }
        Reconciliation books = ledger.reconciliation(System.currentTimeMillis());
        System.out.println("mlml-ledger: invariants at genesis: " + (books.invariantsOk() ? "ok" : "BROKEN"));
        System.out.println("mlml-ledger: this build holds the ledger core only; the HTTP service is not part of it yet");
    }
}
