package fr.mlml.ledger.events;

import fr.mlml.ledger.client.WebhookVerifier;
import fr.mlml.ledger.crypto.LedgerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client library's webhook verifier accepts what the ledger signs (HMAC with the endpoint's secret, Ed25519 with
 * the ledger's webhook key, each alone or both) and refuses a change of any byte of id, timestamp or body, another
 * secret, and a delivery outside its five minutes.
 */
class ClientWebhookVerifierTest {
    @TempDir
    Path dir;

    @Test
    void whatTheLedgerSignsChecksAndNothingElse() throws Exception {
        WebhookSigner ledger = new WebhookSigner(LedgerKey.loadOrCreate(dir, WebhookSigner.KEY_FILE));
        String secret = WebhookSigner.newSecret();
        String id = "evt_42";
        long ts = 1_800_000_000L;
        String body = "{\"id\":\"evt_42\",\"type\":\"transfer.created\",\"data\":{\"amount\":1250}}";
        String header = ledger.signature(id, ts, body, body.getBytes(StandardCharsets.UTF_8),
                WebhookSigner.hmac(secret));
        Instant now = Instant.ofEpochSecond(ts + 30);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        WebhookVerifier bySecret = new WebhookVerifier(secret, null, WebhookVerifier.DEFAULT_TOLERANCE);
        WebhookVerifier byKey = new WebhookVerifier(null, ledger.publicKey(), WebhookVerifier.DEFAULT_TOLERANCE);
        WebhookVerifier byBoth = new WebhookVerifier(secret, ledger.publicKey(), WebhookVerifier.DEFAULT_TOLERANCE);
        for (WebhookVerifier v : new WebhookVerifier[] {bySecret, byKey, byBoth}) {
            assertTrue(v.verify(id, Long.toString(ts), header, bytes, now));
            assertFalse(v.verify("evt_43", Long.toString(ts), header, bytes, now), "another id");
            assertFalse(v.verify(id, Long.toString(ts + 1), header, bytes, now), "another timestamp");
            for (int i = 0; i < bytes.length; i++) {
                byte[] changed = bytes.clone();
                changed[i] ^= 0x01;
                assertFalse(v.verify(id, Long.toString(ts), header, changed, now), "body byte " + i);
            }
            assertFalse(v.verify(id, Long.toString(ts), header, bytes, now.plus(Duration.ofMinutes(6))), "too late");
            assertFalse(v.verify(id, Long.toString(ts), "v1,AAAA v1a,AAAA", bytes, now), "signatures of nothing");
        }
        assertFalse(new WebhookVerifier(WebhookSigner.newSecret(), null, WebhookVerifier.DEFAULT_TOLERANCE)
                .verify(id, Long.toString(ts), header, bytes, now), "another endpoint's secret");
        assertThrows(IllegalArgumentException.class, () -> new WebhookVerifier(null, null, Duration.ZERO));

        // The same check from the command line, on a receiver's logged delivery.
        java.nio.file.Path logged = dir.resolve("body.json");
        java.nio.file.Files.writeString(logged, body);
        String[] verify = {"webhooks", "verify", "--secret", secret, "--id", id, "--timestamp", Long.toString(ts),
                "--signature", header, "--at", Long.toString(ts + 30), logged.toString()};
        assertEquals(0, fr.mlml.ledger.cli.LedgerCommand.commandLine(() -> { }).execute(verify));
        java.nio.file.Files.writeString(logged, body.replace("1250", "1251"));
        assertEquals(1, fr.mlml.ledger.cli.LedgerCommand.commandLine(() -> { }).execute(verify));
    }
}
