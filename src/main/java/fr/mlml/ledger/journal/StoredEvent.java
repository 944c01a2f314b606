package fr.mlml.ledger.journal;

/**
 * An event a batch produced, kept by the journal with the batch (so it is durable exactly when the batch is): its
 * ledger-wide number and its bytes, which the journal stores without reading. The bytes are asked for on the
 * journal's writer, so encoding stays off the engine's thread.
 */
public interface StoredEvent {
    long seq();

    byte[] bytes();
}
