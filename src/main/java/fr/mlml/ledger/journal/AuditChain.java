package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.CorruptRecordException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The audit chain (DESIGN.md §5): batch n gets {@code hash_n = SHA-256(hash_{n-1} ‖ canonical bytes of batch n)},
 * from 32 zero bytes before batch 1; the canonical bytes are the batch's commands as {@link BatchCodec} writes them
 * followed by the digest of its entries ({@link EntriesDigest}), so neither a command nor a row of history can be
 * changed unseen. The ledger signs {@link #signedBytes} of each head with its own key, so history cannot be
 * rewritten without the key.
 */
public final class AuditChain {
    public static final int HASH_BYTES = 32;
    public static final byte[] GENESIS = new byte[HASH_BYTES];

    private AuditChain() {
    }

    /** The canonical bytes of a batch: its commands, then its entries' digest. */
    public static byte[] canonical(byte[] commands, byte[] entriesDigest) {
        assert entriesDigest.length == HASH_BYTES;
        byte[] out = Arrays.copyOf(commands, commands.length + HASH_BYTES);
        System.arraycopy(entriesDigest, 0, out, commands.length, HASH_BYTES);
        return out;
    }

    public static byte[] next(byte[] previous, byte[] batch) {
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(batch);
        return sha.digest();
    }

    /** What the ledger signs for a head: {@code mlml-ledger/v1/chain\n<sequence>\n<hash hex>}. */
    public static byte[] signedBytes(long sequence, byte[] hash) {
        return ("mlml-ledger/v1/chain\n" + sequence + "\n" + HexFormat.of().formatHex(hash))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The signed head after appending {@code batch} as batch {@code sequence}. */
    public static Head extend(Head head, long sequence, byte[] batch, fr.mlml.ledger.crypto.LedgerKey key) {
        byte[] hash = next(head.hash(), batch);
        return new Head(sequence, hash, key.sign(signedBytes(sequence, hash)));
    }

    /**
     * The head after reading batch {@code sequence} back from storage: it must follow the previous one and link to
     * it. Replay checks links only; the signature of the final head is checked once ({@link #requireSigned}).
     */
    public static Head follow(Head head, long sequence, byte[] hash, byte[] signature, byte[] batch) {
        if (sequence != head.sequence() + 1) {
            throw new CorruptRecordException("batch " + sequence + " after batch " + head.sequence());
        }
        if (!java.util.Arrays.equals(hash, next(head.hash(), batch))) {
            throw new CorruptRecordException("audit chain broken at batch " + sequence);
        }
        return new Head(sequence, hash, signature);
    }

    /** Refuses a journal whose last batch this ledger's key did not sign. */
    public static void requireSigned(Head head, org.bouncycastle.crypto.params.Ed25519PublicKeyParameters ledgerKey) {
        if (head.sequence() > 0 && !fr.mlml.ledger.crypto.Ed25519.verify(ledgerKey,
                signedBytes(head.sequence(), head.hash()), head.signature())) {
            throw new CorruptRecordException("the last batch is not signed by this ledger's key");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The signed head of the chain: what {@code GET /v1/audit/chain} shows. */
    public record Head(long sequence, byte[] hash, byte[] signature) {
    }

    /**
     * One batch as it was chained and signed: {@code hash = SHA-256(previous hash ‖ commands ‖ entriesDigest)} and
     * the ledger's signature over {@link #signedBytes} of it. What the offline audit export carries.
     */
    public record Link(long sequence, byte[] hash, byte[] signature, byte[] commands, byte[] entriesDigest) {
    }

    /** The outcome of recomputing the chain from storage. */
    public record Verification(boolean ok, long batchesChecked, Long firstBadSequence) {
    }

    /** Recomputes the chain batch by batch, as stored, and remembers the first batch that does not match. */
    public static final class Checker {
        private final org.bouncycastle.crypto.params.Ed25519PublicKeyParameters ledgerKey;
        private byte[] previous = GENESIS;
        private long checked;
        private Long firstBad;

        public Checker(org.bouncycastle.crypto.params.Ed25519PublicKeyParameters ledgerKey) {
            this.ledgerKey = ledgerKey;
        }

        public void check(long sequence, byte[] hash, byte[] signature, byte[] batch) {
            if (firstBad != null) return;
            boolean linked = java.util.Arrays.equals(hash, next(previous, batch));
            boolean signed = fr.mlml.ledger.crypto.Ed25519.verify(ledgerKey, signedBytes(sequence, hash), signature);
            if (linked && signed && sequence == checked + 1) checked++;
            else firstBad = sequence;
            previous = hash;
        }

        public Verification verification() {
            return new Verification(firstBad == null, checked, firstBad);
        }
    }
}
