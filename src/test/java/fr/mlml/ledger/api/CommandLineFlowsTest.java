package fr.mlml.ledger.api;

import com.sun.net.httpserver.HttpServer;
import fr.mlml.ledger.cli.LedgerCommand;
import fr.mlml.ledger.crypto.Ed25519;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar's command line against the real service, as a member's bookkeeper uses it from a shell: pay, pay again
 * with the same id, a payroll imported twice, balance, history, statement, events printed and forwarded.
 */
class CommandLineFlowsTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    private static ApiFixture f;
    private static String[] connection;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null);
        f.member("cli-dupont", "business");
        f.member("cli-claire", "citizen");
        f.account("mlc:cli-dupont", "cli-dupont", "MLC");
        f.account("mlc:cli-claire", "cli-claire", "MLC");
        f.issue("mlc:cli-dupont", 1_000_00);
        ApiFixture.Signer key = f.key("cli-dupont", "cli-dupont-books");
        Path keyFile = work.resolve("dupont.key");
        Files.writeString(keyFile, Ed25519.base64url(key.seed()) + "\n");
        connection = new String[] {"--server", "http://127.0.0.1:" + f.service.port(), "--token",
                f.memberToken("cli-dupont"), "--key-file", keyFile.toString(), "--key-id", key.keyId()};
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(connection));
        CommandLine cli = LedgerCommand.commandLine(() -> { });
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void payingTwiceWithTheSameIdPaysOnce() {
        long before = f.balance("mlc:cli-dupont");
        String id = UUID.randomUUID().toString();
        String[] pay = {"pay", "--from", "mlc:cli-dupont", "--to", "mlc:cli-claire", "--amount", "12,50",
                "--currency", "MLC", "--memo", "facture 7", "--id", id};
        assertEquals(0, run(pay), err.toString());
        assertTrue(out.toString().matches("(?s).*status +created.*"), out.toString());
        assertEquals(0, run(pay), err.toString());
        assertTrue(out.toString().matches("(?s).*status +exists.*"), out.toString());
        assertEquals(before - 12_50, f.balance("mlc:cli-dupont"));
    }

    @Test
    void aPayrollImportedTwicePaysEachLineOnceAndReportsEveryLine() throws Exception {
        long before = f.balance("mlc:cli-dupont");
        Path payroll = work.resolve("novembre.csv");
        Files.writeString(payroll, "debit_account;credit_account;amount;currency;memo\n"
                + "mlc:cli-dupont;mlc:cli-claire;100,00;MLC;\"salaire; novembre\"\n"
                + "mlc:cli-dupont;mlc:cli-claire;0,5;MLC;prime\n"
                + "mlc:cli-dupont;mlc:cli-nobody;1;MLC;erreur de compte\n", StandardCharsets.UTF_8);
        assertEquals(1, run("import", payroll.toString(), "--output", "json"), "one line refused: " + err);
        String first = out.toString();
        assertTrue(first.contains("\"line\":2,") && first.contains("\"status\":\"created\""), first);
        assertTrue(first.contains("\"line\":4,") && first.contains("\"code\":\"unknown_account\""), first);
        assertTrue(err.toString().contains("3 lines: 2 paid (now or before), 1 refused"), err.toString());
        assertEquals(before - 100_50, f.balance("mlc:cli-dupont"));
        assertTrue(Files.exists(work.resolve("novembre.csv.ids")), "ids kept before sending");
        out.getBuffer().setLength(0);
        assertEquals(1, run("import", payroll.toString(), "--output", "json"));
        assertTrue(out.toString().contains("\"status\":\"exists\"") && !out.toString().contains("\"created\""),
                out.toString());
        assertEquals(before - 100_50, f.balance("mlc:cli-dupont"), "the second run paid nothing again");
    }

    @Test
    void theAccountIsReadAsAPersonReadsIt() {
        assertEquals(0, run("balance", "mlc:cli-dupont"), err.toString());
        assertTrue(out.toString().matches("(?s)account +mlc:cli-dupont\nbalance +[0-9]+,[0-9]{2} MLC\n.*"),
                out.toString());
        assertEquals(0, run("history", "mlc:cli-dupont", "--limit", "5"), err.toString());
        assertTrue(out.toString().contains("balance_after"), out.toString());
        assertEquals(0, run("statement", "mlc:cli-dupont", "--from", "2020-01-01T00:00:00Z"), err.toString());
        assertTrue(out.toString().contains("mlc:cli-dupont"), out.toString());
        assertEquals(1, run("balance", "mlc:cli-claire"), "another member's account is not there for Dupont");
        assertTrue(err.toString().startsWith("balance: 404 not_found"), err.toString());
    }

    @Test
    void aComputerEnrolsWithACodeAndPaysWithTheKeyItMade() throws Exception {
        String code = f.client.post("/v1/members/cli-dupont/enrollments", ApiFixture.ADMIN,
                new io.vertx.core.json.JsonObject().put("role", "member")).json().getString("code");
        Path profiles = work.resolve("enrolled").resolve("profiles.json");
        System.setProperty("mlml.ledger.profiles", profiles.toString());
        try {
            CommandLine cli = LedgerCommand.commandLine(() -> { });
            cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
            assertEquals(0, cli.execute("enroll", code, "--server", "http://127.0.0.1:" + f.service.port(),
                    "--profile", "books", "--device-name", "bookkeeping server"), err.toString());
            assertTrue(out.toString().matches("(?s).*member_id +cli-dupont.*"), out.toString());
            assertTrue(!out.toString().contains("\ntoken "), "the token is kept, not printed: " + out);
            Path key = work.resolve("enrolled").resolve("books.key");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(key)));
            long before = f.balance("mlc:cli-dupont");
            CommandLine again = LedgerCommand.commandLine(() -> { });
            again.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
            assertEquals(0, again.execute("pay", "--profile", "books", "--from", "mlc:cli-dupont", "--to",
                    "mlc:cli-claire", "--amount", "1", "--currency", "MLC"), err.toString());
            assertEquals(before - 1_00, f.balance("mlc:cli-dupont"), "signed by the key made at enrollment");
            assertEquals(1, LedgerCommand.commandLine(() -> { }).execute("enroll", code, "--server",
                    "http://127.0.0.1:" + f.service.port(), "--profile", "twice"), "a code is good once");
        } finally {
            System.clearProperty("mlml.ledger.profiles");
        }
    }

    @Test
    void eventsArePrintedAndForwardedUntilTheReceiverTakesThem() throws Exception {
        assertEquals(0, run("events", "tail", "--once", "--types", "transfer.created"), err.toString());
        assertTrue(out.toString().startsWith("{\"id\":\"evt_"), out.toString());
        List<String> received = new ArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(received.size() == 1 ? 500 : 204, -1); // the first one fails once
            exchange.close();
        });
        receiver.start();
        try {
            Path cursor = work.resolve("hook.cursor");
            int events = out.toString().split("\n").length;
            assertEquals(0, run("events", "tail", "--once", "--types", "transfer.created", "--cursor",
                    cursor.toString(), "--forward-to", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
            assertEquals(events + 1, received.size(), "each event, the first one twice");
            assertEquals(received.get(0), received.get(1));
            assertTrue(Long.parseLong(Files.readString(cursor).trim()) > 0, "the place kept");
        } finally {
            receiver.stop(0);
        }
    }
}
