package fr.mlml.ledger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;


/**
 * {@code java -jar target/mlml-ledger.jar [command]}: the service ({@code serve}, the default with no command) and
 * the command line for people and scripts. Every command has {@code --help}; an unknown command or flag prints the
 * usage on stderr and exits 2; a command that fails exits non-zero with its reason on stderr.
 */
@Command(name = "mlml-ledger", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The ledger of the MLML currencies: the service (serve, the default) and its command line.",
        subcommands = {ProfileCommand.class, EnrollCommand.class, KeygenCommand.class, SignCommand.class, PayCommand.class,
                RequestCommand.class, AccountCommands.Balance.class, AccountCommands.History.class,
                AccountCommands.Statement.class, ConvertCommand.class, ImportCommand.class, EventsCommand.class,
                WebhooksCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class LedgerCommand extends GroupCommand {
    static final String SERVE = "serve";

    /** The whole command line; {@code serve} starts the service with {@code serve}. */
    public static CommandLine commandLine(Runnable serve) {
        CommandLine cli = new CommandLine(new LedgerCommand());
        cli.addSubcommand(SERVE, new ServeCommand(serve));
        // A refusal or a fault is one line on stderr in the user's terms, not a stack trace; the status says it failed.
        // A mistake in the command line: what was wrong, then the usage of the command it concerns.
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
            command.usage(command.getErr());
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            boolean ours = e instanceof fr.mlml.ledger.client.LedgerException || e instanceof IllegalArgumentException;
            command.getErr().println(command.getCommandName() + ": " + (ours ? e.getMessage() : e.getClass()
                    .getSimpleName() + " " + e.getMessage()));
            command.getErr().flush();
            return 1;
        });
        return cli;
    }

    /** Whether the last {@code execute} of {@code cli} started the service (which then keeps the process alive). */
    public static boolean served(CommandLine cli) {
        CommandLine.ParseResult parsed = cli.getParseResult();
        return parsed != null && parsed.hasSubcommand() && SERVE.equals(parsed.subcommand().commandSpec().name())
                && !parsed.subcommand().isUsageHelpRequested();
    }

}
