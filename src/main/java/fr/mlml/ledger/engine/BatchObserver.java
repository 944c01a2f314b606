package fr.mlml.ledger.engine;

/** Told of every batch once durable: how many submissions it held and how long from drain to durable. */
@FunctionalInterface
public interface BatchObserver {
    BatchObserver NONE = (submissions, elapsedNs) -> { };

    void durable(int submissions, long elapsedNs);
}
