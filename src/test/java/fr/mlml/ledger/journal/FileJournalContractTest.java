package fr.mlml.ledger.journal;

import fr.mlml.ledger.crypto.LedgerKey;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileJournalContractTest extends JournalContract {
    @TempDir
    Path data;

    @Override
    Journal open() throws Exception {
        return new FileJournal(data, key());
    }

    @Override
    LedgerKey key() throws Exception {
        return LedgerKey.loadOrCreate(data);
    }
}
