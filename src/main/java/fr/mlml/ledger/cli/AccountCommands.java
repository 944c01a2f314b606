package fr.mlml.ledger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** What an account holder reads: {@code balance}, {@code history}, {@code statement}. */
final class AccountCommands {
    private AccountCommands() {
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "An account's balance now.")
    static final class Balance implements Callable<Integer> {
        @Mixin private Connection connection;
        @Mixin private Output output;
        @Parameters(paramLabel = "ACCOUNT") private String account;
        @Spec private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> a = connection.client(false).account(account);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("account", a.get("id"));
            shown.put("balance", output.format == Output.Format.json ? a.get("balance")
                    : Amounts.format((Long) a.get("balance")) + " " + a.get("currency"));
            shown.put("status", a.get("status"));
            output.object(spec.commandLine().getOut(), shown);
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "An account's transfers, newest first.")
    static final class History implements Callable<Integer> {
        @Mixin private Connection connection;
        @Mixin private Output output;
        @Parameters(paramLabel = "ACCOUNT") private String account;
        @Option(names = "--limit", defaultValue = "20", paramLabel = "N") private int limit;
        @Option(names = "--after", paramLabel = "CURSOR", description = "the `next` of the previous page") private Long after;
        @Spec private CommandSpec spec;

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() throws Exception {
            Map<String, Object> page = connection.client(false).history(account, limit, after);
            List<Map<String, Object>> items = (List<Map<String, Object>>) (List<?>) page.get("items");
            output.rows(spec.commandLine().getOut(), List.of("timestamp", "id", "debit_account", "credit_account",
                    "amount", "balance_after", "status", "memo"), items);
            if (page.get("next") != null) spec.commandLine().getErr().println("more: --after " + page.get("next"));
            return 0;
        }
    }

    @Command(name = "statement", mixinStandardHelpOptions = true,
            description = "An account's statement as CSV, for a spreadsheet.")
    static final class Statement implements Callable<Integer> {
        @Mixin private Connection connection;
        @Parameters(paramLabel = "ACCOUNT") private String account;
        @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "e.g. 2026-11-01T00:00:00Z")
        private String from;
        @Option(names = "--to", paramLabel = "INSTANT", description = "default: now") private String to;
        @Spec private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().print(connection.client(false).statementCsv(account, from, to));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
