package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.TransferRecord;

import java.util.List;

/**
 * What applying a batch did, handed to the journal with the batch's commands so that it becomes durable with
 * them: the batch's {@link Entry entries} (history), the records of the ids the ledger forgot from memory (the
 * archive of old ids), the accounts as they stand after the batch (PostgreSQL keeps their rows) and the events
 * it produced. All of it follows from the commands: a replay rebuilds the same, so recovery never needs it back
 * (the events are read back by feeds, through {@link Journal#events}).
 */
public record BatchEffects(long timestampMs, List<Entry> entries, List<TransferRecord> forgotten,
                           List<AccountView> accounts, List<? extends StoredEvent> events) {
    public static final BatchEffects NONE = new BatchEffects(0, List.of(), List.of(), List.of());

    /** Effects without events (a ledger nobody derives events from). */
    public BatchEffects(long timestampMs, List<Entry> entries, List<TransferRecord> forgotten,
                        List<AccountView> accounts) {
        this(timestampMs, entries, forgotten, accounts, List.of());
    }
}
