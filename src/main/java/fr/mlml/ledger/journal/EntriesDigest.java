package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Entry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * SHA-256 of a batch's entries, in order, each as {@link EntryCodec} writes it preceded by its length (4 bytes,
 * big-endian). The audit chain hashes it with the batch's commands ({@link AuditChain#canonical}), so the history a
 * journal keeps (balances after each transfer, statements) is as tamper-evident as the commands: the verifier
 * recomputes it from the stored entries.
 */
public final class EntriesDigest {
    private final MessageDigest sha = sha256();
    private final byte[] lengthBytes = new byte[Integer.BYTES];

    public static byte[] of(List<Entry> entries) {
        EntriesDigest digest = new EntriesDigest();
        ByteWriter scratch = new ByteWriter(256);
        for (Entry e : entries) {
            scratch.clear();
            EntryCodec.encode(e, scratch);
            digest.add(scratch.buffer().array(), 0, scratch.size());
        }
        return digest.digest();
    }

    /** Adds one entry's encoding, {@code bytes[from, from + length)}. */
    public void add(byte[] bytes, int from, int length) {
        lengthBytes[0] = (byte) (length >>> 24);
        lengthBytes[1] = (byte) (length >>> 16);
        lengthBytes[2] = (byte) (length >>> 8);
        lengthBytes[3] = (byte) length;
        sha.update(lengthBytes, 0, Integer.BYTES); // one call: a call per byte cost more than the hashing
        sha.update(bytes, from, length);
    }

    /** The digest of what was added; the digest starts again empty. */
    public byte[] digest() {
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
