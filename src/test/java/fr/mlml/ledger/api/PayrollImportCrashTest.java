package fr.mlml.ledger.api;

import fr.mlml.ledger.ChildService;
import fr.mlml.ledger.Main;
import fr.mlml.ledger.cli.LedgerCommand;
import fr.mlml.ledger.crypto.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A payroll of 10,000 payments imported from the command line while the service is killed (SIGKILL) and restarted
 * midway, then imported again, as a bookkeeper would when unsure: every payment is made exactly once, and the
 * second run reports each line as done.
 */
class PayrollImportCrashTest {
    private static final int LINES = 10_000;
    private static final int WORKERS = 50;

    @TempDir
    Path dir;

    @Test
    void aPayrollImportedAcrossAKillPaysEveryLineExactlyOnce() throws Exception {
        Path home = dir.resolve("service");
        Map<String, String> env = Map.of("LEDGER_ADMIN_TOKEN", ApiFixture.ADMIN);
        ChildService service = new ChildService(home, Main.class, List.of("-Xmx512m"), env);
        try {
            service.awaitReady();
            ApiFixture f = new ApiFixture(service.port);
            f.member("pc-employer", "business");
            f.account("mlc:pc-employer", "pc-employer", "MLC");
            for (int w = 0; w < WORKERS; w++) {
                f.member("pc-worker-" + w, "citizen");
                f.account("mlc:pc-worker-" + w, "pc-worker-" + w, "MLC");
            }
            long funds = 100_000_000;
            f.issue("mlc:pc-employer", funds);
            ApiFixture.Signer key = f.key("pc-employer", "pc-payroll");
            Path keyFile = dir.resolve("payroll.key");
            Files.writeString(keyFile, Ed25519.base64url(key.seed()) + "\n");
            String token = f.memberToken("pc-employer");
            StringBuilder csv = new StringBuilder("debit_account;credit_account;amount;currency;memo\n");
            long total = 0;
            long[] perWorker = new long[WORKERS];
            for (int i = 0; i < LINES; i++) {
                long cents = 100 + i % 97;
                total += cents;
                perWorker[i % WORKERS] += cents;
                csv.append("mlc:pc-employer;mlc:pc-worker-").append(i % WORKERS).append(';').append(cents / 100)
                        .append(',').append(String.format("%02d", cents % 100)).append(";MLC;ligne ").append(i)
                        .append('\n');
            }
            Path payroll = dir.resolve("paie-novembre.csv");
            Files.writeString(payroll, csv);
            String[] importIt = {"import", payroll.toString(), "--server", "http://127.0.0.1:" + service.port,
                    "--token", token, "--key-file", keyFile.toString(), "--key-id", key.keyId(), "--output", "json"};

            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> run(importIt).status);
            while (f.balance("mlc:pc-employer") == funds && !first.isDone()) Thread.sleep(5);
            long paidAtKill = funds - f.balance("mlc:pc-employer");
            service.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL, mid-import
            service = new ChildService(home, Main.class, List.of("-Xmx512m"), Map.of("LEDGER_ADMIN_TOKEN",
                    ApiFixture.ADMIN, "LEDGER_HTTP_PORT", Integer.toString(service.port)));
            service.awaitReady();
            int firstStatus = first.get(120, TimeUnit.SECONDS);
            System.out.printf("payroll import: SIGKILL after %d of %d cents had moved; the first run ended %d%n",
                    paidAtKill, total, firstStatus);

            Result again = run(importIt);
            assertEquals(0, again.status, again.err);
            assertTrue(again.err.contains(LINES + " lines: " + LINES + " paid (now or before), 0 refused"), again.err);
            assertEquals(funds - total, f.balance("mlc:pc-employer"), "every line paid exactly once");
            for (int w = 0; w < WORKERS; w++) {
                assertEquals(perWorker[w], f.balance("mlc:pc-worker-" + w), "worker " + w);
            }
        } finally {
            service.close();
        }
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LedgerCommand.commandLine(() -> { });
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }
}
