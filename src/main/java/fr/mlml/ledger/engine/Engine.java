package fr.mlml.ledger.engine;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Invariants;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.LedgerSnapshot;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.Tick;
import fr.mlml.ledger.journal.BatchCodec;
import fr.mlml.ledger.journal.BatchEffects;
import fr.mlml.ledger.journal.CommandCodec;
import fr.mlml.ledger.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The single writer (LMAX, exchange-core): one thread owns the {@link Ledger}. Work arrives on a bounded queue from
 * any thread; the engine drains up to {@link #MAX_BATCH} submissions, stamps them with one time read from its clock,
 * applies them, and hands the batch to the {@link Journal}. Callers' futures complete only when their batch is
 * durable. While batch N is written, batch N+1 is applied (at most {@link #MAX_BATCHES_IN_FLIGHT} batches).
 *
 * <p>Fail-stop: if a write fails, the batch's callers and every later one are told the engine is unavailable, the
 * in-memory ledger (which may hold batches that never became durable) is thrown away, and the engine rebuilds it
 * from a freshly opened journal before taking work again. Memory never runs ahead of what callers were told. The
 * same happens when anything throws on the engine thread; an {@link Error} stops the engine for good.
 *
 * <p>The first recovery runs on the engine's thread too ({@link #open}), so a service can answer "not ready" while
 * it waits, for instance for another instance's writer lock.
 *
 * <p>Every {@code snapshotEveryCommands} commands (and no sooner than {@link #SNAPSHOT_PAUSE_FACTOR} times the last
 * one's cost) the engine hands the journal a snapshot of the whole ledger, so a restart replays only the batches
 * after it. A command counts as many as the transfers it carries: what a replay costs is its ids, and a member
 * sending batches of 1,000 refused transfers would otherwise leave millions of ids to replay between snapshots. Taking it pauses the engine for as long as serializing the state takes (the id log dominates: about a
 * second per million ids kept).
 */
public final class Engine implements AutoCloseable {
    /**
     * Most submissions in a batch. As many as transfers: with one-transfer commands a smaller bound made each batch's
     * forces the limit (8,192: 234,000–311,000 transfers/s on the file journal; 65,536: 328,000–361,000).
     */
    public static final int MAX_BATCH = 65_536;
    /** A batch also stops at this many transfers, so 1,000-transfer requests do not make batches of millions. */
    public static final int MAX_BATCH_TRANSFERS = 65_536;
    public static final int MAX_BATCHES_IN_FLIGHT = 2;

    static {
        Invariants.check(MAX_BATCH <= BatchCodec.MAX_COMMANDS, "a batch holds no more commands than a record reads back");
        Invariants.check(MAX_BATCH_TRANSFERS >= SubmitTransfers.MAX_TRANSFERS, "the largest command fits a batch");
    }
    /** At most this long between looks at the clock while idle, and this far apart ticks come at most. */
    static final long IDLE_TICK_MS = 1_000;
    static final long MIN_TICK_GAP_MS = 50;
    private static final long RECOVERY_RETRY_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private enum State { RECOVERING, RUNNING, FAILED, STOPPED }

    /** Default snapshot interval: a restart replays at most about this many commands (or transfers). */
    public static final long SNAPSHOT_EVERY_COMMANDS = 2_000_000;
    /** Time between snapshots is at least this many times what serializing the last one took. */
    static final long SNAPSHOT_PAUSE_FACTOR = 30;

    private final LedgerConfig config;
    private final BatchCollector collector = new BatchCollector();
    private final Supplier<Journal> journals;
    private final LongSupplier clockMs;
    private final BatchObserver observer;
    private final CommandWatcher watcher;
    private final long snapshotEveryCommands;
    private final ArrayBlockingQueue<Submission> queue;
    private final Semaphore inFlight = new Semaphore(MAX_BATCHES_IN_FLIGHT);
    private final Thread thread;
    private volatile State state = State.RECOVERING;
    /** Completes when the first recovery ends: the ledger is rebuilt, or what stopped it. */
    private final CompletableFuture<Void> recovered = new CompletableFuture<>();
    private Journal journal;
    private Ledger ledger;
    private long batchSequence;
    /** The last batch the journal said durable (its callers are answered): a recovery must find it again. */
    private volatile long durableSequence;
    private long lastTimestampMs;
    private long lastTickMs;
    private long commandsSinceSnapshot;
    /** {@link System#nanoTime} before which no snapshot is taken (see {@link #snapshot}). */
    private long nextSnapshotNotBeforeNs = System.nanoTime();
    private volatile boolean snapshotInFlight;

    private Engine(LedgerConfig config, Supplier<Journal> journals, LongSupplier clockMs, int queueCapacity,
                   long snapshotEveryCommands, BatchObserver observer, CommandWatcher watcher) {
        this.config = config;
        this.observer = observer;
        this.watcher = watcher;
        this.snapshotEveryCommands = snapshotEveryCommands;
        this.journals = journals;
        this.clockMs = clockMs;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "ledger-engine");
    }

    /** Opens a journal from {@code journals}, rebuilds the ledger from it, and starts taking work. */
    public static Engine start(LedgerConfig config, Supplier<Journal> journals, LongSupplier clockMs,
                               int queueCapacity) throws Exception {
        return start(config, journals, clockMs, queueCapacity, SNAPSHOT_EVERY_COMMANDS, BatchObserver.NONE);
    }

    public static Engine start(LedgerConfig config, Supplier<Journal> journals, LongSupplier clockMs,
                               int queueCapacity, long snapshotEveryCommands, BatchObserver observer)
            throws Exception {
        Engine engine = open(config, journals, clockMs, queueCapacity, snapshotEveryCommands, observer);
        try {
            engine.awaitRecovered();
        } catch (Exception e) {
            try {
                engine.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return engine;
    }

    /**
     * Starts the engine without waiting: it rebuilds the ledger on its own thread (a standby waits there for the
     * writer's lock) and refuses work as unavailable until then. {@link #awaitRecovered} tells when it is done.
     */
    public static Engine open(LedgerConfig config, Supplier<Journal> journals, LongSupplier clockMs,
                              int queueCapacity, long snapshotEveryCommands, BatchObserver observer) {
        return open(config, journals, clockMs, queueCapacity, snapshotEveryCommands, observer, CommandWatcher.NONE);
    }

    /** As above, with {@code watcher} turning every applied command into events (DESIGN.md §9). */
    public static Engine open(LedgerConfig config, Supplier<Journal> journals, LongSupplier clockMs,
                              int queueCapacity, long snapshotEveryCommands, BatchObserver observer,
                              CommandWatcher watcher) {
        Engine engine = new Engine(config, journals, clockMs, queueCapacity, snapshotEveryCommands, observer,
                watcher);
        engine.thread.start();
        return engine;
    }

    /** Waits for the first recovery; throws what stopped it (a corrupt journal, an unreachable database). */
    public void awaitRecovered() throws Exception {
        try {
            recovered.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw (Error) e.getCause();
        }
    }

    /** Queues a command; the future gives it back with its outcome once durable. Never blocks. */
    @SuppressWarnings("unchecked")
    public <C extends Command> CompletableFuture<C> submit(C command) {
        return (CompletableFuture<C>) (CompletableFuture<?>) enqueue(new Submission(command, null));
    }

    /**
     * Applies a command and reads the ledger right after it, in the same place of the queue: the read sees the
     * command's effect and nothing of a later one, and is answered with it once durable. One submission, so the
     * command is never applied without its read (a full queue refuses both).
     */
    @SuppressWarnings("unchecked")
    public <C extends Command, T> CompletableFuture<T> submitThenRead(C command, BiFunction<C, Ledger, T> read) {
        return (CompletableFuture<T>) (CompletableFuture<?>) enqueue(new Submission(command,
                ledger -> read.apply(command, ledger)));
    }

    /** Reads the ledger on the engine thread, answered once every command before it is durable. */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> read(Function<Ledger, T> read) {
        return (CompletableFuture<T>) (CompletableFuture<?>) enqueue(new Submission(null, read));
    }

    public int queueDepth() {
        return queue.size();
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    private CompletableFuture<Object> enqueue(Submission s) {
        if (state != State.RUNNING) {
            s.future.completeExceptionally(new EngineUnavailableException("the ledger is " + state.name().toLowerCase()
                    + "; retry shortly", false));
        } else if (!queue.offer(s)) {
            s.future.completeExceptionally(new EngineUnavailableException("the ledger is overloaded; retry shortly",
                    true));
        }
        return s.future;
    }

    private void run() {
        if (!firstRecovery()) return;
        List<Submission> batch = new ArrayList<>(MAX_BATCH);
        while (state != State.STOPPED) {
            try {
                if (state == State.FAILED) {
                    recoverAfterFailure();
                    continue;
                }
                Submission first = queue.poll(untilNextExpiryMs(), TimeUnit.MILLISECONDS);
                tickIfHoldsDue();
                if (first == null) continue;
                batch.add(first);
                drainInto(batch, transfersOf(first));
                applyAndJournal(batch);
                batch = new ArrayList<>(MAX_BATCH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                crashed(batch, e);
                batch = new ArrayList<>(MAX_BATCH);
            }
        }
    }

    /**
     * Something threw while the engine held the ledger: the ledger may be half-changed, so it is thrown away like
     * after a failed write. The batch's callers are told unavailable (a command already handed to the journal may
     * still become durable: a retry with the same id answers {@code exists}). An {@link Error} (out of memory, a
     * broken invariant's assertion) ends the engine and is rethrown: the process is no longer to be trusted, and the
     * service stops it so that a supervisor starts it again from the journal.
     */
    private void crashed(List<Submission> batch, Throwable error) {
        failed(batch, error);
        if (error instanceof Error fatal) {
            state = State.STOPPED;
            List<Submission> dropped = new ArrayList<>();
            queue.drainTo(dropped);
            failed(dropped, fatal);
            throw fatal;
        }
    }

    private boolean firstRecovery() {
        try {
            recover();
        } catch (Exception | Error e) {
            state = State.STOPPED;
            recovered.completeExceptionally(e);
            return false;
        }
        boolean running = becomeRunning(State.RECOVERING);
        recovered.complete(null);
        return running;
    }

    /**
     * Running to failed, unless {@link #close} came first: a failure reported by the journal's thread as the service
     * stopped would otherwise turn the stop into a recovery, and close would wait for the thread forever.
     */
    private synchronized boolean becomeFailed() {
        if (state != State.RUNNING) return false;
        state = State.FAILED;
        return true;
    }

    /** Unless {@link #close} came first (a recovery must not undo a stop: close would wait for the thread forever). */
    private synchronized boolean becomeRunning(State from) {
        if (state != from) return false;
        state = State.RUNNING;
        return true;
    }

    /**
     * Takes queued work into the batch up to its bounds, bytes included (one command, at most a 1 MiB body, is far
     * below them). Only this thread takes from the queue, so a peek holds.
     */
    private void drainInto(List<Submission> batch, int transfers) {
        long bytes = BatchCodec.HEADER_BYTES + bytesOf(batch.get(0));
        Submission next;
        while (batch.size() < MAX_BATCH && (next = queue.peek()) != null
                && transfers + transfersOf(next) <= MAX_BATCH_TRANSFERS
                && bytes + bytesOf(next) <= BatchCodec.MAX_BATCH_BYTES) {
            transfers += transfersOf(next);
            bytes += bytesOf(next);
            batch.add(queue.poll());
        }
    }

    private static long bytesOf(Submission s) {
        return s.command == null ? 0 : CommandCodec.sizeBound(s.command);
    }

    private static int transfersOf(Submission s) {
        return s.command == null ? 0 : s.command.transferCount();
    }

    private void applyAndJournal(List<Submission> batch) throws InterruptedException {
        long startNs = System.nanoTime();
        Invariants.check(batch.size() <= MAX_BATCH, "a batch beyond its bound");
        long nowMs = Math.max(clockMs.getAsLong(), lastTimestampMs);
        Invariants.check(nowMs >= ledger.lastTimestampMs(), "the engine's clock went back");
        lastTimestampMs = nowMs;
        List<Command> commands = new ArrayList<>(batch.size());
        for (Submission s : batch) {
            if (s.command != null) {
                s.command.setTimestampMs(nowMs);
                int entriesBefore = collector.entryCount();
                ledger.apply(s.command);
                commands.add(s.command);
                watcher.applied(s.command, ledger, collector.entriesSince(entriesBefore));
            }
            if (s.read != null) {
                try {
                    s.readResult = s.read.apply(ledger);
                } catch (RuntimeException e) {
                    s.future.completeExceptionally(e);
                }
            }
        }
        BatchEffects effects = collector.take(ledger, nowMs, watcher.take());
        inFlight.acquire();
        CompletableFuture<Void> durable = commands.isEmpty() ? CompletableFuture.completedFuture(null)
                : appendOrFail(commands, effects);
        long sequence = batchSequence;
        durable.whenComplete((ok, error) -> {
            if (error == null) durableSequence = sequence;
            inFlight.release();
            if (error != null) {
                failed(batch, error);
                return;
            }
            watcher.durable(effects.events());
            observer.durable(batch.size(), System.nanoTime() - startNs);
            for (Submission s : batch) s.complete();
        });
        for (Command c : commands) commandsSinceSnapshot += Math.max(1, c.transferCount());
        if (commandsSinceSnapshot >= snapshotEveryCommands && !snapshotInFlight
                && System.nanoTime() - nextSnapshotNotBeforeNs >= 0) {
            snapshot();
        }
    }

    /** A journal that throws instead of failing its future has failed the write all the same. */
    private CompletableFuture<Void> appendOrFail(List<Command> commands, BatchEffects effects) {
        try {
            return journal.append(++batchSequence, commands, effects);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Hands the journal the state as of the batch just appended; one snapshot at a time. Serializing pauses this
     * thread (about a second per million ids kept), so the next snapshot waits {@link #SNAPSHOT_PAUSE_FACTOR} times
     * as long as this one took: under heavy load snapshots cost a few percent of the engine's time, and a restart
     * replays at most that much longer.
     */
    private void snapshot() {
        commandsSinceSnapshot = 0;
        snapshotInFlight = true;
        long sequence = batchSequence;
        long startNs = System.nanoTime();
        byte[] state = LedgerSnapshot.write(ledger);
        long endNs = System.nanoTime();
        nextSnapshotNotBeforeNs = endNs + SNAPSHOT_PAUSE_FACTOR * (endNs - startNs);
        // Logged because every request waits while it is serialized: a latency spike has its cause in the log.
        LOG.info("snapshot at batch {}: {} bytes, the engine paused {} ms to serialize it", sequence, state.length,
                (endNs - startNs) / 1_000_000);
        journal.snapshot(sequence, state).whenComplete((ok, error) -> {
            snapshotInFlight = false;
            if (error != null) LOG.warn("snapshot at batch {} not kept; the next one will be tried", sequence, error);
        });
    }

    /** How long an idle engine may wait for work before a hold or payment request is due (1 ms to a second). */
    private long untilNextExpiryMs() {
        long untilMs = ledger.nextExpiryMs() - clockMs.getAsLong();
        return Math.max(1, Math.min(IDLE_TICK_MS, untilMs));
    }

    /**
     * Journals a tick when a hold or payment request is due, so it expires (and its event comes) right after its
     * deadline even if no command comes; ticks stay {@link #MIN_TICK_GAP_MS} apart.
     */
    private void tickIfHoldsDue() throws InterruptedException {
        long nowMs = clockMs.getAsLong();
        if (nowMs < ledger.nextExpiryMs() || nowMs - lastTickMs < MIN_TICK_GAP_MS) return;
        lastTickMs = nowMs;
        applyAndJournal(new ArrayList<>(List.of(new Submission(new Tick(), null))));
    }

    private void failed(List<Submission> batch, Throwable error) {
        if (becomeFailed()) LOG.error("a batch failed; refusing work and recovering from the journal", error);
        EngineUnavailableException unavailable = new EngineUnavailableException(
                "the ledger could not make this durable; nothing was applied", false);
        for (Submission s : batch) s.future.completeExceptionally(unavailable);
    }

    /** Waits for in-flight writes to end, drops the queue and the in-memory state, and rebuilds from the journal. */
    private void recoverAfterFailure() throws InterruptedException {
        inFlight.acquire(MAX_BATCHES_IN_FLIGHT);
        inFlight.release(MAX_BATCHES_IN_FLIGHT);
        List<Submission> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        EngineUnavailableException unavailable = new EngineUnavailableException("the ledger is recovering", false);
        for (Submission s : dropped) s.future.completeExceptionally(unavailable);
        try {
            journal.close();
            recover();
            if (becomeRunning(State.FAILED)) LOG.info("recovered from the journal at batch {}", batchSequence);
        } catch (Exception e) {
            LOG.error("recovery failed; retrying in {} ms", RECOVERY_RETRY_MS, e);
            Thread.sleep(RECOVERY_RETRY_MS);
        }
    }

    private void recover() throws Exception {
        ledger = null; // the replay builds a new one: both at once would need twice the memory
        journal = journals.get();
        collector.use(journal);
        LedgerReplay replay = new LedgerReplay(config, collector);
        batchSequence = journal.recover(replay);
        Invariants.check(batchSequence >= durableSequence, "the journal lost a batch that was acknowledged");
        ledger = replay.ledger();
        ledger.onEntries(collector);
        // What a replay did is durable already: gather from the next batch on. (A new ledger keeps its system
        // accounts as changed, so the first batch stores their rows.)
        if (batchSequence > 0) collector.take(ledger, 0, List.of());
        watcher.recovered(journal);
        lastTimestampMs = replay.lastTimestampMs();
        commandsSinceSnapshot = 0;
    }

    /** Stops taking work, lets the batches in flight become durable, and closes the journal. */
    @Override
    public void close() throws Exception {
        // No interrupt once running: the engine finishes the batch it holds, then sees the state at its next poll.
        // While recovering it may wait on a lock for as long as another instance writes: that wait is cut short.
        boolean wasRecovering;
        synchronized (this) {
            wasRecovering = state == State.RECOVERING;
            state = State.STOPPED;
        }
        if (wasRecovering) thread.interrupt();
        thread.join();
        inFlight.acquire(MAX_BATCHES_IN_FLIGHT);
        List<Submission> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        for (Submission s : dropped) {
            s.future.completeExceptionally(new EngineUnavailableException("the ledger stopped", false));
        }
        if (journal != null) journal.close();
    }
}
