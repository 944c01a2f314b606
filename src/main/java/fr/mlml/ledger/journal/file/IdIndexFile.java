package fr.mlml.ledger.journal.file;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * A map from transfer ids to a long (a file offset, a batch number) kept in a memory-mapped file, not on the heap:
 * however many ids the ledger has ever seen, the heap holds none of them. Open addressing over 16-byte slots
 * {@code [64-bit fingerprint of the id][value]}, at most half full, so a miss (most ids asked for are new) reads one
 * or two adjacent slots of the mapping and a hit is confirmed by the caller's {@link IdTable.Ids} (which reads the
 * id back). It keeps no ids: the file is derived from what the caller indexes and can always be rebuilt from it.
 *
 * <p>A 64-byte header names the slot count, the entries, how far the caller's source is indexed ({@link #covered})
 * and whether the file was closed cleanly; it is checked (CRC32C) at opening. An unclean file is trusted only within
 * the boot that wrote it (a killed process leaves its writes in the page cache; a machine crash may not), otherwise
 * it is discarded, logged with its name, and the caller rebuilds it by reading its source once.
 *
 * <p>Not thread-safe: one writer, and readers that the caller keeps apart from it (see {@link FileArchive}).
 */
public final class IdIndexFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdIndexFile.class);
    static final int HEADER_BYTES = 64;
    private static final long MAGIC = 0x4D4C4D4C49445831L; // "MLMLIDX1"
    private static final int SLOT_BYTES = 16;
    private static final int SEGMENT_SHIFT = 30;
    private static final long SEGMENT_MASK = (1L << SEGMENT_SHIFT) - 1;
    private static final long MIN_SLOTS = 1 << 12;
    private static final int AT_SLOTS = 8;
    private static final int AT_COUNT = 16;
    private static final int AT_COVERED = 24;
    private static final int AT_BOOT = 32;
    private static final int AT_CLEAN = 48;
    private static final int AT_CRC = 56;
    private static final UUID BOOT = bootId();

    private final Path path;
    private FileChannel channel;
    /**
     * The file mapped in 1 GiB segments (one mapping is at most 2 GiB; slots never straddle two) with its slot
     * count, replaced whole when the table grows so that a reader sees one table or the other.
     */
    private record Table(MappedByteBuffer[] segments, long slots) {
    }

    private volatile Table table;
    private long count;
    private long covered;

    private IdIndexFile(Path path) {
        this.path = path;
    }

    /**
     * Opens the index at {@code path} if it is whole and trustworthy, else starts it empty (the caller then indexes
     * its whole source: {@link #covered} is 0). Marks it unclean until {@link #close}.
     */
    public static IdIndexFile open(Path path) throws IOException {
        IdIndexFile index = new IdIndexFile(path);
        String distrust = Files.exists(path) ? index.distrust() : null;
        if (distrust != null) LOG.warn("{}: {}; rebuilding it from what it indexes", path, distrust);
        if (!Files.exists(path) || distrust != null) {
            index.create(path, MIN_SLOTS);
        } else {
            index.map(FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
            index.count = index.header().getLong(AT_COUNT);
            index.covered = index.header().getLong(AT_COVERED);
        }
        index.writeHeader(false);
        index.header().force();
        return index;
    }

    /** Empties the index (its source was cut back before what it covers). */
    void reset() throws IOException {
        LOG.warn("{} indexes more than its source now holds; rebuilding it", path);
        channel.close();
        create(path, MIN_SLOTS);
        writeHeader(false);
    }

    /** How far the source is indexed (a file length, a batch number), as the caller last {@linkplain #cover said}. */
    long covered() {
        return covered;
    }

    /** Records that the source is indexed up to {@code upTo}; durable with the mapping. */
    void cover(long upTo) {
        covered = upTo;
        writeHeader(false);
    }

    long count() {
        return count;
    }

    /** Whether some slot has the id's fingerprint (a miss is certain, a hit must be confirmed by {@link #find}). */
    boolean mayHold(long idHi, long idLo) {
        long f = IdTable.fingerprint(idHi, idLo);
        Table t = table;
        MappedByteBuffer[] mapped = t.segments;
        long n = t.slots;
        for (long i = f & (n - 1), probes = 0; probes < n; i = (i + 1) & (n - 1), probes++) {
            long g = fingerprintAt(mapped, i);
            if (g == 0) return false;
            if (g == f) return true;
        }
        return false;
    }

    /** The value of the first entry with the id's fingerprint that {@code ids} confirms, or -1. */
    public long find(long idHi, long idLo, IdTable.Ids ids) {
        long f = IdTable.fingerprint(idHi, idLo);
        Table t = table;
        MappedByteBuffer[] mapped = t.segments;
        long n = t.slots;
        for (long i = f & (n - 1), probes = 0; probes < n; i = (i + 1) & (n - 1), probes++) {
            long g = fingerprintAt(mapped, i);
            if (g == 0) return -1;
            if (g == f && ids.isId(valueAt(mapped, i), idHi, idLo)) return valueAt(mapped, i);
        }
        return -1;
    }

    /** Maps the id to {@code value}, replacing the entry {@code ids} confirms as the same id, if any. */
    public void put(long idHi, long idLo, long value, IdTable.Ids ids) throws IOException {
        assert value >= 0 : "values are offsets or batch numbers";
        if (2 * (count + 1) > table.slots) grow();
        long f = IdTable.fingerprint(idHi, idLo);
        MappedByteBuffer[] mapped = table.segments;
        long n = table.slots;
        long i = f & (n - 1);
        for (; fingerprintAt(mapped, i) != 0; i = (i + 1) & (n - 1)) {
            if (fingerprintAt(mapped, i) == f && ids.isId(valueAt(mapped, i), idHi, idLo)) {
                setSlot(mapped, i, f, value);
                return;
            }
        }
        setSlot(mapped, i, f, value);
        count++;
    }

    /** Doubles the slots into a new file, renamed over this one once whole. */
    private void grow() throws IOException {
        Path bigger = path.resolveSibling(path.getFileName() + ".grow");
        IdIndexFile next = new IdIndexFile(bigger);
        Table from = table;
        next.create(bigger, from.slots * 2);
        Table to = next.table;
        for (long s = 0; s < from.slots; s++) {
            long f = fingerprintAt(from.segments, s);
            if (f == 0) continue;
            long i = f & (to.slots - 1);
            while (fingerprintAt(to.segments, i) != 0) i = (i + 1) & (to.slots - 1);
            setSlot(to.segments, i, f, valueAt(from.segments, s));
        }
        Files.move(bigger, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel.close();
        channel = next.channel;
        table = to; // a reader sees the old table or the new one, whole
        writeHeader(false);
    }

    @Override
    public void close() throws IOException {
        if (channel == null || !channel.isOpen()) return;
        for (MappedByteBuffer segment : table.segments) segment.force();
        writeHeader(true);
        header().force();
        channel.close();
    }

    /** Why the file at {@link #path} cannot be used as it is, or null. */
    private String distrust() throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (ch.size() < HEADER_BYTES) return "shorter than its header";
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
            RecordFile.readFully(ch, h, 0);
            if (h.getLong(0) != MAGIC) return "not an id index";
            if (h.getInt(AT_CRC) != headerCrc(h)) return "its header's checksum does not match";
            long n = h.getLong(AT_SLOTS);
            if (Long.bitCount(n) != 1 || n < MIN_SLOTS || ch.size() != HEADER_BYTES + n * SLOT_BYTES) {
                return "its length does not match its slot count";
            }
            long c = h.getLong(AT_COUNT);
            if (c < 0 || 2 * c > n || h.getLong(AT_COVERED) < 0) return "its header is inconsistent";
            boolean clean = h.getInt(AT_CLEAN) == 1;
            boolean sameBoot = BOOT != null && h.getLong(AT_BOOT) == BOOT.getMostSignificantBits()
                    && h.getLong(AT_BOOT + 8) == BOOT.getLeastSignificantBits();
            return clean || sameBoot ? null : "not closed cleanly before the machine restarted";
        }
    }

    private void create(Path at, long slotCount) throws IOException {
        Files.deleteIfExists(at);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(at, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        FileChannel ch = FileChannel.open(at, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ch.truncate(0);
        ch.write(ByteBuffer.allocate(1), HEADER_BYTES + slotCount * SLOT_BYTES - 1); // zero-filled slots
        count = 0;
        covered = 0;
        map(ch);
    }

    private void map(FileChannel ch) throws IOException {
        channel = ch;
        long size = ch.size();
        int n = (int) ((size + SEGMENT_MASK) >>> SEGMENT_SHIFT);
        MappedByteBuffer[] mapped = new MappedByteBuffer[n];
        for (int k = 0; k < n; k++) {
            long from = (long) k << SEGMENT_SHIFT;
            mapped[k] = ch.map(FileChannel.MapMode.READ_WRITE, from, Math.min(1L << SEGMENT_SHIFT, size - from));
        }
        table = new Table(mapped, (size - HEADER_BYTES) / SLOT_BYTES);
    }

    private MappedByteBuffer header() {
        return table.segments[0];
    }

    private void writeHeader(boolean clean) {
        MappedByteBuffer h = header();
        h.putLong(0, MAGIC).putLong(AT_SLOTS, table.slots).putLong(AT_COUNT, count).putLong(AT_COVERED, covered)
                .putLong(AT_BOOT, BOOT == null ? 0 : BOOT.getMostSignificantBits())
                .putLong(AT_BOOT + 8, BOOT == null ? 0 : BOOT.getLeastSignificantBits())
                .putInt(AT_CLEAN, clean ? 1 : 0);
        h.putInt(AT_CRC, headerCrc(h));
    }

    private static int headerCrc(ByteBuffer h) {
        CRC32C crc = new CRC32C();
        crc.update(h.duplicate().position(0).limit(AT_CRC));
        return (int) crc.getValue();
    }

    private static long fingerprintAt(MappedByteBuffer[] mapped, long slot) {
        long at = HEADER_BYTES + slot * SLOT_BYTES;
        return mapped[(int) (at >>> SEGMENT_SHIFT)].getLong((int) (at & SEGMENT_MASK));
    }

    private static long valueAt(MappedByteBuffer[] mapped, long slot) {
        long at = HEADER_BYTES + slot * SLOT_BYTES + Long.BYTES;
        return mapped[(int) (at >>> SEGMENT_SHIFT)].getLong((int) (at & SEGMENT_MASK));
    }

    /** Value first, fingerprint last: a reader finds a slot only once it is whole. */
    private static void setSlot(MappedByteBuffer[] mapped, long slot, long fingerprint, long value) {
        long at = HEADER_BYTES + slot * SLOT_BYTES;
        MappedByteBuffer segment = mapped[(int) (at >>> SEGMENT_SHIFT)];
        segment.putLong((int) (at & SEGMENT_MASK) + Long.BYTES, value);
        segment.putLong((int) (at & SEGMENT_MASK), fingerprint);
    }

    /** This boot of the machine, to tell a killed process (page cache intact) from a machine crash; null if unknown. */
    private static UUID bootId() {
        try {
            return UUID.fromString(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
