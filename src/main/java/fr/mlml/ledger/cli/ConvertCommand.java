package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.Transfer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code convert}: MLC↔MIE into another of your accounts, or MLC back to euros. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert between currencies (within the association's caps).")
final class ConvertCommand implements Callable<Integer> {
    static final class Target {
        @Option(names = "--to", paramLabel = "ACCOUNT", description = "your account in the other currency")
        String account;
        @Option(names = "--to-currency", paramLabel = "EUR", description = "EUR: back to euros") String currency;
    }

    @Mixin private Connection connection;
    @Mixin private Output output;
    @Option(names = "--from", required = true, paramLabel = "ACCOUNT") private String from;
    @ArgGroup(multiplicity = "1") private Target target;
    @Option(names = "--amount", required = true, paramLabel = "AMOUNT") private String amount;
    @Option(names = "--reference", paramLabel = "TEXT") private String reference;
    @Option(names = "--id", paramLabel = "UUID", description = "the conversion's id (default: a new one)") private String id;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String conversionId = id != null ? id : Transfer.newId();
        if (id == null) spec.commandLine().getErr().println("conversion id " + conversionId);
        Map<String, Object> r = connection.client(true).convert(conversionId, from, target.account, target.currency,
                Amounts.parse(amount), reference);
        output.object(spec.commandLine().getOut(), r);
        return "rejected".equals(r.get("status")) ? 1 : 0;
    }
}
