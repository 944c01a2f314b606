package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.BatchCodec;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.JournalDriver;
import fr.mlml.ledger.journal.Recovered;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.TransferArchive;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.engine.LedgerReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The file journal's bytes damaged at seeded offsets: a real journal is written with a known sequence of
 * acknowledged batches (members, then trade that makes the ledger forget ids to the archive), then each case copies
 * it, truncates it or flips one bit at a seeded offset of its segment (a third of the segment's flips in a record's
 * header), entries or archive file, and starts it. The
 * start either recovers a prefix of the acknowledged batches (exactly the batches before the damaged record, and the
 * same ledger as after that batch, forgotten ids looked up in the recovered archive), or refuses with an exception
 * naming the file (and the offset of the damaged record, at or before the damaged byte); never anything else.
 *
 * <p>Each case has its own seed; a failure names it and {@code -Dledger.corruption.seed=N} runs it alone
 * ({@code -Dledger.corruption.cases=N} sets how many, default 300).
 */
class FileJournalCorruptionSimulationPropertiesTest {
    private static final long BASE_SEED = 0xC0_0000L;
    private static final Long ONE_SEED = Long.getLong("ledger.corruption.seed");
    private static final int CASES = Integer.getInteger("ledger.corruption.cases", 300);
    private static final int TRADE_BATCHES = 30;
    private static final Pattern AT_BYTE = Pattern.compile(" at byte (\\d+)");

    @TempDir
    Path work;

    enum Target { SEGMENT, ENTRIES, ARCHIVE }

    /** The intact journal: its batches' bytes and the ledger's digest after each, and its segment's records. */
    private record Written(Path data, List<byte[]> batches, List<byte[]> digests, Path segment, long[] recordEnds) {
    }

    @Test
    void aDamagedJournalRecoversAPrefixOfWhatWasAcknowledgedOrRefusesNamingWhere() throws Exception {
        Written w = write();
        Map<String, Integer> outcomes = new TreeMap<>();
        long started = System.nanoTime();
        if (ONE_SEED != null) {
            outcomes.merge(damageAndStart(w, ONE_SEED), 1, Integer::sum);
        } else {
            for (int i = 0; i < CASES; i++) outcomes.merge(damageAndStart(w, BASE_SEED + i), 1, Integer::sum);
        }
        System.out.printf("file journal corruption: %d batches written (%d-byte segment), %d cases: %s, %.1f s%n",
                w.batches.size(), Files.size(w.segment), ONE_SEED != null ? 1 : CASES, outcomes,
                (System.nanoTime() - started) / 1e9);
    }

    private Written write() throws Exception {
        Path data = work.resolve("intact");
        List<byte[]> digests = new ArrayList<>();
        JournalDriver d;
        try (FileJournal j = new FileJournal(data, LedgerKey.loadOrCreate(data))) {
            j.recover(new Recovered());
            d = new JournalDriver(j);
            d.setUp();
            digests.add(d.ledger.digest());
            for (int b = 0; b < TRADE_BATCHES; b++) {
                d.trade(1);
                digests.add(d.ledger.digest());
            }
        }
        List<byte[]> batches = new ArrayList<>();
        try (FileJournal j = new FileJournal(copy(data, "read"), LedgerKey.loadOrCreate(data))) {
            for (List<Command> batch : Recovered.from(j).batches) batches.add(BatchCodec.encode(batch));
        }
        assertEquals(TRADE_BATCHES + 1, batches.size(), "every batch written reads back");
        Path segment;
        try (Stream<Path> files = Files.list(data.resolve("journal"))) {
            List<Path> segments = files.filter(p -> p.toString().endsWith(".journal")).toList();
            assertEquals(1, segments.size(), "one segment");
            segment = segments.get(0);
        }
        return new Written(data, batches, digests, segment, recordEnds(segment));
    }

