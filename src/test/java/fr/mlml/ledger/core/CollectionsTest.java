package fr.mlml.ledger.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The core's primitive collections: id index, string map, pending heap. */
class CollectionsTest {

    // ---- UuidIndex ----

    @Test
    void uuidIndexPutsGetsReplacesAndRemoves() {
        UuidIndex index = new UuidIndex(16);
        index.put(1, 2, 10);
        index.put(3, 4, 20);
        assertEquals(10, index.get(1, 2));
        assertEquals(20, index.get(3, 4));
        assertEquals(UuidIndex.MISSING, index.get(2, 1));
        index.put(1, 2, 11);
        assertEquals(11, index.get(1, 2));
        assertEquals(2, index.size());
        index.remove(1, 2);
        assertEquals(UuidIndex.MISSING, index.get(1, 2));
        assertEquals(20, index.get(3, 4));
        index.remove(1, 2);
        assertEquals(1, index.size(), "removing an absent id changes nothing");
    }

    @Test
    void uuidIndexHoldsWhatItWasSizedForAndRefusesToOverfill() {
        UuidIndex index = new UuidIndex(100);
        for (int i = 0; i < 100; i++) index.put(i, -i, i);
        for (int i = 0; i < 100; i++) assertEquals(i, index.get(i, -i));
        index.put(5, -5, 55);
        assertEquals(100, index.size(), "replacing is not adding");
        assertThrows(IllegalStateException.class, () -> {
            for (int i = 100; i < 10_000; i++) index.put(i, -i, i);
        });
    }

    /** Many removes in random order over full, colliding tables: backward shift must keep every probe run intact. */
    @Test
    void uuidIndexStaysExactUnderManyRemoves() {
        Random random = new Random(42);
        for (int capacity : new int[] {8, 64, 1_000}) {
            UuidIndex index = new UuidIndex(capacity);
            Map<List<Long>, Long> model = new HashMap<>();
            List<long[]> live = new ArrayList<>();
            for (int op = 0; op < 200_000 / (capacity < 100 ? 1 : 4); op++) {
                boolean add = live.isEmpty() || (live.size() < capacity && random.nextInt(100) < 55);
                if (add) {
                    // Few distinct high halves so that ids differ little, as sequential UUIDs do.
                    long[] id = {random.nextInt(4), random.nextLong()};
                    if (model.containsKey(List.of(id[0], id[1]))) continue;
                    long value = random.nextInt(1 << 30);
                    index.put(id[0], id[1], value);
                    model.put(List.of(id[0], id[1]), value);
                    live.add(id);
                } else {
                    long[] id = live.remove(random.nextInt(live.size()));
                    index.remove(id[0], id[1]);
                    model.remove(List.of(id[0], id[1]));
                    assertEquals(UuidIndex.MISSING, index.get(id[0], id[1]));
                }
                if (op % 97 == 0) {
                    for (long[] id : live) {
                        assertEquals(model.get(List.of(id[0], id[1])), index.get(id[0], id[1]), "capacity " + capacity);
                    }
                }
                assertEquals(model.size(), index.size());
            }
            for (long[] id : live) assertEquals(model.get(List.of(id[0], id[1])), index.get(id[0], id[1]));
            for (long[] id : new ArrayList<>(live)) index.remove(id[0], id[1]);
            assertEquals(0, index.size());
            for (long[] id : live) assertEquals(UuidIndex.MISSING, index.get(id[0], id[1]));
        }
    }

    // ---- TransferLog and its RecentIdIndex ----

    @Test
    void theTransferLogFindsExactlyItsMostRecentIds() {
        int capacity = 2_048;
        TransferLog log = new TransferLog(capacity);
        Random random = new Random(3);
        int n = 5 * capacity + 123;
        long[] hi = new long[n];
        long[] lo = new long[n];
        for (int p = 0; p < n; p++) {
            hi[p] = random.nextInt(8);
            lo[p] = random.nextLong();
            assertEquals(p, log.append(hi[p], lo[p], TransferKind.TRANSFER, 0, 1, 0, p + 1, 0, null, null, null, p));
            assertTrue(log.holds(p));
            if (p >= capacity) assertFalse(log.holds(p - capacity), "the entry it overwrote");
            if (p % 500 == 0 || p == n - 1) {
                for (int q = Math.max(0, p - 3 * capacity); q <= p; q++) {
                    long found = log.find(hi[q], lo[q]);
                    if (q > p - capacity) {
                        assertEquals(q, found, "position " + q + " after " + p);
                        assertEquals(q + 1, log.amount(found));
                    } else {
                        assertEquals(TransferLog.MISSING, found, "position " + q + " was forgotten");
                    }
                }
            }
        }
    }

