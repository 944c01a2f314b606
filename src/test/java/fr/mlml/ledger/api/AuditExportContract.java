package fr.mlml.ledger.api;

import fr.mlml.ledger.client.AuditVerifier;
import fr.mlml.ledger.crypto.Ed25519;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline audit (README "Checking the books offline"): an export of the chain, checked with nothing but the
 * ledger's public key by the client library's verifier, which finds any byte changed anywhere, a cut export, and a
 * chain signed by another key. On both journals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditExportContract {
    private ApiFixture f;
    private String auditor;
    private String ledgerKey;

    abstract ApiFixture open() throws Exception;

    @BeforeAll
    void aDayOfTheAssociation() throws Exception {
        f = open();
        f.member("ax-shop", "business");
        f.member("ax-claire", "citizen");
        f.account("mlc:ax-shop", "ax-shop", "MLC");
        f.account("mlc:ax-claire", "ax-claire", "MLC");
        f.issue("mlc:ax-claire", 50_00);
        ApiFixture.Signer key = f.key("ax-claire", "ax-claire-phone");
        String claire = f.memberToken("ax-claire");
        for (long amount : new long[] {3_20, 12_00, 1_05}) {
            f.send(claire, key, transfer("mlc:ax-claire", "mlc:ax-shop", amount, "MLC").put("memo", "bread"));
        }
        auditor = f.staffToken("auditor");
        ledgerKey = chain().getString("ledger_public_key");
    }

    @AfterAll
    void close() throws Exception {
        f.close();
    }

    @Test
    void aWholeExportChecksWithTheLedgersKeyAlone() throws IOException {
        ApiClient.Answer export = expect(200, f.client.get("/v1/audit/export", auditor));
        assertEquals("application/x-ndjson", export.header("Content-Type"));
        JsonObject head = chain();
        AuditVerifier.Result result = verify(ledgerKey, bytes(export));
        assertTrue(result.ok(), result.toString());
        assertEquals(head.getLong("sequence"), result.batchesChecked(), "every batch, from the first");
        assertEquals(head.getLong("sequence"), result.headSequence());
        assertEquals(head.getString("hash"), result.headHash(), "the head the service signs");
    }

    @Test
    void anExportFromABatchOnChecksFromThere() throws IOException {
        long head = chain().getLong("sequence");
        AuditVerifier.Result result = verify(ledgerKey, bytes(expect(200, f.client.get(
                "/v1/audit/export?after_sequence=" + (head - 2), auditor))));
        assertTrue(result.ok(), result.toString());
        assertEquals(2, result.batchesChecked());
        AuditVerifier.Result empty = verify(ledgerKey, bytes(expect(200, f.client.get(
                "/v1/audit/export?after_sequence=" + head, auditor))));
        assertTrue(empty.ok() && empty.batchesChecked() == 0, empty.toString());
    }

    @Test
    void anyByteChangedAnywhereIsFound() throws IOException {
        byte[] export = bytes(expect(200, f.client.get("/v1/audit/export", auditor)));
        // Every byte of the header and of the first batch's line, every line's end, and seeded positions anywhere
        // (each change of a later line costs the signatures before it: all of them would take minutes).
        String text = new String(export, StandardCharsets.US_ASCII);
        int firstTwoLines = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
        java.util.SortedSet<Integer> positions = new java.util.TreeSet<>();
        for (int i = 0; i < firstTwoLines; i++) positions.add(i);
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) positions.add(i);
        java.util.Random random = new java.util.Random(export.length);
        for (int n = 0; n < 200; n++) positions.add(random.nextInt(export.length));
        for (int i : positions) {
            for (int flip : new int[] {0x01, 0x20}) {
                byte[] tampered = export.clone();
                tampered[i] ^= (byte) flip;
                AuditVerifier.Result result = verify(ledgerKey, tampered);
                assertFalse(result.ok(), "byte " + i + " of " + export.length + " changed by " + flip + " unseen");
                assertNotNull(result.firstBadSequence());
            }
        }
        for (int cut : new int[] {1, 2, export.length / 2, export.length - 1}) {
            AuditVerifier.Result result = verify(ledgerKey, Arrays.copyOf(export, export.length - cut));
            assertFalse(result.ok(), "cut by " + cut + " bytes unseen");
        }
        int lastLine = new String(export, 0, export.length - 1, StandardCharsets.US_ASCII).lastIndexOf('\n') + 1;
        AuditVerifier.Result lineDropped = verify(ledgerKey, Arrays.copyOf(export, lastLine));
        assertFalse(lineDropped.ok(), "the last batch dropped unseen");
        assertEquals(chain().getLong("sequence"), lineDropped.firstBadSequence());
    }

    @Test
    void aChainSignedByAnotherKeyIsRefused() throws IOException {
        byte[] export = bytes(expect(200, f.client.get("/v1/audit/export", auditor)));
        String other = Ed25519.base64url(new Ed25519PrivateKeyParameters(new SecureRandom()).generatePublicKey()
                .getEncoded());
        AuditVerifier.Result namedOther = verify(other, export);
        assertFalse(namedOther.ok());
        assertTrue(namedOther.problem().contains("another ledger key"), namedOther.problem());
        // The same chain presented as the other key's: its first batch's signature does not check.
        byte[] relabelled = new String(export, StandardCharsets.US_ASCII).replace(ledgerKey, other)
                .getBytes(StandardCharsets.US_ASCII);
        AuditVerifier.Result result = verify(other, relabelled);
        assertFalse(result.ok());
        assertEquals(1L, result.firstBadSequence());
        assertTrue(result.problem().contains("not signed by the ledger's key"), result.problem());
    }

    @Test
    void onlyTheBackOfficeAndAuditorsExport() {
        String member = f.memberToken("ax-shop");
        assertEquals(403, f.client.get("/v1/audit/export", member).status());
        assertEquals(401, f.client.get("/v1/audit/export", null).status());
        assertEquals(200, f.client.get("/v1/audit/export", ADMIN).status());
    }

    @Test
    void aStartPastTheHeadIsRefusedNamingTheField() {
        ApiClient.Answer a = expect(400, f.client.get("/v1/audit/export?after_sequence=" + (chain().getLong(
                "sequence") + 1), auditor));
        assertEquals("invalid_request", a.code());
        assertEquals("after_sequence", a.json().getString("field"));
        assertEquals(400, f.client.get("/v1/audit/export?after_sequence=-1", auditor).status());
    }

    private JsonObject chain() {
        return expect(200, f.client.get("/v1/audit/chain", ADMIN)).json();
    }

    private static byte[] bytes(ApiClient.Answer a) {
        return a.text().getBytes(StandardCharsets.US_ASCII);
    }

    private static AuditVerifier.Result verify(String key, byte[] export) throws IOException {
        return new AuditVerifier(key).verify(new ByteArrayInputStream(export));
    }
}
