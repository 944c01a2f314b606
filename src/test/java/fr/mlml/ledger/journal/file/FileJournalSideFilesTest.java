package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.AccountChange;
import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.journal.ByteWriter;
import fr.mlml.ledger.journal.JournalDriver;
import fr.mlml.ledger.journal.Recovered;
import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.LedgerSnapshot;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.engine.LedgerReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file journal's entries and archive files and its snapshots, against what a crash or a bad disk leaves. */
class FileJournalSideFilesTest {
    @TempDir
    Path data;

    private FileJournal open() throws IOException {
        return new FileJournal(data, LedgerKey.loadOrCreate(data));
    }

    private Path entries() {
        return data.resolve("journal").resolve("entries");
    }

    private Path archive() {
        return data.resolve("journal").resolve("archive");
    }

    /** Members, accounts, then {@code batches} batches of trade: enough for the ledger to forget ids. */
    private JournalDriver trade(int batches) throws Exception {
        try (FileJournal j = open()) {
            j.recover(new Recovered());
            JournalDriver d = new JournalDriver(j);
            d.setUp();
            d.trade(batches);
            return d;
        }
    }

    private static void setLength(Path file, long bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
    }

    private static int countEntries(FileJournal j, String account) throws Exception {
        return j.history().entries(account, Long.MAX_VALUE, 1_000_000).get(30, TimeUnit.SECONDS).size();
    }

    @Test
    void tornTailsOfTheSideFilesAreCutBackToWhatTheLastBatchClaims() throws Exception {
        JournalDriver d = trade(25);
        assertTrue(d.forgotten.size() > 400, "the ledger forgot ids: " + d.forgotten.size());
        long entriesBytes = Files.size(entries());
        long archiveBytes = Files.size(archive());
        // A crash after the side files were written, before the batch record that would claim them.
        Files.write(entries(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, StandardOpenOption.APPEND);
        Files.write(archive(), new byte[300], StandardOpenOption.APPEND);
        try (FileJournal j = open()) {
            assertEquals(26, j.recover(new Recovered()));
            assertEquals(entriesBytes, Files.size(entries()));
            assertEquals(archiveBytes, Files.size(archive()));
            for (String account : JournalDriver.ACCOUNTS) {
                assertEquals(d.entriesOf(account).size(), countEntries(j, account), account);
            }
            for (TransferRecord r : d.forgotten) assertEquals(r, j.archived(r.idHi(), r.idLo()));
        }
    }

    @Test
    void accountChangesOfABatchThatNeverBecameDurableAreCutAndATornOneToo() throws Exception {
        trade(2);
        Path changes = data.resolve("journal").resolve("changes");
        long durableBytes = Files.size(changes);
        List<AccountChange> before;
        try (FileJournal j = open()) {
            j.recover(new Recovered());
            before = j.changes().of(JournalDriver.ACCOUNTS[0]).get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, before.size(), "the opening of the account");
        // A crash after batch 4's changes were written, before its record: a whole change, then a torn one.
        try (SideFile side = SideFile.open(changes, durableBytes)) {
            ByteWriter out = side.begin();
            out.writeLong(4);
            out.writeLong(-1);
            byte[] change = new AccountChange(JournalDriver.ACCOUNTS[0], 1L, "0123456789abcdef", null, null,
                    AccountStatus.FROZEN).encode();
            out.write(change, 0, change.length);
            side.end();
            side.flush();
        }
        Files.write(changes, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
        try (FileJournal j = open()) {
            assertEquals(3, j.recover(new Recovered()));
            assertEquals(durableBytes, Files.size(changes), "cut back to the durable batches' changes");
            assertEquals(before, j.changes().of(JournalDriver.ACCOUNTS[0]).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSideFileShorterThanTheLastBatchClaimsRefusesToStart() throws Exception {
        trade(25);
        for (Path side : List.of(entries(), archive())) {
            byte[] whole = Files.readAllBytes(side);
            setLength(side, whole.length - 1);
            try (FileJournal j = open()) {
                CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> j.recover(new Recovered()));
                assertTrue(e.getMessage().contains(side.toString()), e.getMessage());
            }
            assertEquals(whole.length - 1, Files.size(side), "nothing more was cut");
            Files.write(side, whole);
        }
        try (FileJournal j = open()) {
            assertEquals(26, j.recover(new Recovered()), "whole again, it starts");
        }
    }

    @Test
    void aCorruptSideRecordRefusesToStart() throws Exception {
        trade(3);
        try (RandomAccessFile raf = new RandomAccessFile(entries().toFile(), "rw")) {
            raf.seek(SideFile.HEADER_BYTES + 3);
            raf.write(0x55);
        }
        try (FileJournal j = open()) {
            CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> j.recover(new Recovered()));
            assertTrue(e.getMessage().contains("entries at byte 0"), e.getMessage());
        }
    }

    private List<Path> snapshots() throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("snapshots"))) {
            return s.sorted().toList();
        }
    }

