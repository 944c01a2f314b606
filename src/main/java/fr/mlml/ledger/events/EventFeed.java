package fr.mlml.ledger.events;

import fr.mlml.ledger.journal.EventStore;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.StoredEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The events of durable batches, for feeds, streams and webhooks: the most recent ones in a bounded ring in memory,
 * older ones read back from the journal, so memory is the ring's whatever the ledger's history. A reader sees only
 * the events its {@link Viewer} may; a page scans a bounded number of events, so a member with few events among
 * millions gets an empty page whose {@code next} has moved on rather than a scan of everything.
 */
public final class EventFeed {
    /**
     * Events kept in memory by default (each some hundreds of bytes: about 10 MB): a fraction of a second of the
     * heaviest load, hours of an ordinary day. Readers further behind read the journal.
     */
    public static final int DEFAULT_RING = 16_384;
    /** Most events one read looks at before answering what it found. */
    static final int SCAN_BUDGET = 100_000;
    /** Most events one pass over the ring copies beyond a page's limit (for viewers whose events are sparse). */
    private static final int RING_CHUNK = 4_096;

    public record Page(List<Event> items, long next) {
    }

    private final Event[] ring;
    /** The ring holds events {@code (ringLast - held, ringLast]}; guarded by this. */
    private long ringLast;
    private int held;
    private volatile EventStore store = EventStore.NONE;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public EventFeed(int ringCapacity) {
        this.ring = new Event[ringCapacity];
    }

    /** The journal the ledger was rebuilt from, whose last event is {@code lastSeq}. */
    synchronized void recovered(Journal journal, long lastSeq) {
        store = journal.events();
        if (lastSeq != ringLast) {
            ringLast = lastSeq;
            held = 0;
        }
    }

    /** Events of a batch now durable, in order; wakes those waiting for more. */
    void append(List<? extends StoredEvent> events) {
        synchronized (this) {
            for (StoredEvent s : events) {
                Event e = (Event) s;
                if (e.seq() != ringLast + 1) held = 0; // the journal had events this ring never saw: start anew
                ring[(int) (e.seq() % ring.length)] = e;
                ringLast = e.seq();
                held = Math.min(held + 1, ring.length);
            }
        }
        for (Runnable r : listeners) r.run();
    }

    /** The last durable event's number. */
    public synchronized long head() {
        return ringLast;
    }

    /**
     * Calls {@code listener} (on the journal's thread: it must only hand over) after each durable batch with events;
     * the returned handle stops it.
     */
    public Runnable listen(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Up to {@code limit} events after {@code after} that {@code viewer} sees, of {@code types} (all when empty), and
     * the {@code next} to read after: the last event looked at.
     */
    public CompletableFuture<Page> read(long after, int limit, Set<EventType> types, Viewer viewer) {
        return read(after, limit, types, viewer, new ArrayList<>(), 0);
    }

    private CompletableFuture<Page> read(long after, int limit, Set<EventType> types, Viewer viewer,
                                         List<Event> found, int scanned) {
        long last;
        long oldestHeld;
        List<Event> fromRing;
        synchronized (this) {
            last = ringLast;
            oldestHeld = ringLast - held + 1;
            // A reader far behind the head (an endpoint catching up) copies what one page can use, not the ring.
            int take = (int) Math.max(0, Math.min(Math.min(last - after, SCAN_BUDGET - scanned),
                    Math.max(limit, RING_CHUNK)));
            fromRing = new ArrayList<>(after + 1 >= oldestHeld ? take : 0);
            if (after + 1 >= oldestHeld) {
                for (long s = after + 1; s <= after + take; s++) fromRing.add(ring[(int) (s % ring.length)]);
            }
        }
        if (after >= last) return CompletableFuture.completedFuture(new Page(found, after));
        // Past the ring, a read takes what the page can use: limit events at first, as many as were looked at
        // so far after that (a viewer whose events are sparse), so a reader paging through the store reads each
        // stored event about once.
        int wanted = (int) Math.min(Math.min(EventStore.MAX_READ, Math.max(limit, scanned)), oldestHeld - 1 - after);
        CompletableFuture<List<Event>> next = after + 1 >= oldestHeld ? CompletableFuture.completedFuture(fromRing)
                : store.after(after, wanted).thenApply(stored -> {
                    List<Event> events = new ArrayList<>(stored.size());
                    for (int i = 0; i < stored.size(); i++) events.add(Event.decode(after + 1 + i, stored.get(i)));
                    return events;
                });
        return next.thenCompose(events -> {
            long at = after;
            for (Event e : events) {
                at = e.seq();
                if ((types.isEmpty() || types.contains(e.type())) && e.audience().admits(viewer)) {
                    found.add(e);
                    if (found.size() == limit) return CompletableFuture.completedFuture(new Page(found, at));
                }
            }
            int total = scanned + events.size();
            if (events.isEmpty() || total >= SCAN_BUDGET || !found.isEmpty()) {
                return CompletableFuture.completedFuture(new Page(found, at));
            }
            return read(at, limit, types, viewer, found, total);
        });
    }
}
