package fr.mlml.ledger;

import fr.mlml.ledger.cli.LedgerCommand;
import fr.mlml.ledger.config.FecChart;
import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.LedgerConfig;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of {@code target/mlml-ledger.jar}: the command line ({@link LedgerCommand}); with no command, or
 * {@code serve}, it reads {@code config/ledger.json} (another with {@code LEDGER_CONFIG}) and the environment, starts
 * the service, and stops it cleanly on SIGTERM.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = LedgerCommand.commandLine(Main::serve);
        int status = cli.execute(args.length == 0 ? new String[] {"serve"} : args);
        // A started service keeps the process alive on its own threads; any other command ends it with its status.
        if (status != 0 || !LedgerCommand.served(cli)) System.exit(status);
    }

    private static void serve() {
        Path path = Path.of(System.getenv().getOrDefault("LEDGER_CONFIG", LedgerConfigFile.DEFAULT_PATH.toString()));
        LedgerConfig config;
        ServiceSettings settings;
        FecChart chart;
        try {
            config = LedgerConfigFile.load(path);
            JsonObject file = new JsonObject(Files.readString(path));
            settings = ServiceSettings.of(file.getJsonObject("service", new JsonObject()), System.getenv());
            chart = FecChart.of(file.getJsonObject("fec"), config);
        } catch (Exception e) {
            System.err.println("mlml-ledger: configuration refused: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("configuration {}", path.toAbsolutePath());
        // Fail-stop: an Error on any thread (the engine's or an event loop's, when memory ran out or an invariant
        // broke) leaves a process not to be trusted; it stops at once and a supervisor restarts it from the journal.
        FailStop.arm();
        FailStop.warnUnlessJvmExitsOnOom();
        LedgerService service;
        try {
            service = LedgerService.start(settings, config, chart);
        } catch (Exception e) {
            LOG.error("could not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                LOG.error("stopping failed", e);
            }
        }, "shutdown"));
    }
}
