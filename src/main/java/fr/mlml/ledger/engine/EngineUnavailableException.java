package fr.mlml.ledger.engine;

/**
 * The engine did not take the work: its queue is full ({@link #overloaded} true: retry after a moment), or it is
 * stopped or recovering from a journal failure. Either way nothing was applied.
 */
public final class EngineUnavailableException extends RuntimeException {
    public final boolean overloaded;

    public EngineUnavailableException(String message, boolean overloaded) {
        super(message, null, false, false);
        this.overloaded = overloaded;
    }
}
