package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Entry;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An account's past, answered from the journal's indexes (never by scanning everything): its entries newest first
 * with a cursor, its balance at any instant, a statement between two instants. Only durable entries are seen.
 * Every {@link Entry} of a batch carries the batch's time, and times never run back along entry numbers.
 */
public interface History {
    /** Most entries a statement returns; a longer period must be asked in parts. */
    int MAX_STATEMENT_ENTRIES = 100_000;

    /**
     * The account's entries numbered below {@code beforeEntry} (use {@link Long#MAX_VALUE} for the newest), newest
     * first, at most {@code limit}; the next page starts before the last one's number.
     */
    CompletableFuture<List<Entry>> entries(String account, long beforeEntry, int limit);

    /**
     * Every account's entries numbered above {@code afterEntry}, oldest first, at most {@code limit}: the whole
     * ledger page by page (the journal export). The next page starts after the last one's number.
     */
    CompletableFuture<List<Entry>> entriesAfter(long afterEntry, int limit);

    /** The account's balance after every entry at or before {@code asOfMs}; 0 before its first entry. */
    CompletableFuture<Long> balanceAsOf(String account, long asOfMs);

    /**
     * The entries with {@code fromMs <= timestamp < toMs}, oldest first, between the balance before them (opening)
     * and after them (closing). Fails with {@link IllegalArgumentException} past {@link #MAX_STATEMENT_ENTRIES}.
     */
    CompletableFuture<Statement> statement(String account, long fromMs, long toMs);

    record Statement(String account, long fromMs, long toMs, long opening, List<Entry> entries, long closing) {
    }
}
