package fr.mlml.ledger.engine;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerOps;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.Tick;
import fr.mlml.ledger.core.TransferRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded simulation of the engine over storage that goes wrong ({@link FaultyJournal}): random command sequences
 * ({@link LedgerOps}) are sent in bursts through the real {@link Engine}; appends fail, throw, answer late or are
 * made durable and then reported failed, snapshots fail. After every fault the engine refuses work and rebuilds
 * itself from the journal, as designed; the simulation then stops it and opens a fresh engine on what the journal
 * durably holds, and checks: every acknowledged command is durable (checked when its answer came, and again after the
 * reopen: its transfers are known), the state digest equals a replay of the durable batches from scratch
 * ({@link LedgerReplay}, no snapshot), and retries of acknowledged transfers (and of unacknowledged ones that became
 * durable anyway) answer {@code exists}.
 *
 * <p>Each sequence has its own seed (its commands, its bursts, its faults); a failure names it, and
 * {@code -Dledger.sim.seed=N} runs that seed alone. {@code -Dledger.sim.sequences=N} runs N sequences (default 10).
 * The engine's clock is held while a burst is queued, so each burst is one batch: a seed replays the same commands,
 * bursts and fault draws (one per append, in order). What the machine's timing can still shift is a batch or two:
 * a late answer is given by the next append, a tick the simulation sends when it sees one held back, or by the
 * journal's own timer, whichever comes first; and a snapshot is taken or not by the engine's own pacing, which reads
 * the wall clock.
 */
class EngineSimulationPropertiesTest {
    private static final long BASE_SEED = 0x51A7_0000L;
    private static final Long ONE_SEED = Long.getLong("ledger.sim.seed");
    private static final int SEQUENCES = Integer.getInteger("ledger.sim.sequences", 10);
    private static final long SNAPSHOT_EVERY_COMMANDS = 40;
    private static final int MAX_BURST = 6;
    private static final int RETRIES_AFTER_REOPEN = 8;

    /**
     * The engine's clock: set by the simulation, held shut while a burst is queued, and before all time while the
     * simulation checks and reopens (so the engine journals no tick of its own between the check's reads).
     */
    private static final class HeldClock implements LongSupplier {
        private long nowMs = LedgerOps.T0;
        private boolean open = true;
        private boolean outsideTime;

        @Override
        public synchronized long getAsLong() {
            while (!open) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return outsideTime ? Long.MIN_VALUE : nowMs;
        }

        synchronized void outsideTime(boolean outside) {
            outsideTime = outside;
        }

        synchronized void hold(long atLeastMs) {
            open = false;
            nowMs = Math.max(nowMs, atLeastMs);
        }

        synchronized void release() {
            open = true;
            notifyAll();
        }
    }

    /** One run's size, printed for the record. */
    private static final class Tally {
        int sequences;
        int commands;
        int batches;
        int recoveries;
        int retries;
        final Map<FaultyJournal.Fault, Integer> faults = new EnumMap<>(FaultyJournal.Fault.class);

        void add(FaultyJournal.Disk disk) {
            batches += disk.appends();
            disk.faults().forEach((f, n) -> faults.merge(f, n, Integer::sum));
        }
    }

    @Test
    void whatWasAcknowledgedSurvivesEveryFaultAndTheStateIsAReplayOfTheJournal() throws Exception {
        Tally tally = new Tally();
        long started = System.nanoTime();
        if (ONE_SEED != null) {
            simulate(ONE_SEED, tally);
        } else {
            for (int i = 0; i < SEQUENCES; i++) simulate(BASE_SEED + i, tally);
        }
        System.out.printf("engine simulation: %d sequences, %d commands, %d batches, faults %s, %d recoveries "
                        + "checked, %d retries checked, %.1f s%n", tally.sequences, tally.commands, tally.batches,
                tally.faults, tally.recoveries, tally.retries, (System.nanoTime() - started) / 1e9);
        assertTrue(tally.faults.getOrDefault(FaultyJournal.Fault.FAIL, 0) > 0
                && tally.faults.getOrDefault(FaultyJournal.Fault.COMMIT_THEN_FAIL, 0) > 0 || ONE_SEED != null,
                "the simulation injected no fault: " + tally.faults);
    }

