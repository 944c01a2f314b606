package fr.mlml.ledger.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The events of durable batches, numbered 1, 2, 3… without gaps: what a feed reads once its memory of recent events
 * no longer reaches back far enough.
 */
public interface EventStore {
    /** Most events one {@link #after} answers. */
    int MAX_READ = 10_000;

    /** A store that never held an event. */
    EventStore NONE = new EventStore() {
        @Override
        public long lastSeq() {
            return 0;
        }

        @Override
        public CompletableFuture<List<byte[]>> after(long afterSeq, int limit) {
            return CompletableFuture.completedFuture(List.of());
        }
    };

    /** The number of the last event of the last durable batch (0 when none); known once the journal is recovered. */
    long lastSeq();

    /** The stored bytes of the events numbered above {@code afterSeq}, oldest first, at most {@code limit}. */
    CompletableFuture<List<byte[]>> after(long afterSeq, int limit);
}
