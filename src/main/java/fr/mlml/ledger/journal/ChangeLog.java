package fr.mlml.ledger.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Every account's limit and status changes, kept by the journal with their batch (so durable exactly when it is)
 * and found by account: durable changes only, oldest first.
 */
public interface ChangeLog {
    /** The account's newest changes, at most {@link AccountChange#MAX_READ}, oldest first. */
    CompletableFuture<List<AccountChange>> of(String account);
}
