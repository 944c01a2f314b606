package fr.mlml.ledger.crypto;

import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningToolTest {
    private static final String BODY = """
            {"transfers": [{"id": "00000000-0000-4000-8000-000000000001", "debit_account": "mlc:claire",
              "credit_account": "mlc:brasserie-du-nord", "amount": 1200, "currency": "MLC", "memo": "café – 2 bières"}],
             "key_id": "claire-k1", "signature": "an old one"}""";

    @TempDir
    Path dir;

    /** One run of the tool: its exit status and what it printed. */
    private record Run(int status, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SigningTool.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(String text) {
        assertTrue(text.endsWith(System.lineSeparator()) && text.strip().lines().count() == 1, text);
    }

    @Test
    void keygenWritesASeedOnlyItsOwnerCanReadAndPrintsThePublicKey() throws IOException {
        Path keyFile = dir.resolve("claire.key");
        Run run = run("", "keygen", keyFile.toString());

        assertEquals(0, run.status(), run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        byte[] seed = Ed25519.fromBase64url(Files.readString(keyFile).strip());
        assertEquals(32, seed.length);
        assertOneLine(run.out());
        assertEquals(Ed25519.base64url(new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded()),
                run.out().strip());
    }

    @Test
    void keygenNeverOverwritesAKey() throws IOException {
        Path keyFile = dir.resolve("claire.key");
        assertEquals(0, run("", "keygen", keyFile.toString()).status());
        String before = Files.readString(keyFile);

        Run again = run("", "keygen", keyFile.toString());
        assertEquals(1, again.status());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals("", again.out());
        assertEquals(before, Files.readString(keyFile));
    }

    @Test
    void signPrintsTheBodyWithASignatureThatVerifies() {
        Path keyFile = dir.resolve("claire.key");
        byte[] publicKey = Ed25519.fromBase64url(run("", "keygen", keyFile.toString()).out().strip());

        Run run = run(BODY, "sign", keyFile.toString(), "transfers");

        assertEquals(0, run.status(), run.err());
        assertOneLine(run.out());
        JsonObject signed = new JsonObject(run.out());
        assertEquals(run.out().strip(), signed.encode(), "compact JSON");
        String signature = signed.getString("signature");
        assertFalse(signature.equals("an old one"));
        JsonObject original = new JsonObject(BODY);
        original.remove("signature");
        signed.remove("signature");
        assertEquals(original, signed, "the same body apart from its signature");
        assertTrue(RequestSignatures.verify("transfers", new JsonObject(BODY), publicKey, signature));
        assertFalse(RequestSignatures.verify("post", new JsonObject(BODY), publicKey, signature));
    }

    /** What the ledger reads is the printed text: it verifies as parsed from there too. */
    @Test
    void thePrintedBodyVerifiesAsItIs() {
        Path keyFile = dir.resolve("k");
        byte[] publicKey = Ed25519.fromBase64url(run("", "keygen", keyFile.toString()).out().strip());
        for (String operation : new String[]{"transfers", "conversion", "post", "void"}) {
            JsonObject signed = new JsonObject(run("{\"id\":\"x\",\"amount\":1.5e3,\"n\":null}", "sign",
                    keyFile.toString(), operation).out());
            assertTrue(RequestSignatures.verify(operation, signed, publicKey, signed.getString("signature")),
                    operation);
        }
    }

    @Test
    void misuseExitsNonZeroWithOneLine() throws IOException {
        Path keyFile = dir.resolve("k");
        run("", "keygen", keyFile.toString());
        Path notAKey = Files.writeString(dir.resolve("not-a-key"), "hello\n");
        Path shortKey = Files.writeString(dir.resolve("short-key"), Ed25519.base64url(new byte[31]) + "\n");
        String k = keyFile.toString();

        assertMisuse(2, BODY);
        assertMisuse(2, BODY, "sign");
        assertMisuse(2, BODY, "sign", k);
        assertMisuse(2, BODY, "sign", k, "transfers", "extra");
        assertMisuse(2, BODY, "keygen");
        assertMisuse(2, BODY, "verify", k, "transfers");
        assertMisuse(1, BODY, "sign", k, "refund");
        assertMisuse(1, BODY, "sign", dir.resolve("missing").toString(), "transfers");
        assertMisuse(1, BODY, "sign", notAKey.toString(), "transfers");
        assertMisuse(1, BODY, "sign", shortKey.toString(), "transfers");
        assertMisuse(1, "", "sign", k, "transfers");
        assertMisuse(1, "not json", "sign", k, "transfers");
        assertMisuse(1, "[1, 2]", "sign", k, "transfers");
        assertMisuse(1, "{\"memo\": \"\\ud800\"}", "sign", k, "transfers");
        assertMisuse(1, "", "keygen", dir.resolve("no-such-dir").resolve("k").toString());
    }

    private static void assertMisuse(int status, String stdin, String... args) {
        Run run = run(stdin, args);
        String what = String.join(" ", args);
        assertEquals(status, run.status(), what);
        assertEquals("", run.out(), what);
        assertOneLine(run.err());
    }
}
