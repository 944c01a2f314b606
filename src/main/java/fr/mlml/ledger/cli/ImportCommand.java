package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.Transfer;
import fr.mlml.ledger.client.TransferResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code import payments.csv}: pays every line (a payroll), in signed batches, and reports each line's result. Safe
 * to run twice: each line's transfer id is its {@code id} column or, without one, an id made on the first run and
 * kept in {@code <file>.ids} (written and forced to disk before anything is sent), so a second run sends the same
 * ids and the ledger answers {@code exists} for what was already paid.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = {"Pay every line of a CSV (a payroll).",
        "Columns: id (optional), debit_account, credit_account, amount (12,50), currency, memo (optional).",
        "Safe to run again: the ids are kept (the id column, or FILE.ids made on the first run)."})
final class ImportCommand implements Callable<Integer> {
    @Mixin private Connection connection;
    @Mixin private Output output;
    @Parameters(paramLabel = "FILE") private Path file;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<PaymentsCsv.Line> lines = PaymentsCsv.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        List<String> ids = ids(lines);
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            PaymentsCsv.Line l = lines.get(i);
            transfers.add(new Transfer(ids.get(i), l.debit(), l.credit(), l.amount(), l.currency(), l.memo()));
        }
        List<TransferResult> results = connection.client(true).pay(transfers);
        List<Map<String, Object>> rows = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < results.size(); i++) {
            TransferResult r = results.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", (long) lines.get(i).number());
            row.put("id", r.id());
            row.put("status", r.status());
            row.put("code", r.code());
            rows.add(row);
            if (!r.done()) failed++;
        }
        output.rows(spec.commandLine().getOut(), List.of("line", "id", "status", "code"), rows);
        spec.commandLine().getErr().println(lines.size() + " lines: " + (lines.size() - failed) + " paid (now or "
                + "before), " + failed + " refused");
        return failed == 0 ? 0 : 1;
    }

    /** The lines' ids: their own, or those kept beside the file, made and kept on the first run. */
    private List<String> ids(List<PaymentsCsv.Line> lines) throws IOException {
        if (lines.stream().allMatch(l -> l.id() != null)) return lines.stream().map(PaymentsCsv.Line::id).toList();
        if (lines.stream().anyMatch(l -> l.id() != null)) {
            throw new IllegalArgumentException("some lines have an id and others not: give every line one, or none");
        }
        Path kept = file.resolveSibling(file.getFileName() + ".ids");
        if (Files.exists(kept)) {
            List<String> ids = Files.readAllLines(kept, StandardCharsets.US_ASCII);
            if (ids.size() != lines.size()) {
                throw new IllegalArgumentException(kept + " holds " + ids.size() + " ids for " + lines.size()
                        + " lines: the file changed since its first run; import a new file instead");
            }
            return ids;
        }
        List<String> ids = lines.stream().map(l -> Transfer.newId()).toList();
        Files.write(kept, ids, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
        return ids;
    }
}