    private static void simulate(long seed, Tally tally) throws Exception {
        try {
            new Run(seed, tally).run();
        } catch (AssertionError | Exception e) {
            throw new AssertionError("simulation seed " + seed + " (replay: -Dledger.sim.seed=" + seed + "): "
                    + e.getMessage(), e);
        }
    }

    /** One sequence through engines that fail and are reopened on one disk. */
    private static final class Run {
        final long seed;
        final Tally tally;
        final SplittableRandom random;
        final FaultyJournal.Disk disk;
        final HeldClock clock = new HeldClock();
        final List<FaultyJournal> opened = new ArrayList<>();
        /** Commands answered (their outcome set), in order. */
        final List<Command> acknowledged = new ArrayList<>();
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        Engine engine;

        Run(long seed, Tally tally) {
            this.seed = seed;
            this.tally = tally;
            this.random = new SplittableRandom(seed);
            this.disk = new FaultyJournal.Disk(random.nextLong());
        }

        void run() throws Exception {
            List<Command> commands = LedgerOps.commands(seed);
            engine = open();
            try {
                int i = 0;
                while (i < commands.size()) {
                    int n = Math.min(1 + random.nextInt(MAX_BURST), commands.size() - i);
                    List<Command> burst = commands.subList(i, i + n);
                    long at = burst.stream().mapToLong(Command::timestampMs).max().orElseThrow();
                    List<Command> unanswered = send(burst, at);
                    if (!unanswered.isEmpty()) {
                        reopenAfterFault();
                        retry(unanswered);
                    }
                    i += n;
                }
                clock.outsideTime(true);
                stop(engine);
                engine = open();
                check();
            } finally {
                stop(engine);
            }
            tally.sequences++;
            tally.commands += commands.size();
            tally.add(disk);
        }

        Engine open() throws Exception {
            return Engine.start(LedgerOps.CONFIG, () -> {
                FaultyJournal j = new FaultyJournal(disk);
                synchronized (opened) {
                    opened.add(j);
                }
                return j;
            }, clock, 1024, SNAPSHOT_EVERY_COMMANDS, BatchObserver.NONE);
        }

