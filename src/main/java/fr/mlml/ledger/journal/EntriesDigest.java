package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.Entry;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * SHA-256 of a batch's entries, in order, each as {@link EntryCodec} writes it preceded by its length (4 bytes,
 * big-endian). The audit chain hashes it with the batch's commands ({@link AuditChain#canonical}), so the history a
 * journal keeps (balances after each transfer, statements) is as tamper-evident as the commands: the verifier
 * recomputes it from the stored entries.
 */
final class EntriesDigest {
    private final MessageDigest sha = sha256();
    private final byte[] lengthBytes = new byte[Integer.BYTES];

    static byte[] of(List<Entry> entries) {
        EntriesDigest digest = new EntriesDigest();
        ByteWriter scratch = new ByteWriter(256);
        for (Entry e : entries) {
            scratch.clear();
            EntryCodec.encode(e, scratch);
            digest.add(scratch.buffer().array(), 0, scratch.size());
        }
        return digest.digest();
    }

    /**
     * Recomputes the digest of the entries stored in {@code file} from {@code fromBytes} to {@code toBytes} (one
     * batch's, as its record claims); no file ({@code null}) holds nothing. Records that do not end exactly there
     * give a digest that matches nothing.
     */
    static byte[] ofStored(SideFile file, long fromBytes, long toBytes) throws IOException {
        EntriesDigest stored = new EntriesDigest();
        long offset = fromBytes;
        if (file == null && toBytes > fromBytes) throw new CorruptRecordException("no entries file");
        while (offset < toBytes) {
            byte[] payload = file.read(offset);
            stored.add(payload, 0, payload.length);
            offset += SideFile.HEADER_BYTES + payload.length;
        }
        if (offset != toBytes) stored.add(new byte[0], 0, 0); // a record straddling the claimed end
        return stored.digest();
    }

    /** Adds one entry's encoding, {@code bytes[from, from + length)}. */
    void add(byte[] bytes, int from, int length) {
        lengthBytes[0] = (byte) (length >>> 24);
        lengthBytes[1] = (byte) (length >>> 16);
        lengthBytes[2] = (byte) (length >>> 8);
        lengthBytes[3] = (byte) length;
        sha.update(lengthBytes, 0, Integer.BYTES); // one call: a call per byte cost more than the hashing
        sha.update(bytes, from, length);
    }

    /** The digest of what was added; the digest starts again empty. */
    byte[] digest() {
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
