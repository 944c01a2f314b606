package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The embedded journal: batches as records of a {@link RecordFile} in {@code <data dir>/journal}, written and forced
 * by one writer thread, so the engine applies the next batch while this one reaches the disk.
 */
public final class FileJournal implements Journal {
    public static final long SEGMENT_BYTES = 256L << 20;

    private final Path dir;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "journal-writer");
        t.setDaemon(true);
        return t;
    });
    private RecordFile file;
    /** Set by the first failed write: nothing more is written, so a half-written record stays the last one. */
    private volatile boolean failed;

    public FileJournal(Path dataDir) {
        this.dir = dataDir.resolve("journal");
    }

    @Override
    public long recover(Consumer<List<Command>> batch) throws IOException {
        file = RecordFile.open(dir, SEGMENT_BYTES, (sequence, payload) -> batch.accept(BatchCodec.decode(payload)));
        return file.lastSequence();
    }

    @Override
    public CompletableFuture<Void> append(long sequence, List<Command> commands) {
        // Encoded on the caller's thread: the commands are not touched again once handed over.
        byte[] payload = BatchCodec.encode(commands);
        return CompletableFuture.runAsync(() -> {
            if (failed) throw new IllegalStateException("the journal failed earlier; it takes no more writes");
            try {
                long written = file.append(payload);
                if (written != sequence) throw new IllegalStateException("batch " + sequence + " written as " + written);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e instanceof IOException io ? new java.io.UncheckedIOException(io) : (RuntimeException) e;
            }
        }, writer);
    }

    @Override
    public void close() throws IOException {
        writer.shutdown();
        try {
            writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (file != null) file.close();
    }
}
