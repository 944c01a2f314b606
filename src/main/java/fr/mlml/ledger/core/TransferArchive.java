package fr.mlml.ledger.core;

/**
 * Where the core looks up a transfer id it no longer keeps in memory: it keeps only the most recent ids (bounded
 * memory), and the journal keeps every id forever. Called on the engine thread; an implementation answers from an
 * index (a miss should be cheap: most ids asked for are new).
 */
public interface TransferArchive {
    /** The record of an id, or null when the ledger never saw it. */
    TransferRecord find(long idHi, long idLo);

    /** Whether {@link #forgotten} wants records; if not, the core does not build them. */
    default boolean keepsForgotten() {
        return false;
    }

    /**
     * Hands over a record the core is about to forget, or a late resolution of a pending transfer it had already
     * forgotten. A journal-backed archive holds these already (it wrote them) and ignores the call.
     */
    default void forgotten(TransferRecord record) {
    }
}
