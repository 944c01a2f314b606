package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.AccountChange;
import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.journal.BatchCodec;
import fr.mlml.ledger.journal.BatchEffects;
import fr.mlml.ledger.journal.ChangeLog;
import fr.mlml.ledger.journal.EntriesDigest;
import fr.mlml.ledger.journal.EventStore;
import fr.mlml.ledger.journal.History;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.WebhookStore;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.Invariants;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.crypto.LedgerKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The embedded journal, in {@code <data dir>/journal}: each batch is one record of a {@link RecordFile}
 * ({@link BatchRecord}: audit-chain hash, the ledger's signature, the side files' lengths, the batch's bytes); the
 * batch's entries go to the {@code entries} file ({@link FileHistory}) and its forgotten records to the
 * {@code archive} file ({@link FileArchive}) and its events to the {@code events} files ({@link FileEvents}), its
 * accounts' limit and status changes to the {@code changes} file ({@link FileChanges}), all forced before the batch
 * record, which is what makes them count.
 * Snapshots are in {@code <data dir>/snapshots} ({@link SnapshotFiles}). One writer thread does all the writing, in
 * order, so the engine applies the next batch meanwhile.
 */
public final class FileJournal implements Journal {
    public static final long SEGMENT_BYTES = 256L << 20;

    static {
        Invariants.check(BatchRecord.BATCH_OFFSET + (long) BatchCodec.MAX_BATCH_BYTES <= RecordFile.MAX_PAYLOAD_BYTES,
                "the largest batch fits a record");
    }

    private final Path dir;
    private final SnapshotFiles snapshots;
    private final LedgerKey key;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "journal-writer");
        t.setDaemon(true);
        return t;
    });
    private RecordFile file;
    private FileHistory history;
    private FileArchive archive;
    private FileEvents events;
    private FileChanges changes;
    private final FileWebhookStore webhooks;
    private volatile AuditChain.Head head = new AuditChain.Head(0, AuditChain.GENESIS, new byte[0]);
    /** Set by the first failed write: nothing more is written, so a half-written record stays the last one. */
    private volatile boolean failed;
    /** Written by the writer thread only. */
    private volatile long bytesWritten;

    public FileJournal(Path dataDir, LedgerKey key) {
        this.dir = dataDir.resolve("journal");
        this.webhooks = new FileWebhookStore(dir);
        this.snapshots = new SnapshotFiles(dataDir.resolve("snapshots"));
        this.key = key;
    }

    /**
     * Opens the batch records (reading the last segment for a torn tail), cuts the side files back to what the last
     * durable batch claims and rebuilds their indexes, then hands over the newest usable snapshot and the batches
     * after it, following the audit chain from the snapshot's head. The side files come first: a replay looks
     * forgotten ids up in the archive.
     */
    @Override
    public long recover(Recovery into) throws IOException {
        file = RecordFile.open(dir, SEGMENT_BYTES);
        byte[] last = file.lastPayload();
        history = FileHistory.open(dir.resolve("entries"), last == null ? 0 : BatchRecord.entriesBytes(last));
        archive = FileArchive.open(dir.resolve("archive"), last == null ? 0 : BatchRecord.archiveBytes(last));
        events = FileEvents.open(dir, file.lastSequence());
        changes = FileChanges.open(dir.resolve("changes"), file.lastSequence());
        SnapshotFiles.Snapshot snapshot = snapshots.newestUsable(file.lastSequence());
        if (snapshot != null) {
            head = snapshot.head();
            into.snapshot(snapshot.head().sequence(), snapshot.state());
        }
        file.replay(head.sequence() + 1, (sequence, record) -> {
            byte[] batch = BatchRecord.batch(record);
            head = AuditChain.follow(head, sequence, BatchRecord.hash(record), BatchRecord.signature(record),
                    AuditChain.canonical(batch, BatchRecord.entriesDigest(record)));
            into.batch(BatchCodec.decode(batch));
        });
        AuditChain.requireSigned(head, key.publicKey);
        return file.lastSequence();
    }

    @Override
    public CompletableFuture<Void> append(long sequence, List<Command> commands, BatchEffects effects) {
        FileArchive.Pending forgotten = archive.hold(effects.forgotten());
        return CompletableFuture.runAsync(() -> write(sequence, commands, effects, forgotten), writer);
    }

    /**
     * On the writer thread, encoding included: a command's input never changes once applied, and the engine thread,
     * the busier of the two, moves on to the next batch.
     */
    private void write(long sequence, List<Command> commands, BatchEffects effects, FileArchive.Pending forgotten) {
        if (failed) throw new IllegalStateException("the journal failed earlier; it takes no more writes");
        try {
            byte[] batch = BatchCodec.encode(commands);
            long sideBytesBefore = history.bytes() + archive.bytes() + events.bytes() + changes.bytes();
            long entriesBytes = history.write(effects.entries());
            events.write(sequence, effects.events());
            changes.write(sequence, AccountChange.of(commands));
            long archiveBytes = archive.write(forgotten);
            byte[] entriesDigest = history.writtenDigest();
            AuditChain.Head next = AuditChain.extend(head, sequence, AuditChain.canonical(batch, entriesDigest), key);
            byte[] record = BatchRecord.encode(next, entriesBytes, archiveBytes, entriesDigest, batch);
            long written = file.append(record);
            if (written != sequence) throw new IllegalStateException("batch " + sequence + " written as " + written);
            bytesWritten += record.length + entriesBytes + archiveBytes + events.bytes() + changes.bytes()
                    - sideBytesBefore;
            history.publish();
            archive.publish(forgotten);
            events.publish();
            changes.publish();
            head = next;
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Queued behind the batch {@code sequence}, so the snapshot carries the chain's head at that batch. */
    @Override
    public CompletableFuture<Void> snapshot(long sequence, byte[] state) {
        return CompletableFuture.runAsync(() -> {
            AuditChain.Head at = head;
            if (failed || at.sequence() != sequence) {
                throw new IllegalStateException("no snapshot of batch " + sequence + ": the journal is at batch "
                        + at.sequence() + (failed ? " and failed" : ""));
            }
            try {
                snapshots.write(at, state);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writer);
    }

    @Override
    public TransferRecord archived(long idHi, long idLo) {
        return archive.find(idHi, idLo);
    }

    @Override
    public History history() {
        if (history == null) throw new IllegalStateException("history is there once the journal is recovered");
        return history;
    }

    @Override
    public EventStore events() {
        if (events == null) throw new IllegalStateException("events are there once the journal is recovered");
        return events;
    }

    @Override
    public ChangeLog changes() {
        if (changes == null) throw new IllegalStateException("changes are there once the journal is recovered");
        return changes;
    }

    @Override
    public WebhookStore webhooks() {
        return webhooks;
    }

    @Override
    public AuditChain.Head head() {
        return head;
    }

    @Override
    public AuditChain.Verification verify() throws IOException {
        AuditChain.Checker checker = new AuditChain.Checker(key.publicKey);
        long[] entriesFrom = {0};
        try (SideFile entries = SideFile.readOnly(dir.resolve("entries"))) {
            RecordFile.scan(dir, (sequence, record) -> {
                long entriesTo = BatchRecord.entriesBytes(record);
                byte[] stored;
                try {
                    stored = storedDigest(entries, entriesFrom[0], entriesTo);
                } catch (IOException | CorruptRecordException e) {
                    stored = new byte[AuditChain.HASH_BYTES]; // unreadable entries: this batch does not verify
                }
                entriesFrom[0] = entriesTo;
                checker.check(sequence, BatchRecord.hash(record), BatchRecord.signature(record),
                        AuditChain.canonical(BatchRecord.batch(record), stored));
            });
        }
        return checker.verification();
    }

    @Override
    public void chainFrom(long fromSequence, java.util.function.Consumer<AuditChain.Link> links) throws IOException {
        RecordFile.scanFrom(dir, fromSequence, (sequence, record) -> links.accept(new AuditChain.Link(sequence,
                BatchRecord.hash(record), BatchRecord.signature(record), BatchRecord.batch(record),
                BatchRecord.entriesDigest(record))));
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
        if (history != null) history.close();
        if (archive != null) archive.close();
        if (events != null) events.close();
        if (changes != null) changes.close();
        webhooks.close();
    }

    /**
     * Recomputes the digest of the entries stored in {@code file} from {@code fromBytes} to {@code toBytes} (one
     * batch's, as its record claims); no file ({@code null}) holds nothing. Records that do not end exactly there
     * give a digest that matches nothing.
     */
    private static byte[] storedDigest(SideFile file, long fromBytes, long toBytes) throws IOException {
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
}
