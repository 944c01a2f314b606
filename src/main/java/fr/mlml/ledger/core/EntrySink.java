package fr.mlml.ledger.core;

/**
 * Receives the ledger's {@link Entry entries} as commands apply them, on the applying thread: the engine collects
 * them per batch for the journal's history. A ledger without a sink builds none.
 */
@FunctionalInterface
public interface EntrySink {
    void accept(Entry entry);
}
