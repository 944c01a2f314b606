package fr.mlml.ledger.api;

import fr.mlml.ledger.ServiceSettings;
import fr.mlml.ledger.journal.PgTestServer;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class PgWebhooksTest extends WebhooksContract {
    @TempDir
    static Path dataDir;

    @Override
    ApiFixture open() throws Exception {
        return new ApiFixture(dataDir, PgTestServer.database("api_webhooks"), 10_000,
                ServiceSettings.DEFAULT_QUEUE_CAPACITY, true);
    }
}
