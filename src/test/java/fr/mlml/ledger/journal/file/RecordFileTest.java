package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.core.CorruptRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordFileTest {
    @TempDir
    Path dir;

    private List<String> reopen(long segmentBytes) throws IOException {
        List<String> seen = new ArrayList<>();
        try (RecordFile f = RecordFile.open(dir, segmentBytes)) {
            f.replay(1, (seq, payload) -> seen.add(seq + ":" + new String(payload, StandardCharsets.UTF_8)));
            assertEquals(seen.size(), f.lastSequence());
        }
        return seen;
    }

    private void write(long segmentBytes, String... payloads) throws IOException {
        try (RecordFile f = RecordFile.open(dir, segmentBytes)) {
            for (String p : payloads) f.append(p.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void recordsComeBackInOrderAcrossSegments() throws IOException {
        write(64, "alpha", "beta", "gamma", "delta", "epsilon");
        write(64, "zeta");
        assertTrue(segments().size() > 1, "small segments roll over");
        assertEquals(List.of("1:alpha", "2:beta", "3:gamma", "4:delta", "5:epsilon", "6:zeta"), reopen(64));
    }

    @Test
    void aTornLastRecordIsCutOffAndWritingGoesOn() throws IOException {
        write(1 << 20, "one", "two", "three");
        Path last = segments().get(0);
        long size = Files.size(last);
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.setLength(size - 2);
        }
        assertEquals(List.of("1:one", "2:two"), reopen(1 << 20));
        write(1 << 20, "three again");
        assertEquals(List.of("1:one", "2:two", "3:three again"), reopen(1 << 20));
    }

    @Test
    void zerosLeftAtTheEndByACrashAreCutOff() throws IOException {
        write(1 << 20, "one");
        Path last = segments().get(0);
        Files.write(last, new byte[100], java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of("1:one"), reopen(1 << 20));
    }

    @Test
    void aLastRecordWhoseBytesDidNotAllLandIsCutOff() throws IOException {
        write(1 << 20, "one", "two");
        flipLastByte(segments().get(0));
        assertEquals(List.of("1:one"), reopen(1 << 20));
    }

    @Test
    void corruptionBeforeTheLastRecordRefusesToStart() throws IOException {
        write(1 << 20, "one", "two", "three");
        Path last = segments().get(0);
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.seek(RecordFile.HEADER_BYTES + 1);
            raf.write('X');
        }
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> reopen(1 << 20));
        assertTrue(e.getMessage().contains("at byte 0"), e.getMessage());
        assertEquals(3, countRecordsUnchanged(last), "nothing was truncated");
    }

    /* A flipped bit makes the first record claim more bytes than the file holds, like a torn last record would. */
    @Test
    void aDamagedLengthBeforeTheLastRecordRefusesToStartInsteadOfCuttingTheRecordsAfterIt() throws IOException {
        write(1 << 20, "one", "two", "three");
        Path last = segments().get(0);
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.seek(1);
            raf.write(0x01); // the length's second byte: 65,539 bytes
        }
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> reopen(1 << 20));
        assertTrue(e.getMessage().contains("at byte 0: incomplete record"), e.getMessage());
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.seek(1);
            raf.write(0x00);
        }
        assertEquals(List.of("1:one", "2:two", "3:three"), reopen(1 << 20), "nothing was truncated");
    }

    @Test
    void corruptionInAnEarlierSegmentRefusesToStart() throws IOException {
        write(40, "one", "two", "three", "four");
        flipLastByte(segments().get(0));
        assertThrows(CorruptRecordException.class, () -> reopen(40));
    }

    @Test
    void aMissingSegmentIsAGapAndRefusesToStart() throws IOException {
        write(40, "one", "two", "three", "four");
        List<Path> segs = segments();
        assertTrue(segs.size() >= 3);
        Files.delete(segs.get(1));
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> reopen(40));
        assertTrue(e.getMessage().contains("sequence"), e.getMessage());
    }

    private static void flipLastByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            int b = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(b ^ 0xFF);
        }
    }

    private static int countRecordsUnchanged(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int count = 0;
        for (int off = 0; off < bytes.length; count++) {
            int len = java.nio.ByteBuffer.wrap(bytes, off, 4).getInt();
            off += RecordFile.HEADER_BYTES + len;
        }
        return count;
    }
}