        /**
         * Queues the burst while the clock is held (so it is one batch), waits for every answer, and returns the
         * commands refused as unavailable. An answer is checked durable the moment it comes.
         */
        List<Command> send(List<Command> burst, long atMs) throws Exception {
            List<CompletableFuture<Command>> answers = new ArrayList<>();
            clock.hold(atMs);
            try {
                for (Command c : burst) {
                    CompletableFuture<Command> f = engine.submit(c);
                    f.whenComplete((done, error) -> {
                        if (error == null && !disk.holds(done)) {
                            violations.add("answered before durable: " + LedgerOps.describe(done));
                        }
                    });
                    answers.add(f);
                }
            } finally {
                clock.release();
            }
            List<Command> unanswered = new ArrayList<>();
            for (int k = 0; k < answers.size(); k++) {
                Command c = burst.get(k);
                try {
                    awaitNudging(answers.get(k));
                    acknowledged.add(c);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof EngineUnavailableException)) {
                        throw new AssertionError("a fault answered other than unavailable: " + e.getCause(), e);
                    }
                    unanswered.add(c);
                }
            }
            if (!violations.isEmpty()) fail(String.join("; ", violations));
            return unanswered;
        }

        /** Waits for an answer; a journal holding a late answer back gets a later append (a tick) to give it. */
        void awaitNudging(CompletableFuture<Command> answer) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    answer.get(5, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) throw new AssertionError("no answer in 30 s");
                    FaultyJournal current;
                    synchronized (opened) {
                        current = opened.get(opened.size() - 1);
                    }
                    if (current.holdsLate() && engine.isRunning()) engine.submit(new Tick());
                }
            }
        }

        /**
         * The engine refused the burst: it is failed and rebuilds itself from a fresh journal, as designed. Once it
         * runs again it is checked, stopped, and a fresh engine opened on the disk is checked too.
         */
        void reopenAfterFault() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.isRunning()) {
                if (System.nanoTime() > deadline) throw new AssertionError("the engine did not recover in 30 s");
                Thread.sleep(1);
            }
            clock.outsideTime(true);
            try {
                check();
                clock.outsideTime(true);
                stop(engine);
                engine = open();
                check();
            } finally {
                clock.outsideTime(false);
            }
        }

        /** Sends again the unanswered commands and a few acknowledged ones, and checks what each retry answers. */
        void retry(List<Command> unanswered) throws Exception {
            List<Command> originals = new ArrayList<>(unanswered);
            for (int k = 0; k < RETRIES_AFTER_REOPEN && !acknowledged.isEmpty(); k++) {
                originals.add(acknowledged.get(random.nextInt(acknowledged.size())));
            }
            List<Command> copies = new ArrayList<>();
            for (Command c : originals) copies.add(LedgerOps.copy(c));
            List<Command> refused = send(copies, 0);
            if (!refused.isEmpty()) { // the retries met a fault of their own
                reopenAfterFault();
                return;
            }
            for (int k = 0; k < originals.size(); k++) {
                Command original = originals.get(k);
                if (!disk.holds(original)) continue; // never durable: the retry was its first application
                tally.retries++;
                if (original instanceof SubmitTransfers s) {
                    TransferRequest[] again = ((SubmitTransfers) copies.get(k)).transfers;
                    for (int j = 0; j < s.transfers.length; j++) {
                        if (s.transfers[j].result() != ResultCode.OK) continue;
                        assertEquals(ResultCode.EXISTS, again[j].result(), "retry of "
                                + LedgerOps.describe(s.transfers[j]) + " in " + LedgerOps.describe(original));
                    }
                }
            }
        }

        /**
         * The engine's state is the replay of the durable batches from scratch, and every acknowledged command is in
         * a durable batch with its created transfers known to the engine.
         */
        void check() throws Exception {
            tally.recoveries++;
            for (Command c : acknowledged) {
                if (!disk.holds(c)) fail("acknowledged but not durable: " + LedgerOps.describe(c));
            }
            LedgerReplay replay = new LedgerReplay(LedgerOps.CONFIG, new LedgerOps.MapArchive());
            for (List<Command> batch : disk.batches()) replay.batch(batch);
            byte[] expected = replay.ledger().digest();
            List<String> missing = engine.read(l -> missingTransfers(l)).get(30, TimeUnit.SECONDS);
            assertTrue(missing.isEmpty(), () -> "acknowledged transfers unknown after the reopen: " + missing);
            byte[] digest = engine.read(Ledger::digest).get(30, TimeUnit.SECONDS);
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(digest),
                    "the engine's state against a replay of the " + disk.size() + " durable batches");
        }

        List<String> missingTransfers(Ledger l) {
            List<String> missing = new ArrayList<>();
            for (Command c : acknowledged) {
                if (!(c instanceof SubmitTransfers s)) continue;
                for (TransferRequest t : s.transfers) {
                    if (t.result() == ResultCode.OK && l.transfer(t.idHi, t.idLo) == null) {
                        missing.add(LedgerOps.describe(t));
                    }
                }
            }
            return missing;
        }

        /**
         * Closes an engine without waiting out its idle poll of the queue (up to a second): a read parked on the
         * engine thread lets go once the engine is no longer running.
         */
        static void stop(Engine engine) throws Exception {
            if (engine.isRunning()) {
                engine.read(l -> {
                    while (engine.isRunning()) LockSupport.parkNanos(100_000);
                    return null;
                });
            }
            engine.close();
        }
    }
}
