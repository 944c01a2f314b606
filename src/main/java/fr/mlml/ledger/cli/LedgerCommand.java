package fr.mlml.ledger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code java -jar target/mlml-ledger.jar [command]}: the service ({@code serve}, the default with no command) and
 * the command line for people and scripts. Every command has {@code --help}; an unknown command or flag prints the
 * usage on stderr and exits 2; a command that fails exits non-zero with its reason on stderr.
 */
@Command(name = "mlml-ledger", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The ledger of the MLML currencies: the service (serve, the default) and its command line.",
        subcommands = {AuditCommand.class, KeygenCommand.class, SignCommand.class, CommandLine.HelpCommand.class})
public final class LedgerCommand implements Callable<Integer> {
    static final String SERVE = "serve";

    @Spec
    private CommandSpec spec;

    /** The whole command line; {@code serve} starts the service with {@code serve}. */
    public static CommandLine commandLine(Runnable serve) {
        CommandLine cli = new CommandLine(new LedgerCommand());
        cli.addSubcommand(SERVE, new ServeCommand(serve));
        return cli;
    }

    /** Whether the last {@code execute} of {@code cli} started the service (which then keeps the process alive). */
    public static boolean served(CommandLine cli) {
        CommandLine.ParseResult parsed = cli.getParseResult();
        return parsed != null && parsed.hasSubcommand() && SERVE.equals(parsed.subcommand().commandSpec().name())
                && !parsed.subcommand().isUsageHelpRequested();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }
}
