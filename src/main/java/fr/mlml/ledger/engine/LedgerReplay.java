package fr.mlml.ledger.engine;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.LedgerSnapshot;
import fr.mlml.ledger.core.TransferArchive;
import fr.mlml.ledger.journal.Journal;

import java.util.List;

/** Rebuilds a ledger from what a journal reads back: its snapshot, if it has one, then the batches after it. */
public final class LedgerReplay implements Journal.Recovery {
    private final LedgerConfig config;
    private final TransferArchive archive;
    private Ledger ledger;
    private long lastTimestampMs = Long.MIN_VALUE;

    public LedgerReplay(LedgerConfig config, TransferArchive archive) {
        this.config = config;
        this.archive = archive;
    }

    @Override
    public void snapshot(long sequence, byte[] state) {
        assert ledger == null : "a snapshot comes before any batch";
        ledger = LedgerSnapshot.read(config, archive, state);
        lastTimestampMs = ledger.lastTimestampMs();
    }

    @Override
    public void batch(List<Command> commands) {
        Ledger l = ledger();
        for (Command c : commands) {
            l.apply(c);
            lastTimestampMs = Math.max(lastTimestampMs, c.timestampMs());
        }
    }

    /** The ledger as rebuilt so far (a new one if the journal was empty). */
    public Ledger ledger() {
        if (ledger == null) ledger = new Ledger(config, archive);
        return ledger;
    }

    /** Time of the last command replayed, or {@link Long#MIN_VALUE}. */
    public long lastTimestampMs() {
        return lastTimestampMs;
    }
}
