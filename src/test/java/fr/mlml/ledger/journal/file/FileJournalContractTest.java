package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.JournalContract;
import fr.mlml.ledger.crypto.LedgerKey;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileJournalContractTest extends JournalContract {
    @TempDir
    Path data;

    @Override
    protected Journal open() throws Exception {
        return new FileJournal(data, key());
    }

    @Override
    protected LedgerKey key() throws Exception {
        return LedgerKey.loadOrCreate(data);
    }
}
