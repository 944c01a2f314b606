package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.Transfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code request}: a payment request into one of your accounts; prints its {@code pay_url} for the payer. */
@Command(name = "request", mixinStandardHelpOptions = true, description = "Ask to be paid: prints the link the payer opens.")
final class RequestCommand implements Callable<Integer> {
    @Mixin private Connection connection;
    @Mixin private Output output;
    @Option(names = "--to", required = true, paramLabel = "ACCOUNT", description = "your account to be paid into")
    private String to;
    @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "e.g. 12,50") private String amount;
    @Option(names = "--memo", paramLabel = "TEXT") private String memo;
    @Option(names = "--expires-in", defaultValue = "900", paramLabel = "SECONDS",
            description = "how long the payer has (default: ${DEFAULT-VALUE} s)") private long expiresInS;
    @Option(names = "--id", paramLabel = "ID", description = "the request's id (default: a new one)") private String id;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        output.object(spec.commandLine().getOut(), connection.client(false).requestPayment(
                id != null ? id : Transfer.newId(), to, Amounts.parse(amount), memo, expiresInS));
        return 0;
    }
}
