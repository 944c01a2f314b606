package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Command;

import java.util.ArrayList;
import java.util.List;

/** What a journal's recovery handed over, kept for a test to look at. */
public final class Recovered implements Journal.Recovery {
    public long snapshotSequence = -1;
    public byte[] snapshot;
    public final List<List<Command>> batches = new ArrayList<>();

    @Override
    public void snapshot(long sequence, byte[] state) {
        snapshotSequence = sequence;
        snapshot = state;
    }

    @Override
    public void batch(List<Command> commands) {
        batches.add(commands);
    }

    /** Recovers a journal, returning what it handed over. */
    public static Recovered from(Journal journal) throws Exception {
        Recovered r = new Recovered();
        journal.recover(r);
        return r;
    }
}
