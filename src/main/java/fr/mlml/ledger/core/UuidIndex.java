package fr.mlml.ledger.core;

/**
 * Fixed-capacity open-addressing map from a 128-bit id (two longs) to a non-negative long, with linear probing and
 * backward-shift deletion (no tombstones, so look-ups stay short however many ids come and go). Its capacity is set
 * once: the structures that use it bound how many ids they keep.
 * Each slot's id and value sit side by side in one array (stride 4: hi, lo, value, padding) so a probe costs one
 * cache miss, not three: this index is touched by every transfer.
 */
final class UuidIndex {
    static final long MISSING = -1;
    private static final int STRIDE = 4;
    /** Every probe loop is bounded by the table's size: at a load of one half it never gets there. */
    private static final String FULL = "an id index has no empty slot";

    private final long[] table;
    private final int mask;
    private int size;

    /** Room for {@code maxEntries} at a load factor of at most one half. */
    UuidIndex(int maxEntries) {
        int slots = Integer.highestOneBit(Math.max(8, maxEntries) * 2 - 1) << 1;
        table = new long[slots * STRIDE];
        for (int i = 2; i < table.length; i += STRIDE) table[i] = MISSING;
        mask = slots - 1;
    }

    long get(long hi, long lo) {
        int i = slot(hi, lo);
        for (int probes = 0; value(i) != MISSING; probes++) {
            Invariants.check(probes <= mask, FULL);
            if (table[i * STRIDE] == hi && table[i * STRIDE + 1] == lo) return value(i);
            i = (i + 1) & mask;
        }
        return MISSING;
    }

    /** Adds or replaces. The caller keeps the size within the capacity it asked for. */
    void put(long hi, long lo, long value) {
        assert value >= 0;
        int i = slot(hi, lo);
        for (int probes = 0; value(i) != MISSING; probes++) {
            Invariants.check(probes <= mask, FULL);
            if (table[i * STRIDE] == hi && table[i * STRIDE + 1] == lo) {
                table[i * STRIDE + 2] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        if ((size + 1) * 2 > mask + 1) throw new IllegalStateException("UuidIndex over capacity");
        set(i, hi, lo, value);
        size++;
    }

    /** Removes the id if present, shifting later entries of its probe run back so no tombstone is left. */
    void remove(long hi, long lo) {
        int i = slot(hi, lo);
        for (int probes = 0; value(i) != MISSING; probes++) {
            Invariants.check(probes <= mask, FULL);
            if (table[i * STRIDE] == hi && table[i * STRIDE + 1] == lo) {
                shiftBack(i);
                size--;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private void shiftBack(int hole) {
        int i = hole;
        for (int probes = 0; ; probes++) {
            Invariants.check(probes <= mask, FULL);
            i = (i + 1) & mask;
            if (value(i) == MISSING) break;
            int home = slot(table[i * STRIDE], table[i * STRIDE + 1]);
            // Move entry i into the hole unless its home lies cyclically in (hole, i].
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                set(hole, table[i * STRIDE], table[i * STRIDE + 1], value(i));
                hole = i;
            }
        }
        table[hole * STRIDE + 2] = MISSING;
    }

    private long value(int i) {
        return table[i * STRIDE + 2];
    }

    private void set(int i, long hi, long lo, long value) {
        table[i * STRIDE] = hi;
        table[i * STRIDE + 1] = lo;
        table[i * STRIDE + 2] = value;
    }

    private int slot(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(lo, 31) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int) h & mask;
    }
}
