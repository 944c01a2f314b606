package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.TransferKind;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The on-disk id index and the file archive over it: ids found after growth, reopening and a damaged index. */
class IdIndexFileTest {
    /** Ids here are (i, ~i); the value stored is i, so the caller's confirmation is exact. */
    private static final IdTable.Ids BY_VALUE = (value, hi, lo) -> value == hi;

    @TempDir
    Path dir;

    @Test
    void findsEveryIdPutThroughGrowthAndAReopening() throws IOException {
        Path file = dir.resolve("ids.index");
        int ids = 20_000; // several doublings from the smallest table
        try (IdIndexFile index = IdIndexFile.open(file)) {
            for (long i = 0; i < ids; i++) index.put(i, ~i, i, BY_VALUE);
            index.put(7, ~7L, 7, BY_VALUE); // the same id again replaces, not adds
            index.cover(ids);
            assertEquals(ids, index.count());
        }
        try (IdIndexFile index = IdIndexFile.open(file)) {
            assertEquals(ids, index.covered());
            for (long i = 0; i < ids; i++) assertEquals(i, index.find(i, ~i, BY_VALUE));
            assertEquals(-1, index.find(ids + 1, ~(ids + 1L), BY_VALUE));
            assertFalse(index.mayHold(-5, 5));
        }
        assertFalse(Files.exists(dir.resolve("ids.index.grow")), "no half-grown file is left behind");
    }

    @Test
    void anIndexWithADamagedHeaderIsRebuiltFromTheArchive() throws IOException {
        Path archivePath = dir.resolve("archive");
        List<TransferRecord> records = records(3_000);
        long bytes = writeArchive(archivePath, records);
        Path indexPath = dir.resolve("archive.index");
        try (FileChannel ch = FileChannel.open(indexPath, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55}), 9); // inside the slot count
        }
        try (FileArchive archive = FileArchive.open(archivePath, bytes)) {
            for (TransferRecord r : records) assertEquals(r, archive.find(r.idHi(), r.idLo()));
            assertNull(archive.find(123_456_789L, 1));
        }
    }

    @Test
    void anIndexCoveringMoreThanTheArchiveKeepsIsRebuilt() throws IOException {
        Path archivePath = dir.resolve("archive");
        List<TransferRecord> first = records(100);
        long bytes = writeArchive(archivePath, first);
        List<TransferRecord> more = new ArrayList<>();
        try (FileArchive archive = FileArchive.open(archivePath, bytes)) {
            for (int i = 0; i < 50; i++) more.add(record(1_000_000 + i));
            FileArchive.Pending batch = archive.hold(more);
            archive.write(batch);
            archive.publish(batch);
        }
        // The batch that claimed the last records was lost: the archive is cut back to what the batches claim.
        try (FileArchive archive = FileArchive.open(archivePath, bytes)) {
            for (TransferRecord r : first) assertNotNull(archive.find(r.idHi(), r.idLo()));
            for (TransferRecord r : more) assertNull(archive.find(r.idHi(), r.idLo()));
        }
    }

    @Test
    void aMissingIndexIsRebuiltAndTheArchiveAnswersAsBefore() throws IOException {
        Path archivePath = dir.resolve("archive");
        List<TransferRecord> records = records(500);
        long bytes = writeArchive(archivePath, records);
        Files.delete(dir.resolve("archive.index"));
        try (FileArchive archive = FileArchive.open(archivePath, bytes)) {
            for (TransferRecord r : records) assertEquals(r, archive.find(r.idHi(), r.idLo()));
        }
        assertTrue(Files.exists(dir.resolve("archive.index")));
    }

    private static long writeArchive(Path path, List<TransferRecord> records) throws IOException {
        try (FileArchive archive = FileArchive.open(path, 0)) {
            FileArchive.Pending batch = archive.hold(records);
            long bytes = archive.write(batch);
            archive.publish(batch);
            return bytes;
        }
    }

    private static List<TransferRecord> records(int n) {
        List<TransferRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) records.add(record(i));
        return records;
    }

    private static TransferRecord record(long i) {
        return new TransferRecord(0x1234_0000_0000L + i, i * 31, TransferKind.values()[0], TransferStatus.REJECTED,
                ResultCode.values()[1], "acct-" + i, "nobody", "MLM", 100 + i, 0, 0, 0, "memo", null, 1_000 + i,
                0, i, null, null);
    }
}
