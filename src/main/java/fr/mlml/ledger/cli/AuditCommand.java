package fr.mlml.ledger.cli;

import picocli.CommandLine.Command;


/** {@code audit}: the auditor's offline checks. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the ledger's books offline.",
        subcommands = {AuditVerifyCommand.class})
final class AuditCommand extends GroupCommand {
}
