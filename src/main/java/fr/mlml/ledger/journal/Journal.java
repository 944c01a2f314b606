package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.TransferRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where batches of commands become durable. One narrow interface for the file journal and PostgreSQL: the engine
 * hands over each batch in order, with what applying it did ({@link BatchEffects}), and acknowledges its callers
 * only when the batch's future completes. Implementations may write batch N while the engine applies batch N+1,
 * but complete futures in order.
 */
public interface Journal extends AutoCloseable {
    /** How the engine rebuilds its ledger from what {@link #recover} reads back. */
    interface Recovery {
        /** The state as of batch {@code sequence}; called at most once, before any batch. */
        void snapshot(long sequence, byte[] state);

        /** A durable batch after the snapshot (or every one, without a snapshot), in order. */
        void batch(List<Command> commands);
    }

    /**
     * Reads back the newest usable snapshot, if any, then every durable batch after it, so the engine can rebuild
     * the ledger; returns the sequence of the last durable batch (0 when empty). Called once, before the first
     * {@link #append}.
     */
    long recover(Recovery into) throws Exception;

    /** Makes the batch {@code sequence} (the previous one + 1) durable; completes exceptionally if it could not. */
    CompletableFuture<Void> append(long sequence, List<Command> commands, BatchEffects effects);

    /**
     * Keeps the ledger's state as of batch {@code sequence}, already handed to {@link #append}, so a later start
     * replays only what came after it. Recovery uses a snapshot only once its batch is durable.
     */
    CompletableFuture<Void> snapshot(long sequence, byte[] state);

    /**
     * The record of an id the ledger forgot from memory (handed over in {@link BatchEffects#forgotten}, in this
     * run or an earlier one), or null. Called on the engine thread for every id the ledger no longer holds, so a
     * miss must be answered from memory; records of batches not yet durable are found too.
     */
    TransferRecord archived(long idHi, long idLo);

    /**
     * Bytes this journal made durable since it opened: for the file journal its batch records and side files (what
     * the disk grows by, snapshots aside); for PostgreSQL the batches' encoded commands (table and index sizes are
     * PostgreSQL's own statistics). For the operator's {@code /metrics}; any thread.
     */
    long bytesWritten();

    /** The accounts' history, from durable batches. */
    History history();

    /** The events of durable batches; there once the journal is recovered (none for a journal that keeps none). */
    default EventStore events() {
        return EventStore.NONE;
    }

    /** The accounts' limit and status changes, from durable batches; there once the journal is recovered. */
    default ChangeLog changes() {
        throw new UnsupportedOperationException("this journal keeps no account changes");
    }

    /** Where webhook endpoints and their cursors are kept beside this journal. */
    default WebhookStore webhooks() {
        throw new UnsupportedOperationException("this journal keeps no webhooks");
    }

    /** The signed head of the audit chain after the last durable batch (sequence 0 and genesis when empty). */
    AuditChain.Head head();

    /**
     * Recomputes the audit chain from storage, checking each batch's stored hash and the ledger's signature on it,
     * and names the first batch that does not match. Safe to call while batches are being appended.
     */
    AuditChain.Verification verify() throws Exception;

    /**
     * Hands every durable batch from sequence {@code fromSequence} on to {@code links}, in order, exactly as it was
     * chained and signed (the entries' digest as stored beside the batch). Blocking: call it off the event loops.
     * Safe beside the writer; batches appended meanwhile may or may not be included.
     */
    void chainFrom(long fromSequence, java.util.function.Consumer<AuditChain.Link> links) throws Exception;

    @Override
    void close() throws Exception;
}
