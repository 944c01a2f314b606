package fr.mlml.ledger.engine;

import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRequest;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.journal.BatchEffects;
import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest {
    private static final LedgerConfig CONFIG = LedgerConfigFile.load(Path.of("config", "ledger.json"));
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path data;

    private final AtomicLong clock = new AtomicLong(T0);

    /** A journal the test makes durable by hand; what it made durable survives into the next instance. */
    static final class ManualJournal implements EngineOnlyJournal {
        final List<List<Command>> durable;
        final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
        final List<List<Command>> written = new CopyOnWriteArrayList<>();
        volatile boolean failNext;
        /** The next append throws instead of failing its future, as a journal with a bug would. */
        volatile boolean throwNext;

        ManualJournal(List<List<Command>> durable) {
            this.durable = durable;
        }

        @Override
        public long recover(Recovery into) {
            durable.forEach(into::batch);
            return durable.size();
        }

        @Override
        public CompletableFuture<Void> snapshot(long sequence, byte[] state) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no snapshots here"));
        }

        @Override
        public TransferRecord archived(long idHi, long idLo) {
            return null;
        }

        @Override
        public CompletableFuture<Void> append(long sequence, List<Command> commands, BatchEffects effects) {
            if (throwNext) {
                throwNext = false;
                throw new IllegalStateException("a journal bug");
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (failNext) {
                failNext = false;
                f.completeExceptionally(new java.io.IOException("disk full"));
                return f;
            }
            written.add(commands);
            pending.add(f);
            return f;
        }

        /** Makes the oldest written batch durable. */
        void flushOne() {
            durable.add(written.remove(0));
            pending.remove(0).complete(null);
        }

        @Override
        public void close() {
        }
    }

    private Journal fileJournal() {
        try {
            return new FileJournal(data, LedgerKey.loadOrCreate(data));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Engine start(Journal journal, int queueCapacity) throws Exception {
        return Engine.start(CONFIG, () -> journal, clock::get, queueCapacity);
    }

    /** An engine whose every (re)opened journal is a {@link ManualJournal} over one disk, added to {@code opened}. */
    private Engine onManualJournals(List<ManualJournal> opened) throws Exception {
        List<List<Command>> disk = new ArrayList<>();
        return Engine.start(CONFIG, () -> {
            ManualJournal j = new ManualJournal(disk);
            opened.add(j);
            return j;
        }, clock::get, 1024);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void setUp(Engine engine) throws Exception {
        assertEquals(ResultCode.OK, get(engine.submit(new CreateMember("claire", "Claire", MemberKind.CITIZEN))).result());
        assertEquals(ResultCode.OK, get(engine.submit(new CreateMember("dupont", "Dupont", MemberKind.BUSINESS))).result());
        get(engine.submit(new CreateAccount("mlc:claire", "claire", "MLC", null, null)));
        get(engine.submit(new CreateAccount("mlc:dupont", "dupont", "MLC", null, null)));
        assertEquals(ResultCode.OK, get(engine.submit(new Issue(1, 1, "mlc:claire", 100_000, "guichet"))).result());
    }

    private static SubmitTransfers pay(long id, long amount) {
        return new SubmitTransfers("claire", false,
                new TransferRequest(7, id, "mlc:claire", "mlc:dupont", amount, "MLC", null, null, 0));
    }

    @Test
    void whatWasAcknowledgedIsThereAfterARestartAndRetriesAnswerExists() throws Exception {
        byte[] digest;
        try (Engine engine = Engine.start(CONFIG, this::fileJournal, clock::get, 1024)) {
            setUp(engine);
            List<CompletableFuture<SubmitTransfers>> sent = new ArrayList<>();
            for (long id = 1; id <= 500; id++) sent.add(engine.submit(pay(id, 10)));
            for (CompletableFuture<SubmitTransfers> f : sent) {
                assertEquals(ResultCode.OK, get(f).transfers[0].result());
            }
            digest = get(engine.read(l -> l.digest()));
        }
        try (Engine again = Engine.start(CONFIG, this::fileJournal, clock::get, 1024)) {
            assertArrayEquals(digest, get(again.read(l -> l.digest())));
            assertEquals(100_000L - 5_000, (long) get(again.read(l -> l.account("mlc:claire").balance())));
            SubmitTransfers retry = get(again.submit(pay(250, 10)));
            assertEquals(ResultCode.EXISTS, retry.transfers[0].result());
            assertEquals(100_000L - 5_000, (long) get(again.read(l -> l.account("mlc:claire").balance())), "not applied twice");
        }
    }

    /*
     * With the smallest ring of recent ids (2,048), one batch holds 3,000 new transfers, which push an earlier one
     * out of memory, and then a retry of that earlier one: the retry answers exists and moves nothing, because the
     * ledger finds the record it forgot in this very batch (before the batch reaches the journal's archive).
     */
    @Test
    void aRetryOfAnIdForgottenEarlierInTheSameBatchAnswersExists() throws Exception {
        LedgerConfig smallRing = new LedgerConfig(CONFIG.currencies(), CONFIG.systemAccounts(), CONFIG.conversions(),
                CONFIG.negativePeriodDays(), LedgerConfig.MIN_RECENT_CAPACITY);
        java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean holdClock = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.LongSupplier heldClock = () -> {
            if (holdClock.get()) {
                try {
                    queued.await(); // the engine holds the batch's first command until the rest are queued
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return clock.get();
        };
        try (Engine engine = Engine.start(smallRing, this::fileJournal, heldClock, 1024)) {
            setUp(engine);
            assertEquals(ResultCode.OK, get(engine.submit(pay(1, 10))).transfers[0].result());
            holdClock.set(true);
            List<CompletableFuture<SubmitTransfers>> pushers = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                TransferRequest[] ts = new TransferRequest[1000];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = new TransferRequest(8, c * 1000L + i, "mlc:claire", "mlc:dupont", 1, "MLC", null, null, 0);
                }
                pushers.add(engine.submit(new SubmitTransfers("claire", false, ts)));
            }
            CompletableFuture<SubmitTransfers> retry = engine.submit(pay(1, 10));
            queued.countDown();
            for (CompletableFuture<SubmitTransfers> f : pushers) {
                for (TransferRequest t : get(f).transfers) assertEquals(ResultCode.OK, t.result());
            }
            assertEquals(ResultCode.EXISTS, get(retry).transfers[0].result());
            assertEquals(100_000L - 10 - 3_000, (long) get(engine.read(l -> l.account("mlc:claire").balance())),
                    "the retry moved no money");
        }
    }

    @Test
    void aReadAfterACommandSeesItAndNothingThatCameLater() throws Exception {
        try (Engine engine = Engine.start(CONFIG, this::fileJournal, clock::get, 1024)) {
            get(engine.submit(new CreateMember("claire", "Claire", MemberKind.CITIZEN)));
            List<CompletableFuture<Integer>> seen = new ArrayList<>();
            List<CompletableFuture<CreateMember>> later = new ArrayList<>();
            for (int i = 0; i < 200; i++) { // sent without waiting: many pairs share a batch
                seen.add(engine.submitThenRead(new CreateMember("a" + i, "A", MemberKind.CITIZEN),
                        (c, l) -> l.members().size()));
                later.add(engine.submit(new CreateMember("b" + i, "B", MemberKind.CITIZEN)));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(2 + 2 * i, (int) get(seen.get(i)), "claire, the pairs before, and a" + i + " only");
                assertEquals(ResultCode.OK, get(later.get(i)).result());
            }
        }
    }

    @Test
    void nothingIsAcknowledgedBeforeItsBatchIsDurableAndTheNextBatchIsAppliedMeanwhile() throws Exception {
        ManualJournal journal = new ManualJournal(new ArrayList<>());
        try (Engine engine = start(journal, 1024)) {
            CompletableFuture<CreateMember> first = engine.submit(new CreateMember("a", "A", MemberKind.CITIZEN));
            waitFor(() -> journal.written.size() == 1);
            CompletableFuture<CreateMember> second = engine.submit(new CreateMember("b", "B", MemberKind.CITIZEN));
            waitFor(() -> journal.written.size() == 2);
            assertFalse(first.isDone(), "batch 1 is not durable yet");
            assertFalse(second.isDone());
            journal.flushOne();
            assertEquals(ResultCode.OK, get(first).result());
            assertFalse(second.isDone(), "batch 2 is still being written");
            journal.flushOne();
            assertEquals(ResultCode.OK, get(second).result());
        }
    }

    @Test
    void aBatchHoldsAtMost65536Transfers() throws Exception {
        ManualJournal journal = new ManualJournal(new ArrayList<>());
        try (Engine engine = start(journal, 1024)) {
            // The first command is taken alone while the queue fills behind it.
            engine.submit(new CreateMember("claire", "Claire", MemberKind.CITIZEN));
            waitFor(() -> journal.written.size() == 1);
            List<CompletableFuture<SubmitTransfers>> sent = new ArrayList<>();
            for (int c = 0; c < 100; c++) {
                TransferRequest[] ts = new TransferRequest[1000];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = new TransferRequest(c, i, "mlc:claire", "mlc:dupont", 1, "MLC", null, null, 0);
                }
                sent.add(engine.submit(new SubmitTransfers("claire", false, ts)));
            }
            while (!sent.stream().allMatch(CompletableFuture::isDone)) {
                if (!journal.pending.isEmpty()) journal.flushOne();
                Thread.sleep(1);
            }
            for (List<Command> batch : journal.durable.subList(1, journal.durable.size())) {
                assertTrue(batch.stream().mapToInt(Command::transferCount).sum() <= Engine.MAX_BATCH_TRANSFERS);
            }
            assertTrue(journal.durable.size() >= 3, "100,000 transfers need at least two batches");
        }
    }

    @Test
    void batchesOfTheWidestTransfersStayWithinWhatTheFileJournalWrites() throws Exception {
        try (Engine engine = start(fileJournal(), 1024)) {
            setUp(engine);
            String memo = "\u20ac".repeat(256);
            List<CompletableFuture<SubmitTransfers>> sent = new ArrayList<>();
            for (int c = 0; c < 80; c++) {
                TransferRequest[] ts = new TransferRequest[1000];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = new TransferRequest(100 + c, i, "mlc:claire", "mlc:dupont", 1, "MLC", memo, null, 0);
                }
                sent.add(engine.submit(new SubmitTransfers("claire", false, ts)));
            }
            for (CompletableFuture<SubmitTransfers> f : sent) {
                assertEquals(ResultCode.OK, get(f).transfers[999].result(), "80,000 transfers with the longest memos are all taken");
            }
        }
    }

    @Test
    void aFullQueueAnswersOverloadedInsteadOfWaiting() throws Exception {
        ManualJournal journal = new ManualJournal(new ArrayList<>());
        try (Engine engine = start(journal, 4)) {
            List<CompletableFuture<CreateMember>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) sent.add(engine.submit(new CreateMember("m" + i, "M", MemberKind.CITIZEN)));
            CompletableFuture<CreateMember> refused = sent.stream().filter(CompletableFuture::isCompletedExceptionally)
                    .findFirst().orElseThrow(() -> new AssertionError("no submission was refused"));
            ExecutionException e = assertThrows(ExecutionException.class, refused::get);
            assertTrue(assertInstanceOf(EngineUnavailableException.class, e.getCause()).overloaded);
            while (!journal.pending.isEmpty() || !sent.stream().allMatch(CompletableFuture::isDone)) {
                if (!journal.pending.isEmpty()) journal.flushOne();
                Thread.sleep(1);
            }
            long members = get(engine.read(l -> (long) l.memberCount()));
            long acknowledged = sent.stream().filter(f -> !f.isCompletedExceptionally()).count();
            assertEquals(acknowledged, members, "every refused submission left no trace");
        }
    }

    @Test
    void aFailedWriteIsNeverAcknowledgedAndTheEngineRecoversFromTheJournal() throws Exception {
        List<ManualJournal> opened = new CopyOnWriteArrayList<>();
        try (Engine engine = onManualJournals(opened)) {
            CompletableFuture<CreateMember> kept = engine.submit(new CreateMember("kept", "K", MemberKind.CITIZEN));
            waitFor(() -> opened.get(0).written.size() == 1);
            opened.get(0).flushOne();
            assertEquals(ResultCode.OK, get(kept).result());
            opened.get(0).failNext = true;
            CompletableFuture<CreateMember> lost = engine.submit(new CreateMember("lost", "L", MemberKind.CITIZEN));
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(lost));
            assertFalse(assertInstanceOf(EngineUnavailableException.class, e.getCause()).overloaded);
            waitFor(() -> opened.size() == 2 && engine.isRunning());
            CompletableFuture<Boolean> lostIsGone = engine.read(l -> l.member("lost") == null);
            CompletableFuture<Boolean> keptIsThere = engine.read(l -> l.member("kept") != null);
            assertTrue(get(lostIsGone), "memory did not keep what never became durable");
            assertTrue(get(keptIsThere));
        }
    }

    @Test
    void aJournalThatThrowsHasFailedTheWriteAndTheEngineRecoversFromTheJournal() throws Exception {
        List<ManualJournal> opened = new CopyOnWriteArrayList<>();
        try (Engine engine = onManualJournals(opened)) {
            opened.get(0).throwNext = true;
            CompletableFuture<CreateMember> lost = engine.submit(new CreateMember("lost", "L", MemberKind.CITIZEN));
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(lost));
            assertInstanceOf(EngineUnavailableException.class, e.getCause());
            waitFor(() -> opened.size() == 2 && engine.isRunning());
            CompletableFuture<CreateMember> next = engine.submit(new CreateMember("next", "N", MemberKind.CITIZEN));
            waitFor(() -> opened.get(1).written.size() == 1);
            opened.get(1).flushOne();
            assertEquals(ResultCode.OK, get(next).result());
            CompletableFuture<Boolean> lostIsGone = engine.read(l -> l.member("lost") == null);
            assertTrue(get(lostIsGone), "memory did not keep what was never durable");
        }
    }

    @Test
    void aCloseWhileTheEngineRecoversFromAFailedWriteStopsItOnceTheRecoveryEnds() throws Exception {
        List<ManualJournal> opened = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch reopening = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch mayReopen = new java.util.concurrent.CountDownLatch(1);
        List<List<Command>> disk = new ArrayList<>();
        Engine engine = Engine.start(CONFIG, () -> {
            if (!opened.isEmpty()) {
                reopening.countDown();
                try {
                    mayReopen.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ManualJournal j = new ManualJournal(disk);
            opened.add(j);
            return j;
        }, clock::get, 1024);
        opened.get(0).failNext = true;
        CompletableFuture<CreateMember> lost = engine.submit(new CreateMember("lost", "L", MemberKind.CITIZEN));
        assertThrows(ExecutionException.class, () -> get(lost));
        assertTrue(reopening.await(10, TimeUnit.SECONDS), "the engine reopens its journal");
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread closer = new Thread(() -> {
            try {
                engine.close();
                closed.complete(null);
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
        });
        closer.start();
        waitFor(() -> closer.getState() == Thread.State.WAITING); // stopped, and joining the engine's thread
        mayReopen.countDown();
        get(closed);
        assertFalse(engine.isRunning(), "a stopped engine stays stopped after its recovery");
    }

    @Test
    void anErrorOnTheEngineThreadStopsTheEngineAndEveryCallerIsToldUnavailable() throws Exception {
        ManualJournal journal = new ManualJournal(new ArrayList<>());
        try (Engine engine = start(journal, 1024)) {
            CompletableFuture<Object> broken = engine.read(l -> {
                throw new AssertionError("an invariant broke");
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(broken));
            assertInstanceOf(EngineUnavailableException.class, e.getCause());
            waitFor(() -> !engine.isRunning());
            CompletableFuture<CreateMember> after = engine.submit(new CreateMember("after", "A", MemberKind.CITIZEN));
            e = assertThrows(ExecutionException.class, () -> get(after));
            assertInstanceOf(EngineUnavailableException.class, e.getCause());
            assertTrue(journal.written.isEmpty(), "nothing is written once the engine stopped");
        }
    }

    @Test
    void holdsExpireOnTheirOwnWhenTheLedgerIsIdle() throws Exception {
        try (Engine engine = Engine.start(CONFIG, this::fileJournal, clock::get, 1024)) {
            setUp(engine);
            SubmitTransfers hold = get(engine.submit(new SubmitTransfers("claire", false,
                    new TransferRequest(9, 9, "mlc:claire", "mlc:dupont", 500, "MLC", null, null, 60))));
            assertEquals(ResultCode.OK, hold.transfers[0].result());
            clock.addAndGet(61_000);
            waitFor(() -> {
                TransferRecord r = engine.read(l -> l.transfer(9, 9)).join();
                return r.status() == fr.mlml.ledger.core.TransferStatus.EXPIRED;
            });
            assertEquals(0L, (long) get(engine.read(l -> l.account("mlc:claire").debitsPending())));
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 10 s");
            Thread.sleep(5);
        }
    }
}
