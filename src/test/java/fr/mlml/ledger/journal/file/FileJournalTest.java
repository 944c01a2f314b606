package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.journal.BatchEffects;
import fr.mlml.ledger.journal.Recovered;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.LedgerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileJournalTest {
    @TempDir
    Path data;

    private static List<Command> batch(String member) {
        CreateMember c = new CreateMember(member, "Member " + member, MemberKind.CITIZEN);
        c.setTimestampMs(1_800_000_000_000L);
        return List.of(c);
    }

    private void writeBatches(LedgerKey key, String... members) throws Exception {
        try (FileJournal j = new FileJournal(data, key)) {
            long last = j.recover(new Recovered());
            for (String m : members) j.append(++last, batch(m), BatchEffects.NONE).join();
        }
    }

    /** The books (members, payments, memos) were created readable by every user of the machine (mode 644). */
    @Test
    void everyFileOfTheJournalIsCreatedReadableByItsOwnerOnly() throws Exception {
        LedgerKey key = LedgerKey.loadOrCreate(data);
        writeBatches(key, "a", "b");
        try (FileJournal j = new FileJournal(data, key)) {
            long last = j.recover(new Recovered());
            j.snapshot(last, new byte[] {1, 2, 3}).join();
        }
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("journal", "snapshots")) {
            try (var listing = Files.list(data.resolve(dir))) {
                listing.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("entries", "archive")) && names.stream().anyMatch(n -> n.endsWith(".journal"))
                && names.stream().anyMatch(n -> n.endsWith(".snapshot")), names.toString());
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    file.toString());
        }
    }

    @Test
    void batchesComeBackInOrderWithAChainSignedByTheLedgerKey() throws Exception {
        LedgerKey key = LedgerKey.loadOrCreate(data);
        writeBatches(key, "a", "b", "c");
        List<String> seen = new ArrayList<>();
        try (FileJournal j = new FileJournal(data, key)) {
            Recovered r = Recovered.from(j);
            assertEquals(3, r.batches.size());
            r.batches.forEach(b -> seen.add(((CreateMember) b.get(0)).id));
            AuditChain.Head head = j.head();
            assertEquals(3, head.sequence());
            assertTrue(Ed25519.verify(key.publicKey, AuditChain.signedBytes(3, head.hash()), head.signature()));
            assertEquals(new AuditChain.Verification(true, 3, null), j.verify());
        }
        assertEquals(List.of("a", "b", "c"), seen);
    }

    @Test
    void theLedgerKeyIsKeptPrivateAndReadBackUnchanged() throws IOException {
        LedgerKey first = LedgerKey.loadOrCreate(data);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("ledger-key"))));
        assertArrayEquals(first.publicKey.getEncoded(), LedgerKey.loadOrCreate(data).publicKey.getEncoded());
    }

    /** Rewrites the journal's records as someone with the disk but not the key could: valid checksums, old links. */
    private void rewriteBatchTwo(boolean recomputeHashes) throws IOException {
        List<byte[]> records = new ArrayList<>();
        Path dir = data.resolve("journal");
        RecordFile.scan(dir, (seq, record) -> records.add(record));
        byte[] forged = new byte[records.get(1).length];
        System.arraycopy(records.get(1), 0, forged, 0, forged.length);
        forged[forged.length - 1] ^= 1;
        records.set(1, forged);
        if (recomputeHashes) {
            byte[] previous = AuditChain.GENESIS;
            for (byte[] r : records) {
                byte[] hash = AuditChain.next(previous, AuditChain.canonical(BatchRecord.batch(r),
                        BatchRecord.entriesDigest(r)));
                System.arraycopy(hash, 0, r, 0, 32);
                previous = hash;
            }
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        try (RecordFile f = RecordFile.open(dir, FileJournal.SEGMENT_BYTES)) {
            for (byte[] r : records) f.append(r);
        }
    }

    @Test
    void aRewrittenBatchIsNamedByTheVerifierAndRefusedAtStart() throws Exception {
        LedgerKey key = LedgerKey.loadOrCreate(data);
        writeBatches(key, "a", "b", "c");
        rewriteBatchTwo(false);
        try (FileJournal j = new FileJournal(data, key)) {
            assertEquals(new AuditChain.Verification(false, 1, 2L), j.verify());
            assertThrows(CorruptRecordException.class, () -> j.recover(new Recovered()));
        }
    }

    @Test
    void aRewrittenHistoryWithRecomputedHashesFailsOnTheSignatures() throws Exception {
        LedgerKey key = LedgerKey.loadOrCreate(data);
        writeBatches(key, "a", "b", "c");
        rewriteBatchTwo(true);
        try (FileJournal j = new FileJournal(data, key)) {
            AuditChain.Verification v = j.verify();
            assertFalse(v.ok());
            assertEquals(2L, v.firstBadSequence());
        }
    }

    @Test
    void anEmptyJournalVerifies() throws Exception {
        try (FileJournal j = new FileJournal(data, LedgerKey.loadOrCreate(data))) {
            assertEquals(0, j.recover(new Recovered()));
            AuditChain.Verification v = j.verify();
            assertTrue(v.ok());
            assertNull(v.firstBadSequence());
        }
    }
}
