package fr.mlml.ledger.journal.file;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The threads that answer a side file's queries, never the caller's: a bounded queue, so a flood of queries fails
 * at once (the API answers 503 overloaded) instead of piling up in memory.
 */
final class ReaderPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    ReaderPool(String name, int threads, int maxQueued) {
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxQueued), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the query on a reader thread; a full queue fails it with {@link RejectedExecutionException}. */
    <T> CompletableFuture<T> run(Supplier<T> query) {
        try {
            return CompletableFuture.supplyAsync(query, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Lets the queries under way finish (10 s at most). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
