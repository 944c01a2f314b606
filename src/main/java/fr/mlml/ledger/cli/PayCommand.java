package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.Transfer;
import fr.mlml.ledger.client.TransferResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pay}: one signed transfer; its id is printed first, so that running the same command again is safe. */
@Command(name = "pay", mixinStandardHelpOptions = true, description = {"Pay from one of your accounts.",
        "Give --id to make a retry safe: the same id never pays twice (without it, one is made and printed)."})
final class PayCommand implements Callable<Integer> {
    @Mixin private Connection connection;
    @Mixin private Output output;
    @Option(names = "--from", required = true, paramLabel = "ACCOUNT") private String from;
    @Option(names = "--to", required = true, paramLabel = "ACCOUNT") private String to;
    @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "e.g. 12,50") private String amount;
    @Option(names = "--currency", required = true, paramLabel = "CODE", description = "MLC or MIE") private String currency;
    @Option(names = "--memo", paramLabel = "TEXT") private String memo;
    @Option(names = "--id", paramLabel = "UUID", description = "the transfer's id (default: a new one)") private String id;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String transferId = id != null ? id : Transfer.newId();
        if (id == null) spec.commandLine().getErr().println("transfer id " + transferId
                + " (run again with --id " + transferId + " if you are unsure it went through)");
        TransferResult r = connection.client(true).pay(new Transfer(transferId, from, to, Amounts.parse(amount),
                currency, memo));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", r.id());
        shown.put("status", r.status());
        if (r.code() != null) shown.put("code", r.code());
        output.object(spec.commandLine().getOut(), shown);
        return r.done() ? 0 : 1;
    }
}
