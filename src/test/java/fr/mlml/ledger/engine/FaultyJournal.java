package fr.mlml.ledger.engine;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.journal.BatchCodec;
import fr.mlml.ledger.journal.BatchEffects;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A journal in memory whose writes go wrong on seeded turns, the way storage does: an append fails, throws, answers
 * late (after later appends were issued), or makes its batch durable and then reports a failure; a snapshot fails.
 * What it made durable is on a {@link Disk} that every journal opened on it reads back, as a restart would. Like the
 * file journal, after a failed write it takes no more (so durable batches never have a gap), and it keeps a snapshot
 * only of a durable batch.
 */
final class FaultyJournal implements EngineOnlyJournal {
    enum Fault { FAIL, THROW, LATE, COMMIT_THEN_FAIL, SNAPSHOT_FAIL }

    /** How long a late answer waits at most for a later append before it is given anyway (the engine may wait). */
    private static final long LATE_MS = 50;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faulty-journal-timer");
        t.setDaemon(true);
        return t;
    });

    /** What survives every journal opened on it; the faults are drawn from its seed, one draw per append. */
    static final class Disk {
        private final List<byte[]> batches = new ArrayList<>();
        private final Set<Command> durable = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<UUID, TransferRecord> archive = new HashMap<>();
        private long snapshotSequence;
        private byte[] snapshot;
        private final SplittableRandom appendFaults;
        private final SplittableRandom snapshotFaults;
        private final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
        private int appends;

        Disk(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            appendFaults = r.split();
            snapshotFaults = r.split();
        }

        /** Whether this very command object is in a durable batch. */
        synchronized boolean holds(Command c) {
            return durable.contains(c);
        }

        /** The durable batches, decoded afresh. */
        synchronized List<List<Command>> batches() {
            List<List<Command>> out = new ArrayList<>();
            for (byte[] b : batches) out.add(BatchCodec.decode(b));
            return out;
        }

        synchronized int size() {
            return batches.size();
        }

        synchronized int appends() {
            return appends;
        }

        synchronized Map<Fault, Integer> faults() {
            return new EnumMap<>(faults);
        }

        private synchronized void write(long sequence, List<Command> commands, byte[] encoded,
                                        List<TransferRecord> forgotten) {
            if (sequence != batches.size() + 1) {
                throw new AssertionError("batch " + sequence + " written after " + batches.size());
            }
            batches.add(encoded);
            durable.addAll(commands);
            for (TransferRecord r : forgotten) archive.put(new UUID(r.idHi(), r.idLo()), r);
        }

        private synchronized TransferRecord archived(UUID id) {
            return archive.get(id);
        }

        private synchronized void count(Fault f) {
            faults.merge(f, 1, Integer::sum);
        }
    }

    /** A batch whose answer is held back until a later append (or {@link #LATE_MS}). */
    private record Held(long sequence, List<Command> commands, byte[] encoded, List<TransferRecord> forgotten,
                        Fault outcome, CompletableFuture<Void> future) {
    }

    private final Disk disk;
    private final Map<UUID, TransferRecord> pendingArchive = new HashMap<>();
    private Held held;
    private boolean poisoned;

    FaultyJournal(Disk disk) {
        this.disk = disk;
    }

    @Override
    public long recover(Recovery into) {
        synchronized (disk) {
            int from = 0;
            if (disk.snapshot != null) {
                into.snapshot(disk.snapshotSequence, disk.snapshot);
                from = (int) disk.snapshotSequence;
            }
            for (int i = from; i < disk.batches.size(); i++) into.batch(BatchCodec.decode(disk.batches.get(i)));
            return disk.batches.size();
        }
    }

    @Override
    public synchronized CompletableFuture<Void> append(long sequence, List<Command> commands, BatchEffects effects) {
        resolveHeld();
        Fault fault;
        boolean late;
        synchronized (disk) {
            disk.appends++;
            int k = disk.appendFaults.nextInt(100);
            fault = k < 3 ? Fault.FAIL : k < 5 ? Fault.THROW : k < 8 ? Fault.COMMIT_THEN_FAIL : null;
            late = fault != Fault.THROW && disk.appendFaults.nextInt(100) < 12;
            if (fault != null) disk.count(fault);
            if (late) disk.count(Fault.LATE);
        }
        if (poisoned) return CompletableFuture.failedFuture(new IOException("the journal failed earlier"));
        if (fault == Fault.THROW) {
            poisoned = true;
            throw new IllegalStateException("a journal bug, seeded");
        }
        for (TransferRecord r : effects.forgotten()) pendingArchive.put(new UUID(r.idHi(), r.idLo()), r);
        Held h = new Held(sequence, List.copyOf(commands), BatchCodec.encode(commands),
                List.copyOf(effects.forgotten()), fault, new CompletableFuture<>());
        if (late) {
            held = h;
            TIMER.schedule(this::resolveHeldLate, LATE_MS, TimeUnit.MILLISECONDS);
        } else {
            resolve(h);
        }
        return h.future;
    }

    private synchronized void resolveHeldLate() {
        resolveHeld();
    }

    private void resolveHeld() {
        Held h = held;
        held = null;
        if (h != null) resolve(h);
    }

    /** Whether an answer is held back for a later append. */
    synchronized boolean holdsLate() {
        return held != null;
    }

    private void resolve(Held h) {
        if (poisoned || h.outcome == Fault.FAIL) {
            poisoned = true;
            h.future.completeExceptionally(new IOException("write failed, seeded"));
            return;
        }
        disk.write(h.sequence, h.commands, h.encoded, h.forgotten);
        if (h.outcome == Fault.COMMIT_THEN_FAIL) {
            h.future.completeExceptionally(new IOException("written, then the acknowledgement was lost, seeded"));
        } else {
            h.future.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> snapshot(long sequence, byte[] state) {
        synchronized (disk) {
            if (disk.snapshotFaults.nextInt(100) < 30) {
                disk.count(Fault.SNAPSHOT_FAIL);
                return CompletableFuture.failedFuture(new IOException("snapshot not written, seeded"));
            }
            if (disk.batches.size() < sequence) {
                return CompletableFuture.failedFuture(new IOException("batch " + sequence + " is not durable"));
            }
            disk.snapshotSequence = sequence;
            disk.snapshot = state.clone();
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public synchronized TransferRecord archived(long idHi, long idLo) {
        UUID id = new UUID(idHi, idLo);
        TransferRecord r = pendingArchive.get(id);
        return r != null ? r : disk.archived(id);
    }

    @Override
    public synchronized void close() {
        resolveHeld();
    }
}
