package fr.mlml.ledger.api;

import fr.mlml.ledger.ServiceSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileWebhooksTest extends WebhooksContract {
    @TempDir
    static Path dataDir;

    @Override
    ApiFixture open() throws Exception {
        return new ApiFixture(dataDir, null, 10_000, ServiceSettings.DEFAULT_QUEUE_CAPACITY, true);
    }
}