    /** Three snapshots (after batches 4, 7 and 10 of 13); returns the driver. */
    private JournalDriver tradeWithSnapshots() throws Exception {
        try (FileJournal j = open()) {
            j.recover(new Recovered());
            JournalDriver d = new JournalDriver(j);
            d.setUp();
            for (int i = 0; i < 3; i++) {
                d.trade(3);
                j.snapshot(d.sequence, LedgerSnapshot.write(d.ledger)).get(60, TimeUnit.SECONDS);
            }
            d.trade(3);
            return d;
        }
    }

    private void assertRecoversTheSameLedger(FileJournal j, Recovered r, JournalDriver d) throws Exception {
        LedgerReplay replay = new LedgerReplay(JournalDriver.CONFIG, j::archived);
        if (r.snapshot != null) replay.snapshot(r.snapshotSequence, r.snapshot);
        r.batches.forEach(replay::batch);
        assertArrayEquals(d.ledger.digest(), replay.ledger().digest());
        assertTrue(j.verify().ok());
    }

    @Test
    void onlyTheNewestTwoSnapshotsAreKeptAndACorruptOneIsSkipped() throws Exception {
        JournalDriver d = tradeWithSnapshots();
        List<Path> kept = snapshots();
        assertEquals(2, kept.size(), "the newest two: " + kept);
        assertTrue(kept.get(1).getFileName().toString().startsWith("00000000000000000010"), kept.toString());

        flipByteInTheMiddle(kept.get(1));
        try (FileJournal j = open()) {
            Recovered r = Recovered.from(j);
            assertEquals(7, r.snapshotSequence, "the older snapshot");
            assertEquals(6, r.batches.size());
            assertRecoversTheSameLedger(j, r, d);
        }
        flipByteInTheMiddle(kept.get(0));
        try (FileJournal j = open()) {
            Recovered r = Recovered.from(j);
            assertEquals(-1, r.snapshotSequence, "no usable snapshot: every batch is replayed");
            assertEquals(13, r.batches.size());
            assertRecoversTheSameLedger(j, r, d);
        }
    }

    @Test
    void aSnapshotNewerThanTheLastDurableBatchIsIgnored() throws Exception {
        tradeWithSnapshots();
        try (FileJournal j = open()) {
            j.recover(new Recovered());
            assertEquals(13, j.head().sequence());
        }
        // Batches 10 to 13 lost (as if never durable): the snapshot at batch 10 is now ahead of the journal.
        Path segment = data.resolve("journal").resolve(String.format("%020d.journal", 1));
        for (int lost = 0; lost < 4; lost++) {
            List<byte[]> records = new java.util.ArrayList<>();
            RecordFile.scan(data.resolve("journal"), (seq, record) -> records.add(record));
            setLength(segment, Files.size(segment) - RecordFile.HEADER_BYTES - records.get(records.size() - 1).length);
        }
        try (FileJournal j = open()) {
            Recovered r = Recovered.from(j);
            assertEquals(7, r.snapshotSequence);
            assertEquals(2, r.batches.size(), "batches 8 and 9");
            assertEquals(9, j.head().sequence());
            assertTrue(j.verify().ok());
        }
    }

    private static void flipByteInTheMiddle(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0xFF);
        }
    }

    @Test
    void verifyNamesTheBatchOfAnEntryRewrittenWithAValidChecksum() throws Exception {
        trade(4);
        byte[] file = Files.readAllBytes(entries());
        // The 200th entry record, rewritten by someone who also recomputes its checksum.
        long offset = 0;
        for (int i = 0; i < 200; i++) offset += SideFile.HEADER_BYTES + readInt(file, (int) offset);
        int length = readInt(file, (int) offset);
        int payloadAt = (int) offset + SideFile.HEADER_BYTES;
        file[payloadAt + length - 20] ^= 1; // inside the last fields: balances after, timeout
        java.util.zip.CRC32C crc = RecordFile.crcFrom(offset);
        crc.update(file, payloadAt, length);
        writeInt(file, (int) offset + 4, (int) crc.getValue());
        Files.write(entries(), file);
        long[] batchOfEntry = {-1};
        long entryOffset = offset;
        RecordFile.scan(data.resolve("journal"), (sequence, record) -> {
            if (batchOfEntry[0] < 0 && BatchRecord.entriesBytes(record) > entryOffset) batchOfEntry[0] = sequence;
        });
        try (FileJournal j = open()) {
            AuditChain.Verification v = j.verify();
            assertFalse(v.ok());
            assertEquals(batchOfEntry[0], v.firstBadSequence(), "the batch whose entry was rewritten");
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static void writeInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (24 - 8 * i));
    }
}
