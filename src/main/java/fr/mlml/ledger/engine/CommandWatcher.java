package fr.mlml.ledger.engine;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.StoredEvent;

import java.util.List;

/**
 * Watches, on the engine thread, every command the engine applies and turns what it did into events that travel
 * with the batch to the journal (so they are durable exactly when the batch is), then hears when they are. Replays
 * are not watched: their events are in the journal already.
 */
public interface CommandWatcher {
    CommandWatcher NONE = new CommandWatcher() {
        @Override
        public void recovered(Journal journal) {
        }

        @Override
        public void applied(Command command, Ledger ledger, List<Entry> entries) {
        }

        @Override
        public List<StoredEvent> take() {
            return List.of();
        }

        @Override
        public void durable(List<? extends StoredEvent> events) {
        }
    };

    /** The ledger was rebuilt from {@code journal}: numbering continues after its last stored event. */
    void recovered(Journal journal);

    /** {@code command} was just applied to {@code ledger}; {@code entries} are the ones it made (a view). */
    void applied(Command command, Ledger ledger, List<Entry> entries);

    /** The events of the commands applied since the last call, in order: they go with the batch. */
    List<StoredEvent> take();

    /** The batch that carried {@code events} is durable (called in batch order). */
    void durable(List<? extends StoredEvent> events);
}
