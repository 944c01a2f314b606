package fr.mlml.ledger.engine;

import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.EntrySink;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.TransferArchive;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.journal.BatchEffects;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.StoredEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gathers, on the engine thread, what applying a batch did: the ledger's entries and the records it forgets, which
 * the journal keeps (the ledger looks forgotten ids up again through {@link #find}). One per engine; pointed at the
 * journal of the current run. A record forgotten by this batch is found here until the batch goes to the journal:
 * a retry later in the same batch must answer from it, not be applied a second time.
 */
final class BatchCollector implements TransferArchive, EntrySink {
    private Journal journal;
    private List<Entry> entries = new ArrayList<>();
    private List<TransferRecord> forgotten = new ArrayList<>();
    private Map<UUID, TransferRecord> forgottenById = new HashMap<>();

    void use(Journal current) {
        journal = current;
        entries = new ArrayList<>();
        forgotten = new ArrayList<>();
        forgottenById = new HashMap<>();
    }

    @Override
    public TransferRecord find(long idHi, long idLo) {
        if (!forgottenById.isEmpty()) {
            TransferRecord r = forgottenById.get(new UUID(idHi, idLo));
            if (r != null) return r;
        }
        return journal.archived(idHi, idLo);
    }

    @Override
    public boolean keepsForgotten() {
        return true;
    }

    @Override
    public void forgotten(TransferRecord record) {
        forgotten.add(record);
        forgottenById.put(new UUID(record.idHi(), record.idLo()), record);
    }

    @Override
    public void accept(Entry entry) {
        entries.add(entry);
    }

    int entryCount() {
        return entries.size();
    }

    /** The entries gathered since there were {@code count} (a view, valid until the next {@link #take}). */
    List<Entry> entriesSince(int count) {
        return entries.subList(count, entries.size());
    }

    /** The effects gathered since the last call, with the batch's events; starts gathering anew. */
    BatchEffects take(Ledger ledger, long timestampMs, List<? extends StoredEvent> events) {
        BatchEffects effects = new BatchEffects(timestampMs, entries, forgotten, ledger.takeChangedAccounts(), events);
        entries = new ArrayList<>();
        forgotten = new ArrayList<>();
        forgottenById = new HashMap<>();
        return effects;
    }
}
