package fr.mlml.ledger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code audit}: the auditor's offline checks. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the ledger's books offline.",
        subcommands = {AuditVerifyCommand.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }
}
