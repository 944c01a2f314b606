package fr.mlml.ledger.core;

/** Stored bytes (a journal record, a snapshot, an archived record) that do not decode: the reader stops rather than guess. */
public final class CorruptRecordException extends RuntimeException {
    public CorruptRecordException(String message) {
        super(message);
    }
}
