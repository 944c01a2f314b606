package fr.mlml.ledger.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import fr.mlml.ledger.AdminToken;
import fr.mlml.ledger.LedgerService;
import fr.mlml.ledger.ServiceSettings;
import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.crypto.LedgerKey;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens and keys stay secret: never in a log line, and in files only their owner can read. */
class SecretsTest {
    @TempDir
    Path dir;

    @Test
    void noLogLineHoldsAToken() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("fr.mlml");
        // The shipped levels for the libraries; everything the service itself could say, debug included.
        ours.setLevel(Level.TRACE);
        log.start();
        root.addAppender(log);
        List<String> tokens;
        try (ApiFixture api = new ApiFixture(dir, null, 20, ServiceSettings.DEFAULT_QUEUE_CAPACITY)) {
            tokens = flowWithGoodAndBadTokens(api);
        } finally {
            root.detachAppender(log);
            ours.setLevel(null);
        }

        String lines = log.list.stream().map(SecretsTest::text).collect(Collectors.joining("\n"));
        assertTrue(lines.contains("listening on http://"), "the appender saw the service's log: " + lines);
        for (String token : tokens) assertFalse(lines.contains(token), "a token in the log:\n" + lines);
    }

    /** Tokens made and used as the back office and members do, and misused; every token seen, to look for. */
    private static List<String> flowWithGoodAndBadTokens(ApiFixture api) throws IOException {
        api.member("claire", "citizen");
        api.member("boulangerie", "business");
        api.account("mlc:claire", "claire", "MLC");
        api.account("mlc:boulangerie", "boulangerie", "MLC");
        api.issue("mlc:claire", 5_000);
        String claire = api.memberToken("claire");
        String bakery = api.memberToken("boulangerie");
        String auditor = api.staffToken("auditor");
        String unknown = Tokens.generate();
        ApiFixture.Signer phone = api.key("claire", "phone");
        assertEquals("created", api.send(claire, phone, ApiFixture.transfer("mlc:claire", "mlc:boulangerie", 1250,
                "MLC")).getJsonObject(0).getString("status"));
        ApiClient c = api.client;
        ApiFixture.expect(200, c.get("/v1/reconciliation", auditor));

        ApiFixture.expect(401, c.get("/v1/accounts/mlc:claire", unknown));
        ApiFixture.expect(401, c.get("/v1/accounts/mlc:claire?token=" + claire, null));
        ApiFixture.expect(401, c.call("GET", "/v1/accounts/mlc:claire", claire + "x", null));
        ApiFixture.expect(403, c.post("/v1/members", bakery, new JsonObject().put("id", "x").put("name", "X")
                .put("kind", "citizen")));
        ApiFixture.expect(403, c.post("/v1/tokens", auditor, new JsonObject().put("role", "admin")));
        // A body that is not JSON, one signed by a key the sender does not hold, and one with the token in it.
        assertEquals(400, c.call("POST", "/v1/transfers", claire, "{\"transfers\": " + claire).status());
        assertTrue(c.post("/v1/transfers", bakery, phone.sign("transfers", ApiFixture.transfers(ApiFixture.transfer(
                "mlc:boulangerie", "mlc:claire", 1, "MLC")))).status() >= 400);
        assertEquals(400, c.post("/v1/members", ApiFixture.ADMIN, new JsonObject().put("id", claire)
                .put("token", claire)).status());
        // Over the rate (20/s, bursts of 40): refused with 429.
        int status = 0;
        for (int i = 0; i < 100 && status != 429; i++) status = c.get("/v1/accounts/mlc:claire", claire).status();
        assertEquals(429, status);
        // Requests the HTTP layer refuses before any route: a malformed header, then a header too long.
        assertTrue(raw(api.service.port(), "GET /v1/accounts/mlc:claire HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + bakery + "\r\nBad Header : " + bakery + "\r\n\r\n").startsWith("HTTP/1.1 4"));
        assertTrue(raw(api.service.port(), "GET /v1/accounts/mlc:claire HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + bakery + "\r\nX-Long: " + bakery.repeat(400) + "\r\n\r\n")
                .startsWith("HTTP/1.1 4"));
        return List.of(ApiFixture.ADMIN, claire, bakery, auditor, unknown);
    }

    /** Sends bytes as they are (no client would send these) and returns the answer's first 12 bytes (its version and status). */
    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private static String text(ILoggingEvent e) {
        String thrown = e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy());
        return e.getFormattedMessage() + " " + e.getMDCPropertyMap() + " " + thrown;
    }

    @Test
    void theGeneratedAdminTokenAndTheLedgerKeyAreReadableByTheirOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        ServiceSettings settings = new ServiceSettings(0, data, ServiceSettings.Storage.FILE, null, null, 1000,
                ServiceSettings.DEFAULT_QUEUE_CAPACITY, null, null,
                ServiceSettings.DEFAULT_REJECTED_IDS_PER_S, false, HttpLimits.DEFAULTS);
        try (LedgerService service = LedgerService.start(settings, LedgerConfigFile.defaults())) {
            for (String secret : List.of(AdminToken.FILE_NAME, LedgerKey.FILE_NAME)) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(data.resolve(secret))), secret);
            }
            String admin = Files.readString(data.resolve(AdminToken.FILE_NAME)).trim();
            ApiFixture.expect(200, new ApiClient(service.port()).get("/v1/reconciliation", admin));
        }
    }

    @Test
    void aSecretFileOthersCanReadIsWarnedOfAtStart() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve(AdminToken.FILE_NAME), "z".repeat(40) + "\n");
        Files.setPosixFilePermissions(data.resolve(AdminToken.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        ServiceSettings settings = new ServiceSettings(0, data, ServiceSettings.Storage.FILE, null, null, 1000,
                ServiceSettings.DEFAULT_QUEUE_CAPACITY, null, null,
                ServiceSettings.DEFAULT_REJECTED_IDS_PER_S, false, HttpLimits.DEFAULTS);
        try (LedgerService service = LedgerService.start(settings, LedgerConfigFile.defaults())) {
            List<String> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(warnings.stream().anyMatch(w -> w.contains(AdminToken.FILE_NAME) && w.contains("chmod 600")),
                    warnings.toString());
            assertFalse(warnings.stream().anyMatch(w -> w.contains(LedgerKey.FILE_NAME)), "the generated key is 600");
        } finally {
            root.detachAppender(log);
        }
    }

    @Test
    void aBlankAdminTokenFileStopsTheStartInsteadOfAdmittingTheEmptyToken() throws IOException {
        Files.writeString(dir.resolve(AdminToken.FILE_NAME), "\n");
        IOException e = assertThrows(IOException.class, () -> AdminToken.resolve(null, dir));
        assertTrue(e.getMessage().contains("no token"), e.getMessage());
    }
}
