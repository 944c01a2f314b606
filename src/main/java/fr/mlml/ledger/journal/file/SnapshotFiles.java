package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.crypto.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The file journal's snapshots, {@code <data dir>/snapshots/<sequence>.snapshot}: one record framed as the batch
 * records are ({@code [int payload length][int CRC32C of sequence and payload][long sequence][payload]}), whose
 * payload is the audit-chain head at that batch (hash, signature) then the ledger's state. Written to a temporary
 * file, forced, renamed over, and the directory forced, so a snapshot is whole or absent; the newest
 * {@link #KEPT} are kept, in case the newest one turns out unreadable.
 */
final class SnapshotFiles {
    static final int KEPT = 2;
    private static final int LINK_BYTES = BatchRecord.SIDE_LENGTHS_OFFSET;
    private static final String SUFFIX = ".snapshot";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

    private final Path dir;

    SnapshotFiles(Path dir) {
        this.dir = dir;
    }

    /** A snapshot read back: the chain's head at its batch, and the ledger's state. */
    record Snapshot(AuditChain.Head head, byte[] state) {
    }

    /** Keeps {@code state} as of batch {@code head.sequence()}, durably, and deletes the snapshots before the kept ones. */
    void write(AuditChain.Head head, byte[] state) throws IOException {
        Files.createDirectories(dir);
        Path target = path(head.sequence());
        Path temporary = dir.resolve(target.getFileName() + TEMPORARY_SUFFIX);
        ByteBuffer framing = ByteBuffer.allocate(RecordFile.HEADER_BYTES + LINK_BYTES);
        CRC32C crc = RecordFile.crcFrom(head.sequence());
        crc.update(head.hash());
        crc.update(head.signature());
        crc.update(state);
        framing.putInt(LINK_BYTES + state.length).putInt((int) crc.getValue()).putLong(head.sequence())
                .put(head.hash()).put(head.signature()).flip();
        // A temporary file a crash left behind keeps the mode it was made with: made anew instead.
        Files.deleteIfExists(temporary);
        try (FileChannel ch = OwnerOnly.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer[] parts = {framing, ByteBuffer.wrap(state)};
            while (parts[1].hasRemaining()) ch.write(parts);
            ch.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        RecordFile.forceDirectory(dir);
        List<Path> files = files();
        for (int i = KEPT; i < files.size(); i++) Files.delete(files.get(i));
    }

    /**
     * The newest snapshot that reads back whole and whose batch is durable ({@code sequence <= lastDurable}), or
     * null; the ones skipped are logged.
     */
    Snapshot newestUsable(long lastDurable) throws IOException {
        for (Path file : files()) {
            long sequence = sequenceOf(file);
            if (sequence > lastDurable) {
                LOG.warn("{} is of batch {}, after the last durable batch {}: ignored", file, sequence, lastDurable);
                continue;
            }
            try {
                return read(file, sequence);
            } catch (CorruptRecordException e) {
                LOG.warn("{} is not usable, an older snapshot or a longer replay is used: {}", file, e.getMessage());
            }
        }
        return null;
    }

    private static Snapshot read(Path file, long sequence) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < RecordFile.HEADER_BYTES + LINK_BYTES) throw new CorruptRecordException("too short");
            ByteBuffer framing = ByteBuffer.allocate(RecordFile.HEADER_BYTES + LINK_BYTES);
            RecordFile.readFully(ch, framing, 0);
            framing.flip();
            int length = framing.getInt();
            int expectedCrc = framing.getInt();
            if (framing.getLong() != sequence) throw new CorruptRecordException("not the snapshot its name says");
            if (length != size - RecordFile.HEADER_BYTES) throw new CorruptRecordException("bad length " + length);
            byte[] hash = new byte[AuditChain.HASH_BYTES];
            byte[] signature = new byte[Ed25519.SIGNATURE_BYTES];
            framing.get(hash).get(signature);
            byte[] state = new byte[length - LINK_BYTES];
            RecordFile.readFully(ch, ByteBuffer.wrap(state), RecordFile.HEADER_BYTES + LINK_BYTES);
            CRC32C crc = RecordFile.crcFrom(sequence);
            crc.update(hash);
            crc.update(signature);
            crc.update(state);
            if ((int) crc.getValue() != expectedCrc) throw new CorruptRecordException("checksum mismatch");
            return new Snapshot(new AuditChain.Head(sequence, hash, signature), state);
        }
    }

    private Path path(long sequence) {
        return dir.resolve(String.format("%020d%s", sequence, SUFFIX));
    }

    private static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    /** The snapshot files, newest first; temporary files a crash left behind are deleted. */
    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (var stream = Files.list(dir)) {
            for (Path p : stream.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(TEMPORARY_SUFFIX)) Files.delete(p);
                else if (name.endsWith(SUFFIX)) out.add(p);
            }
        }
        out.sort(Comparator.comparing(Path::toString).reversed());
        return out;
    }
}
