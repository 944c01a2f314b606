package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.crypto.Ed25519;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The payload of one batch's record in the file journal: {@code [audit-chain hash][ledger signature][long entries
 * file bytes][long archive file bytes][entries digest][batch]}. The two lengths say how long the side files were once
 * the batch was durable, so recovery cuts them back to the last durable batch. The chain hashes the batch's commands
 * and its entries' digest ({@link AuditChain#canonical}); recovery trusts the stored digest, the verifier recomputes
 * it from the entries file.
 */
final class BatchRecord {
    static final int SIDE_LENGTHS_OFFSET = AuditChain.HASH_BYTES + Ed25519.SIGNATURE_BYTES;
    static final int DIGEST_OFFSET = SIDE_LENGTHS_OFFSET + 2 * Long.BYTES;
    static final int BATCH_OFFSET = DIGEST_OFFSET + AuditChain.HASH_BYTES;

    private BatchRecord() {
    }

    static byte[] encode(AuditChain.Head head, long entriesBytes, long archiveBytes, byte[] entriesDigest,
                         byte[] batch) {
        assert head.hash().length == AuditChain.HASH_BYTES && head.signature().length == Ed25519.SIGNATURE_BYTES;
        ByteBuffer record = ByteBuffer.allocate(BATCH_OFFSET + batch.length);
        record.put(head.hash()).put(head.signature()).putLong(entriesBytes).putLong(archiveBytes).put(entriesDigest)
                .put(batch);
        return record.array();
    }

    static byte[] hash(byte[] record) {
        return Arrays.copyOfRange(record, 0, AuditChain.HASH_BYTES);
    }

    static byte[] signature(byte[] record) {
        return Arrays.copyOfRange(record, AuditChain.HASH_BYTES, SIDE_LENGTHS_OFFSET);
    }

    static long entriesBytes(byte[] record) {
        return ByteBuffer.wrap(record).getLong(SIDE_LENGTHS_OFFSET);
    }

    static long archiveBytes(byte[] record) {
        return ByteBuffer.wrap(record).getLong(SIDE_LENGTHS_OFFSET + Long.BYTES);
    }

    static byte[] entriesDigest(byte[] record) {
        return Arrays.copyOfRange(record, DIGEST_OFFSET, BATCH_OFFSET);
    }

    static byte[] batch(byte[] record) {
        if (record.length < BATCH_OFFSET) throw new CorruptRecordException("batch record of " + record.length + " bytes");
        return Arrays.copyOfRange(record, BATCH_OFFSET, record.length);
    }
}
