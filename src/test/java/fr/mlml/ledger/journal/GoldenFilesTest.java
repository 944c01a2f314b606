package fr.mlml.ledger.journal;

import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.engine.LedgerReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file journal written by an earlier build ({@link GoldenHistory}: batch records, entries, archive and a snapshot,
 * in {@code src/test/resources/golden}) still reads back to the very state that build recorded: an upgrade never
 * rewrites history. If this fails, the change broke the storage format (see the rules in {@code CommandCodec},
 * {@code TransferRecordBytes}, {@code EntryCodec} and {@code LedgerSnapshot}), or made replay decide differently.
 */
class GoldenFilesTest {
    /**
     * Each earlier format's files: the first build's; the one with tokens' ids, times and revocation, enrollment
     * codes and terminals' daily refund limits (whose dump tells those too); the one that records who opens and
     * changes accounts (whose dump tells each account's changes, as every dump does).
     */
    private static final String FIRST = "/golden/";
    private static final String WITH_CREDENTIALS = "/golden/credentials/";
    private static final String WITH_ACCOUNT_CHANGES = "/golden/account-changes/";

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {FIRST, WITH_CREDENTIALS, WITH_ACCOUNT_CHANGES})
    void theSnapshotArchiveEntriesAndBatchesWrittenByAnEarlierBuildReadBackUnchanged(String dir) throws Exception {
        unzip(dir);
        assertEquals(expected(dir), recoveredDump(dir, GoldenHistory.SNAPSHOT_AFTER_BATCH));
    }

    @ParameterizedTest
    @ValueSource(strings = {FIRST, WITH_CREDENTIALS, WITH_ACCOUNT_CHANGES})
    void everyBatchWrittenByAnEarlierBuildReplaysToTheSameState(String dir) throws Exception {
        unzip(dir);
        try (Stream<Path> snapshots = Files.list(data.resolve("snapshots"))) {
            for (Path p : snapshots.toList()) Files.delete(p);
        }
        assertEquals(expected(dir), recoveredDump(dir, -1));
    }

    private String recoveredDump(String dir, long snapshotSequence) throws Exception {
        LedgerConfig config = smallLog(LedgerConfigFile.load(resource(dir, "ledger.json")));
        try (FileJournal journal = new FileJournal(data, LedgerKey.loadOrCreate(data))) {
            long[] seen = {-1};
            LedgerReplay replay = new LedgerReplay(config, journal::archived);
            journal.recover(new Journal.Recovery() {
                @Override
                public void snapshot(long sequence, byte[] state) {
                    seen[0] = sequence;
                    replay.snapshot(sequence, state);
                }

                @Override
                public void batch(List<Command> commands) {
                    replay.batch(commands);
                }
            });
            assertEquals(snapshotSequence, seen[0], "the recovery started from the snapshot expected");
            assertTrue(journal.verify().ok(), "the audit chain of the golden journal verifies");
            return GoldenHistory.dump(replay.ledger(), journal)
                    + (dir.equals(WITH_CREDENTIALS) ? GoldenHistory.credentials(replay.ledger()) : "");
        }
    }

    private static LedgerConfig smallLog(LedgerConfig c) {
        return new LedgerConfig(c.currencies(), c.systemAccounts(), c.conversions(), c.negativePeriodDays(), 2048);
    }

    private static String expected(String dir) throws IOException {
        return Files.readString(resource(dir, "expected.txt"), StandardCharsets.UTF_8);
    }

    private static Path resource(String dir, String name) {
        return Path.of("src/test/resources" + dir + name);
    }

    private void unzip(String dir) throws IOException {
        try (InputStream file = Files.newInputStream(resource(dir, "data.zip"));
             ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = data.resolve(e.getName()).normalize();
                if (!target.startsWith(data)) throw new IOException("zip entry outside the data directory: " + e);
                Files.createDirectories(target.getParent());
                Files.write(target, zip.readAllBytes());
            }
        }
    }
}
