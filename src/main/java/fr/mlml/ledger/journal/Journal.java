package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Command;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where batches of commands become durable. One narrow interface for the file journal and PostgreSQL: the engine
 * hands over each batch in order and acknowledges its callers only when the batch's future completes.
 * Implementations may write batch N while the engine applies batch N+1, but complete futures in order.
 */
public interface Journal extends AutoCloseable {
    /**
     * Reads back every durable batch in order, decoded, so the engine can rebuild the ledger; returns the sequence
     * of the last one (0 when empty). Called once, before the first {@link #append}.
     */
    long recover(Consumer<List<Command>> batch) throws Exception;

    /** Makes the batch {@code sequence} (the previous one + 1) durable; completes exceptionally if it could not. */
    CompletableFuture<Void> append(long sequence, List<Command> commands);

    /** The signed head of the audit chain after the last durable batch (sequence 0 and genesis when empty). */
    AuditChain.Head head();

    /**
     * Recomputes the audit chain from storage, checking each batch's stored hash and the ledger's signature on it,
     * and names the first batch that does not match. Safe to call while batches are being appended.
     */
    AuditChain.Verification verify() throws Exception;

    @Override
    void close() throws Exception;
}
