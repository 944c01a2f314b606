package fr.mlml.ledger.api;

import fr.mlml.ledger.journal.PgTestServer;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class PgBackOfficeListsTest extends BackOfficeListsContract {
    @TempDir
    static Path dataDir;

    @Override
    ApiFixture open() throws Exception {
        return new ApiFixture(dataDir, PgTestServer.database("back_office_lists"));
    }
}
