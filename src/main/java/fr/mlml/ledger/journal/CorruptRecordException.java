package fr.mlml.ledger.journal;

/** A journal record whose bytes do not decode: the journal stops rather than guess. */
public final class CorruptRecordException extends RuntimeException {
    public CorruptRecordException(String message) {
        super(message);
    }
}
