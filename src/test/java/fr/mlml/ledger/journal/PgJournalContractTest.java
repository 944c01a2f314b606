package fr.mlml.ledger.journal;

import fr.mlml.ledger.crypto.LedgerKey;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PgJournalContractTest extends JournalContract {
    private static Vertx vertx;

    @TempDir
    Path keyDir;
    private String url;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @BeforeEach
    void freshDatabase(TestInfo test) throws Exception {
        url = PgTestServer.database("journal_" + test.getTestMethod().orElseThrow().getName().toLowerCase());
    }

    @Override
    Journal open() throws Exception {
        return new PgJournal(vertx, url, key());
    }

    @Override
    LedgerKey key() throws Exception {
        return LedgerKey.loadOrCreate(keyDir);
    }

    @Test
    void aSecondInstanceWaitsForTheWriterAndTakesOverWhenItStops() throws Exception {
        Journal first = open();
        first.recover(new Recovered());
        first.append(1, List.of(new fr.mlml.ledger.core.Tick()), BatchEffects.NONE).get(30, TimeUnit.SECONDS);
        Journal second = open();
        CompletableFuture<Long> takeover = CompletableFuture.supplyAsync(() -> {
            try {
                return second.recover(new Recovered());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertFalse(takeover.isDone(), "the standby must wait while the writer holds the lock");
        first.append(2, List.of(new fr.mlml.ledger.core.Tick()), BatchEffects.NONE).get(30, TimeUnit.SECONDS);
        first.close();
        assertEquals(2L, takeover.get(30, TimeUnit.SECONDS), "the standby sees every batch the writer committed");
        second.close();
    }
}
