package fr.mlml.ledger.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** No token ever reaches the logs: not at start, not in requests that succeed, fail or are refused. */
class SecretsInLogsTest {
    @TempDir
    Path dataDir;

    @Test
    void noTokenIsEverLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<String> secrets = new ArrayList<>(List.of(ADMIN));
        try (ApiFixture f = new ApiFixture(dataDir, null)) {
            f.member("claire", "citizen");
            f.account("mlc:claire", "claire", "MLC");
            f.member("shop", "business");
            f.account("mlc:shop", "shop", "MLC");
            f.issue("mlc:claire", 1_000);
            String member = f.memberToken("claire");
            String auditor = f.staffToken("auditor");
            String terminal = f.token("shop", new JsonObject().put("role", "terminal").put("terminal_id", "till"));
            secrets.addAll(List.of(member, auditor, terminal));
            ApiFixture.Signer key = f.key("claire", "claire-phone");
            f.send(member, key, transfer("mlc:claire", "mlc:shop", 10, "MLC"));
            f.client.get("/v1/accounts/mlc:shop", member); // refused: another member's account
            f.client.post("/v1/accounts", auditor, new JsonObject().put("id", "mlc:x")); // refused: an auditor
            f.client.get("/v1/reconciliation", member + "x"); // an unknown token
            f.client.call("POST", "/v1/transfers", member, "{not json"); // malformed
            f.client.get("/v1/export/journal?format=hledger", auditor);
        } finally {
            root.detachAppender(logs);
        }
        assertFalse(logs.list.isEmpty(), "the service logged its start, so the check saw something");
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a token in the log: " + line);
            }
        }
    }
}
