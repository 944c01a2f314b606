package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.LedgerKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The embedded journal: each batch is one record of a {@link RecordFile} in {@code <data dir>/journal}, holding the
 * batch's audit-chain hash, the ledger's signature of it, and the batch's bytes. One writer thread hashes, signs,
 * writes and forces, so the engine applies the next batch meanwhile.
 */
public final class FileJournal implements Journal {
    public static final long SEGMENT_BYTES = 256L << 20;
    private static final int LINK_BYTES = AuditChain.HASH_BYTES + Ed25519.SIGNATURE_BYTES;

    private final Path dir;
    private final LedgerKey key;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "journal-writer");
        t.setDaemon(true);
        return t;
    });
    private RecordFile file;
    private volatile AuditChain.Head head = new AuditChain.Head(0, AuditChain.GENESIS, new byte[0]);
    /** Set by the first failed write: nothing more is written, so a half-written record stays the last one. */
    private volatile boolean failed;

    public FileJournal(Path dataDir, LedgerKey key) {
        this.dir = dataDir.resolve("journal");
        this.key = key;
    }

    @Override
    public long recover(Recovery into) throws IOException {
        file = RecordFile.open(dir, SEGMENT_BYTES, (sequence, record) -> {
            byte[] body = Arrays.copyOfRange(record, LINK_BYTES, record.length);
            head = AuditChain.follow(head, sequence, Arrays.copyOfRange(record, 0, AuditChain.HASH_BYTES),
                    Arrays.copyOfRange(record, AuditChain.HASH_BYTES, LINK_BYTES), body);
            into.batch(BatchCodec.decode(body));
        });
        AuditChain.requireSigned(head, key.publicKey);
        return file.lastSequence();
    }

    @Override
    public CompletableFuture<Void> append(long sequence, List<Command> commands, BatchEffects effects) {
        // Encoded on the caller's thread: the commands are not touched again once handed over.
        byte[] body = BatchCodec.encode(commands);
        return CompletableFuture.runAsync(() -> write(sequence, body), writer);
    }

    private void write(long sequence, byte[] body) {
        if (failed) throw new IllegalStateException("the journal failed earlier; it takes no more writes");
        try {
            AuditChain.Head next = AuditChain.extend(head, sequence, body, key);
            byte[] record = new byte[LINK_BYTES + body.length];
            System.arraycopy(next.hash(), 0, record, 0, AuditChain.HASH_BYTES);
            System.arraycopy(next.signature(), 0, record, AuditChain.HASH_BYTES, Ed25519.SIGNATURE_BYTES);
            System.arraycopy(body, 0, record, LINK_BYTES, body.length);
            long written = file.append(record);
            if (written != sequence) throw new IllegalStateException("batch " + sequence + " written as " + written);
            head = next;
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    @Override
    public CompletableFuture<Void> snapshot(long sequence, byte[] state) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("file snapshots: not yet"));
    }

    @Override
    public TransferRecord archived(long idHi, long idLo) {
        return null;
    }

    @Override
    public History history() {
        throw new UnsupportedOperationException("file history: not yet");
    }

    @Override
    public AuditChain.Head head() {
        return head;
    }

    @Override
    public AuditChain.Verification verify() throws IOException {
        AuditChain.Checker checker = new AuditChain.Checker(key.publicKey);
        RecordFile.scan(dir, (sequence, record) -> checker.check(sequence,
                Arrays.copyOfRange(record, 0, AuditChain.HASH_BYTES),
                Arrays.copyOfRange(record, AuditChain.HASH_BYTES, LINK_BYTES),
                Arrays.copyOfRange(record, LINK_BYTES, record.length)));
        return checker.verification();
    }

    @Override
    public void close() throws IOException {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (file != null) file.close();
    }
}
