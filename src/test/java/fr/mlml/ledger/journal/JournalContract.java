package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.LedgerKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link Journal} promises; run against the file journal and PostgreSQL. */
abstract class JournalContract {
    /** A journal over the test's storage; the same storage every time it is called within one test. */
    abstract Journal open() throws Exception;

    abstract LedgerKey key() throws Exception;

    private static List<Command> batch(int n) {
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CreateMember c = new CreateMember("m" + n + "-" + i, "Membre n°" + i + " – é", MemberKind.CITIZEN);
            c.setTimestampMs(1_800_000_000_000L + n);
            commands.add(c);
        }
        return commands;
    }

    private static List<List<Command>> recoverAll(Journal j) throws Exception {
        List<List<Command>> out = new ArrayList<>();
        j.recover(out::add);
        return out;
    }

    @Test
    void anEmptyJournalRecoversNothingAndVerifies() throws Exception {
        try (Journal j = open()) {
            assertEquals(List.of(), recoverAll(j));
            assertEquals(0, j.head().sequence());
            assertTrue(j.verify().ok());
        }
    }

    @Test
    void batchesComeBackInOrderByteForByteAfterAReopen() throws Exception {
        try (Journal j = open()) {
            recoverAll(j);
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int n = 1; n <= 50; n++) writes.add(j.append(n, batch(n)));
            for (CompletableFuture<Void> w : writes) w.get(30, TimeUnit.SECONDS);
        }
        try (Journal j = open()) {
            List<List<Command>> back = recoverAll(j);
            assertEquals(50, back.size());
            for (int n = 1; n <= 50; n++) {
                assertArrayEquals(BatchCodec.encode(batch(n)), BatchCodec.encode(back.get(n - 1)), "batch " + n);
            }
            assertEquals(50, j.head().sequence());
        }
    }

    @Test
    void theHeadIsSignedByTheLedgerAndTheChainVerifies() throws Exception {
        try (Journal j = open()) {
            recoverAll(j);
            for (int n = 1; n <= 5; n++) j.append(n, batch(n)).get(30, TimeUnit.SECONDS);
            var head = j.head();
            assertEquals(5, head.sequence());
            assertTrue(Ed25519.verify(key().publicKey, AuditChain.signedBytes(5, head.hash()), head.signature()));
            assertEquals(new AuditChain.Verification(true, 5, null), j.verify());
        }
        try (Journal j = open()) {
            recoverAll(j);
            j.append(6, batch(6)).get(30, TimeUnit.SECONDS);
            assertEquals(new AuditChain.Verification(true, 6, null), j.verify(), "the chain goes on after a reopen");
        }
    }
}
