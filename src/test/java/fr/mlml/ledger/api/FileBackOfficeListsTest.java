package fr.mlml.ledger.api;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileBackOfficeListsTest extends BackOfficeListsContract {
    @TempDir
    static Path dataDir;

    @Override
    ApiFixture open() throws Exception {
        return new ApiFixture(dataDir, null);
    }
}
