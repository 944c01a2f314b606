package fr.mlml.ledger.cli;

import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.journal.AuditChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's command line as a person or a script meets it: help, usage on mistakes, exit statuses. */
class CommandLineTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicBoolean served = new AtomicBoolean();

    private int run(String... args) {
        CommandLine cli = LedgerCommand.commandLine(() -> served.set(true));
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheCommandsAndDoesNotStartTheService() {
        assertEquals(0, run("--help"));
        for (String command : new String[] {"serve", "audit", "keygen", "sign"}) {
            assertTrue(out.toString().contains(command), command + " in:\n" + out);
        }
        assertFalse(served.get());
        assertEquals(0, run("audit", "verify", "--help"));
        assertTrue(out.toString().contains("--public-key"), out.toString());
        assertFalse(served.get());
    }

    @Test
    void serveStartsTheService() {
        CommandLine cli = LedgerCommand.commandLine(() -> served.set(true));
        assertEquals(0, cli.execute("serve"));
        assertTrue(served.get());
        assertTrue(LedgerCommand.served(cli));
    }

    @Test
    void anUnknownCommandOrFlagPrintsTheUsageAndFails() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString().contains("Usage: mlml-ledger"), err.toString());
        assertEquals(2, run("audit", "verify", "--public-key", "k", "--colour"));
        assertTrue(err.toString().contains("Unknown option: '--colour'"), err.toString());
        assertEquals(2, run("audit", "verify"));
        assertTrue(err.toString().contains("--public-key"), err.toString());
        assertFalse(served.get());
    }

    @Test
    void auditVerifySaysWhetherAnExportChecksAndExitsAccordingly() throws Exception {
        LedgerKey key = LedgerKey.loadOrCreate(dir);
        String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey.getEncoded());
        Path export = dir.resolve("export.ndjson");
        Files.writeString(export, exportOfThreeBatches(key, publicKey), StandardCharsets.US_ASCII);
        assertEquals(0, run("audit", "verify", "--public-key", publicKey, export.toString()));
        assertTrue(out.toString().matches("(?s)ok +true\n.*"), out.toString());
        assertEquals(0, run("audit", "verify", "--public-key", publicKey, "--output", "json", export.toString()));
        assertTrue(out.toString().contains("{\"ok\":true,\"batches_checked\":3,\"head_sequence\":3"), out.toString());

        String text = Files.readString(export).replace("\"sequence\":2,", "\"sequence\":2 ,");
        Files.writeString(export, text);
        assertEquals(1, run("audit", "verify", "--public-key", publicKey, export.toString()));
        assertTrue(err.toString().contains("NOT OK from batch 2"), err.toString());
        assertEquals(2, run("audit", "verify", "--public-key", publicKey, dir.resolve("absent").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
    }

    /** An export made here, independently of the service's writer, from the chain's published rule. */
    private static String exportOfThreeBatches(LedgerKey key, String publicKey) {
        HexFormat hex = HexFormat.of();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        StringBuilder out = new StringBuilder("{\"format\":\"mlml-ledger/audit-export/1\",\"after_sequence\":0,"
                + "\"head_sequence\":3,\"previous_hash\":\"" + hex.formatHex(AuditChain.GENESIS)
                + "\",\"ledger_public_key\":\"" + publicKey + "\"}\n");
        AuditChain.Head head = new AuditChain.Head(0, AuditChain.GENESIS, new byte[64]);
        for (int sequence = 1; sequence <= 3; sequence++) {
            byte[] commands = ("commands of batch " + sequence).getBytes(StandardCharsets.US_ASCII);
            byte[] digest = new byte[32];
            digest[0] = (byte) sequence;
            head = AuditChain.extend(head, sequence, AuditChain.canonical(commands, digest), key);
            out.append("{\"sequence\":").append(sequence).append(",\"hash\":\"").append(hex.formatHex(head.hash()))
                    .append("\",\"signature\":\"").append(b64.encodeToString(head.signature()))
                    .append("\",\"entries_digest\":\"").append(hex.formatHex(digest)).append("\",\"commands\":\"")
                    .append(b64.encodeToString(commands)).append("\"}\n");
        }
        return out.toString();
    }
}