    // ---- StringIntMap ----

    @Test
    void stringIntMapGrowsAndKeepsEveryKey() {
        StringIntMap map = new StringIntMap(4);
        for (int i = 0; i < 50_000; i++) map.putNew("mie:member-" + i, i);
        assertEquals(50_000, map.size());
        for (int i = 0; i < 50_000; i++) assertEquals(i, map.get("mie:member-" + i));
        assertEquals(StringIntMap.MISSING, map.get("mie:member-50000"));
        assertEquals(StringIntMap.MISSING, map.get(""));
    }

    @Test
    void ledgerHoldsMoreAccountsAndMembersThanItsInitialArrays() {
        LedgerFixture f = new LedgerFixture();
        for (int i = 0; i < 5_000; i++) f.citizen("c" + i);
        assertEquals(5_000, f.ledger.memberCount());
        assertEquals(5_007, f.ledger.accountCount());
        assertEquals("c4321", f.view("mlc:c4321").memberId());
        assertEquals(List.of("mlc:c17"), f.ledger.member("c17").accountIds());
    }

    // ---- PendingTransfers ----

    @Test
    void pendingTransfersComeDueInDeadlineOrder() {
        PendingTransfers p = new PendingTransfers();
        Random random = new Random(7);
        int n = 3_000;
        for (int i = 0; i < n; i++) {
            long deadline = 1_000 + random.nextInt(500);
            p.add(i, i, 0, 1, 10, deadline, i);
        }
        assertEquals(n, p.count());
        assertEquals(PendingTransfers.NONE, p.nextDue(999), "nothing is due before the earliest deadline");

        long last = Long.MIN_VALUE;
        int due = 0;
        int s;
        while ((s = p.nextDue(1_250)) != PendingTransfers.NONE) {
            assertTrue(p.deadlineMs(s) >= last, "deadlines come in order");
            assertTrue(p.deadlineMs(s) <= 1_250);
            last = p.deadlineMs(s);
            p.remove(s);
            due++;
        }
        assertTrue(due > 0 && p.count() > 0);
        assertEquals(n, due + p.count());
        assertEquals(PendingTransfers.NONE, p.nextDue(1_250));
        while ((s = p.nextDue(Long.MAX_VALUE)) != PendingTransfers.NONE) {
            assertTrue(p.deadlineMs(s) > 1_250);
            assertTrue(p.deadlineMs(s) >= last, "deadlines come in order");
            last = p.deadlineMs(s);
            p.remove(s);
        }
        assertEquals(0, p.count());
    }

    @Test
    void resolvedPendingTransfersAreSkippedAndTheirSlotsReused() {
        PendingTransfers p = new PendingTransfers();
        int early = p.add(1, 1, 0, 1, 10, 100, 0);
        int late = p.add(2, 2, 0, 1, 20, 200, 1);
        p.remove(early);
        assertEquals(PendingTransfers.NONE, p.find(1, 1));

        int reused = p.add(3, 3, 0, 1, 30, 300, 2);
        assertEquals(early, reused, "a freed slot is taken again");
        assertEquals(reused, p.find(3, 3));
        assertEquals(late, p.nextDue(250), "the resolved hold's old deadline is skipped, not expired");
        p.remove(late);
        assertEquals(PendingTransfers.NONE, p.nextDue(250));
        assertEquals(reused, p.nextDue(300));
        assertEquals(30, p.amount(reused));
        assertEquals(300, p.deadlineMs(reused));
    }

    @Test
    void pendingTransfersGrowPastTheirInitialSize() {
        PendingTransfers p = new PendingTransfers();
        for (int i = 0; i < 5_000; i++) p.add(i, ~i, i, i + 1, i, 10_000 - i, i);
        assertEquals(5_000, p.count());
        for (int i = 0; i < 5_000; i++) {
            int s = p.find(i, ~i);
            assertEquals(i, p.debit(s));
            assertEquals(10_000 - i, p.deadlineMs(s));
        }
        int first = p.nextDue(Long.MAX_VALUE);
        assertEquals(4_999, p.debit(first), "the earliest deadline first");
    }
}
