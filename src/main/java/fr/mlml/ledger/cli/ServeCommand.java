package fr.mlml.ledger.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Starts the service: configuration from {@code config/ledger.json} and the environment (README, "Run it"). */
@Command(name = LedgerCommand.SERVE, mixinStandardHelpOptions = true,
        description = {"Start the ledger service (what the jar does with no command).",
                "Configuration: config/ledger.json (another with LEDGER_CONFIG) and the LEDGER_* variables."})
final class ServeCommand implements Callable<Integer> {
    private final Runnable serve;

    ServeCommand(Runnable serve) {
        this.serve = serve;
    }

    @Override
    public Integer call() {
        serve.run();
        return 0;
    }
}
