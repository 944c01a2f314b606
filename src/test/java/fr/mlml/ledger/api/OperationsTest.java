package fr.mlml.ledger.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liveness, readiness and the metrics an operator watches; the generated admin token's file. */
class OperationsTest {
    @TempDir
    Path dataDir;

    @Test
    void healthReadinessAndMetricsTellWhatTheServiceDoes() throws Exception {
        try (ApiFixture f = new ApiFixture(dataDir, null)) {
            assertEquals("alive", f.client.get("/health", null).json().getString("status"));
            assertEquals("ready", f.client.get("/ready", null).json().getString("status"));
            f.member("ops-claire", "citizen");
            f.account("mlc:ops-claire", "ops-claire", "MLC");
            f.member("ops-shop", "business");
            f.account("mlc:ops-shop", "ops-shop", "MLC");
            f.issue("mlc:ops-claire", 1_000);
            String token = f.memberToken("ops-claire");
            ApiFixture.Signer key = f.key("ops-claire", "ops-claire-phone");
            f.send(token, key, transfer("mlc:ops-claire", "mlc:ops-shop", 100, "MLC"),
                    transfer("mlc:ops-claire", "mlc:ops-shop", 5_000, "MLC"));

            assertEquals(401, f.client.get("/metrics", null).status(), "the metrics are not for strangers");
            assertEquals(403, f.client.get("/metrics", token).status(), "nor for members");
            String metrics = f.client.get("/metrics", f.staffToken("auditor")).text();
            assertTrue(metrics.contains("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/transfers\","
                    + "status=\"200\"} 1"), metrics);
            assertTrue(metrics.contains("route=\"/v1/accounts\""), "routes by template: " + metrics);
            assertTrue(metrics.contains("ledger_transfers_total{result=\"ok\"} 1"), metrics);
            assertTrue(metrics.contains("ledger_transfers_total{result=\"exceeds_floor\"} 1"), metrics);
            assertTrue(metrics.contains("ledger_batch_submissions_count"), metrics);
            assertTrue(metrics.contains("ledger_batch_durable_seconds_count"), metrics);
            assertTrue(metrics.contains("ledger_engine_queue_depth"), metrics);
            assertTrue(metrics.matches("(?s).*\\nledger_journal_written_bytes_total [1-9][0-9.E]*\\n.*"),
                    "the journal's bytes, more than none after a transfer: " + metrics);
        }
    }

    @Test
    void withoutATokenInTheEnvironmentOneIsGeneratedIntoAPrivateFile() throws Exception {
        String token = fr.mlml.ledger.AdminToken.resolve(null, dataDir).token();
        Path file = dataDir.resolve(fr.mlml.ledger.AdminToken.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(43, token.length(), "32 random bytes, base64url");
        assertEquals(token, fr.mlml.ledger.AdminToken.resolve(null, dataDir).token(), "kept across restarts");
        String given = "given-admin-token-of-32-characters";
        assertEquals(given, fr.mlml.ledger.AdminToken.resolve(given, dataDir).token());
    }
}
