package fr.mlml.ledger.core;

/**
 * The id index of the {@link TransferLog}: from a transfer id to the ring slot that holds it. Every transfer probes
 * it twice (is the id new? forget the evicted one), so it is made small enough to stay in cache: one long per
 * table slot, holding the ring slot and a 32-bit hash of the id. A hash match is confirmed against the id in the
 * ring; the hash alone gives an entry's home slot, so backward-shift deletion never reads the ring.
 */
final class RecentIdIndex {
    static final int MISSING = -1;
    private static final long EMPTY = 0;
    /** Every probe loop is bounded by the table's size: at a load of one half it never gets there. */
    private static final String FULL = "the recent-id index has no empty slot";

    private final long[] table;
    private final int mask;
    private final long[] ringHi;
    private final long[] ringLo;

    /** Indexes the ring whose ids are {@code ringHi}/{@code ringLo}, at a load factor of at most one half. */
    RecentIdIndex(long[] ringHi, long[] ringLo) {
        int slots = Integer.highestOneBit(ringHi.length * 2 - 1) << 1;
        this.table = new long[slots];
        this.mask = slots - 1;
        this.ringHi = ringHi;
        this.ringLo = ringLo;
    }

    /** Ring slot holding the id, or {@link #MISSING}. */
    int get(long hi, long lo) {
        int h = hash(hi, lo);
        int i = h & mask;
        for (int probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
            long e = table[i];
            if (e == EMPTY) return MISSING;
            if ((int) e == h) {
                int s = ringSlot(e);
                if (ringHi[s] == hi && ringLo[s] == lo) return s;
            }
        }
        throw new Invariants.Broken(FULL);
    }

    /**
     * Reads the table slot where the id's probe starts and returns it, so that a caller can load the slots of a
     * whole batch in one tight loop: the loads are independent, the CPU overlaps their cache misses, and the
     * batch's real look-ups then hit the cache (TigerBeetle's prefetch phase, by hand).
     */
    long touch(long hi, long lo) {
        return table[hash(hi, lo) & mask];
    }

    /** Indexes the id now held in ring slot {@code s}; the id must not be indexed yet. */
    void add(int s) {
        long e = entry(hash(ringHi[s], ringLo[s]), s);
        int i = (int) e & mask;
        for (int probes = 0; table[i] != EMPTY; i = (i + 1) & mask) Invariants.check(++probes <= mask, FULL);
        table[i] = e;
    }

    /** Drops the id held in ring slot {@code s}, before the slot is overwritten. */
    void remove(int s) {
        long e = entry(hash(ringHi[s], ringLo[s]), s);
        int i = (int) e & mask;
        for (int probes = 0; table[i] != e; i = (i + 1) & mask) {
            Invariants.check(table[i] != EMPTY && ++probes <= mask, "removing an id that is not indexed");
        }
        shiftBack(i);
    }

    private void shiftBack(int hole) {
        int i = hole;
        for (int probes = 0; ; probes++) {
            Invariants.check(probes <= mask, FULL);
            i = (i + 1) & mask;
            long e = table[i];
            if (e == EMPTY) break;
            int home = (int) e & mask;
            // Move entry i into the hole unless its home lies cyclically in (hole, i].
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                table[hole] = e;
                hole = i;
            }
        }
        table[hole] = EMPTY;
    }

    private static long entry(int hash, int ringSlot) {
        return ((long) (ringSlot + 1) << 32) | (hash & 0xFFFFFFFFL);
    }

    private static int ringSlot(long entry) {
        return (int) (entry >>> 32) - 1;
    }

    private static int hash(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(lo, 31) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32));
    }
}
