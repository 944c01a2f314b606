package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.LedgerClient;
import fr.mlml.ledger.client.Transfer;
import fr.mlml.ledger.client.TransferResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pay}: one signed transfer, to an account or answering a payment request (its link or ref: the payee,
 * amount and currency are the request's, shown before paying). Its id is printed first, so that running the same
 * command again is safe.
 */
@Command(name = "pay", mixinStandardHelpOptions = true, description = {"Pay from one of your accounts: an account, or "
        + "a payment request's link.", "Give --id to make a retry safe: the same id never pays twice (without it, one "
        + "is made and printed)."})
final class PayCommand implements Callable<Integer> {
    /** Whom to pay: an account with an amount, or a payment request. */
    static final class Payee {
        @ArgGroup(exclusive = false)
        Direct direct;
        @Option(names = "--request", paramLabel = "LINK", description = "a payment request's pay_url or ref")
        String request;
    }

    static final class Direct {
        @Option(names = "--to", required = true, paramLabel = "ACCOUNT") String to;
        @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "e.g. 12,50") String amount;
        @Option(names = "--currency", required = true, paramLabel = "CODE", description = "MLC or MIE") String currency;
    }

    @Mixin private Connection connection;
    @Mixin private Output output;
    @Option(names = "--from", required = true, paramLabel = "ACCOUNT") private String from;
    @ArgGroup(multiplicity = "1") private Payee payee;
    @Option(names = "--memo", paramLabel = "TEXT") private String memo;
    @Option(names = "--id", paramLabel = "UUID", description = "the transfer's id (default: a new one)") private String id;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LedgerClient client = connection.client(true);
        String transferId = id != null ? id : Transfer.newId();
        if (id == null) spec.commandLine().getErr().println("transfer id " + transferId
                + " (run again with --id " + transferId + " if you are unsure it went through)");
        TransferResult r = client.pay(payee.request == null ? new Transfer(transferId, from, payee.direct.to,
                Amounts.parse(payee.direct.amount), payee.direct.currency, memo) : answering(client, transferId));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", r.id());
        shown.put("status", r.status());
        if (r.code() != null) shown.put("code", r.code());
        output.object(spec.commandLine().getOut(), shown);
        return r.done() ? 0 : 1;
    }

    /** The transfer a payment request asks for, after saying on stderr whom it pays and how much. */
    private Transfer answering(LedgerClient client, String transferId) {
        String ref = payee.request.substring(payee.request.lastIndexOf('/') + 1);
        Map<String, Object> p = client.payable(ref);
        if (!"open".equals(p.get("status"))) {
            throw new IllegalArgumentException("the payment request " + ref + " is " + p.get("status") + ": nothing to pay");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> to = (Map<String, Object>) p.get("payee");
        long amount = (Long) p.get("amount");
        spec.commandLine().getErr().println("paying " + Amounts.format(amount) + " " + p.get("currency") + " to "
                + to.get("name") + (p.get("memo") == null ? "" : " (" + p.get("memo") + ")"));
        return new Transfer(transferId, from, (String) p.get("credit_account"), amount, (String) p.get("currency"),
                memo != null ? memo : (String) p.get("memo"), ref.substring(ref.indexOf('~') + 1));
    }
}