    /** Where each record of the segment ends: {@code [int length][int crc][long sequence][payload]}. */
    private static long[] recordEnds(Path segment) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Long> ends = new ArrayList<>();
        while (b.remaining() >= RecordFile.HEADER_BYTES) {
            int length = b.getInt(b.position());
            b.position(b.position() + RecordFile.HEADER_BYTES + length);
            ends.add((long) b.position());
        }
        return ends.stream().mapToLong(Long::longValue).toArray();
    }

    private String damageAndStart(Written w, long seed) throws Exception {
        try {
            return damageAndStartOrFail(w, seed);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("corruption seed " + seed + " (replay: -Dledger.corruption.seed=" + seed + "): "
                    + e.getMessage(), e);
        }
    }

    private String damageAndStartOrFail(Written w, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        Path data = copy(w.data, "case-" + seed);
        Target target = Target.values()[r.nextInt(Target.values().length)];
        Path file = switch (target) {
            case SEGMENT -> data.resolve("journal").resolve(w.segment.getFileName());
            case ENTRIES -> data.resolve("journal").resolve("entries");
            case ARCHIVE -> data.resolve("journal").resolve("archive");
        };
        long size = Files.size(file);
        long at = r.nextLong(size);
        boolean truncate = r.nextBoolean();
        if (target == Target.SEGMENT && !truncate && r.nextInt(3) == 0) { // a record's header: length, CRC, sequence
            int record = r.nextInt(w.recordEnds.length);
            at = (record == 0 ? 0 : w.recordEnds[record - 1]) + r.nextInt(RecordFile.HEADER_BYTES);
        }
        if (truncate) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(at);
            }
        } else {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ (1 << r.nextInt(8)));
            }
        }
        String what = (truncate ? "truncated " : "flipped ") + target.name().toLowerCase() + " at " + at + " of "
                + size;
        // The batches before the damaged record of the segment; the side files are not in the records' bytes.
        int intact = 0;
        while (target == Target.SEGMENT && intact < w.recordEnds.length && w.recordEnds[intact] <= at) intact++;
        boolean lastRecord = target == Target.SEGMENT && intact == w.recordEnds.length - 1;
        FileJournal journal = new FileJournal(data, LedgerKey.loadOrCreate(data));
        Recovered recovered = new Recovered();
        long last;
        try {
            last = journal.recover(recovered);
        } catch (Exception refused) {
            journal.close();
            String message = String.valueOf(refused.getMessage());
            assertTrue(message.contains(file.getFileName().toString()), () -> what + ": refused without naming "
                    + file.getFileName() + ": " + refused);
            Matcher m = AT_BYTE.matcher(message);
            if (m.find() && !truncate) {
                assertTrue(Long.parseLong(m.group(1)) <= at, () -> what + ": refused naming a later offset: " + message);
            }
            if (target == Target.SEGMENT && truncate) fail(what + ": a truncated segment is a torn tail: " + refused);
            return (truncate ? "truncated " : "flipped ") + target.name().toLowerCase() + " refused";
        }
        try {
            int n = recovered.batches.size();
            assertEquals(last, n, what + ": the sequence returned against the batches handed over");
            for (int i = 0; i < n; i++) {
                assertTrue(Arrays.equals(w.batches.get(i), BatchCodec.encode(recovered.batches.get(i))),
                        what + ": batch " + (i + 1) + " differs from the one acknowledged");
            }
            if (target != Target.SEGMENT) fail(what + ": recovered " + n + " batches from a damaged side file");
            assertEquals(intact, n, what + ": recovered batches (the damaged record is record " + (intact + 1) + ")");
            if (n > 0) {
                LedgerReplay replay = new LedgerReplay(JournalDriver.CONFIG, archiveOf(journal));
                for (List<Command> batch : recovered.batches) replay.batch(batch);
                assertEquals(HexFormat.of().formatHex(w.digests.get(n - 1)),
                        HexFormat.of().formatHex(replay.ledger().digest()), what + ": the ledger after batch " + n);
            }
        } finally {
            journal.close();
        }
        if (!truncate && !lastRecord) {
            fail(what + ": record " + (intact + 1) + " of " + w.recordEnds.length + " damaged, and the start cut it and "
                    + "every batch after it as if it were a torn last record");
        }
        return (truncate ? "truncated " : "flipped ") + target.name().toLowerCase() + " recovered a prefix";
    }

    private static TransferArchive archiveOf(Journal journal) {
        return new TransferArchive() {
            @Override
            public TransferRecord find(long idHi, long idLo) {
                return journal.archived(idHi, idLo);
            }

            @Override
            public boolean keepsForgotten() {
                return false;
            }

            @Override
            public void forgotten(TransferRecord record) {
            }
        };
    }

    private Path copy(Path from, String name) throws IOException {
        Path to = work.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }
}
