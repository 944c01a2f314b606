package fr.mlml.ledger.api;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileAuditExportTest extends AuditExportContract {
    @TempDir
    static Path dataDir;

    @Override
    ApiFixture open() throws Exception {
        return new ApiFixture(dataDir, null);
    }
}
