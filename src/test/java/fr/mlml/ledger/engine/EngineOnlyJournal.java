package fr.mlml.ledger.engine;

import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.journal.History;
import fr.mlml.ledger.journal.Journal;

/** A test journal for the engine alone, which never reads history, the audit chain or the bytes written. */
interface EngineOnlyJournal extends Journal {
    @Override
    default long bytesWritten() {
        return 0;
    }

    @Override
    default History history() {
        throw new UnsupportedOperationException("the engine does not read history");
    }

    @Override
    default AuditChain.Head head() {
        throw new UnsupportedOperationException("the engine does not read the chain");
    }

    @Override
    default AuditChain.Verification verify() {
        throw new UnsupportedOperationException("the engine does not verify the chain");
    }

    @Override
    default void chainFrom(long fromSequence, java.util.function.Consumer<AuditChain.Link> links) {
        throw new UnsupportedOperationException("the engine does not read the chain");
    }
}
