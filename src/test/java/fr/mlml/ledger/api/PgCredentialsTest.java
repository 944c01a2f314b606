package fr.mlml.ledger.api;

import fr.mlml.ledger.journal.PgTestServer;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class PgCredentialsTest extends CredentialsContract {
    @TempDir
    static Path dataDir;

    @Override
    ApiFixture open() throws Exception {
        return new ApiFixture(dataDir, PgTestServer.database("credentials"));
    }
}
