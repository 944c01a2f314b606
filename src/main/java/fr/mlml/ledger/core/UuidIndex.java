package fr.mlml.ledger.core;

/**
 * Fixed-capacity open-addressing map from a 128-bit id (two longs) to a non-negative long, with linear probing and
 * backward-shift deletion (no tombstones, so look-ups stay short however many ids come and go). Its capacity is set
 * once: the structures that use it bound how many ids they keep.
 */
final class UuidIndex {
    static final long MISSING = -1;

    private final long[] his;
    private final long[] los;
    private final long[] values;
    private final int mask;
    private int size;

    /** Room for {@code maxEntries} at a load factor of at most one half. */
    UuidIndex(int maxEntries) {
        int capacity = Integer.highestOneBit(Math.max(8, maxEntries) * 2 - 1) << 1;
        his = new long[capacity];
        los = new long[capacity];
        values = new long[capacity];
        java.util.Arrays.fill(values, MISSING);
        mask = capacity - 1;
    }

    long get(long hi, long lo) {
        int i = slot(hi, lo);
        while (values[i] != MISSING) {
            if (his[i] == hi && los[i] == lo) return values[i];
            i = (i + 1) & mask;
        }
        return MISSING;
    }

    /** Adds or replaces. The caller keeps the size within the capacity it asked for. */
    void put(long hi, long lo, long value) {
        assert value >= 0;
        int i = slot(hi, lo);
        while (values[i] != MISSING) {
            if (his[i] == hi && los[i] == lo) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        if ((size + 1) * 2 > values.length) throw new IllegalStateException("UuidIndex over capacity");
        his[i] = hi;
        los[i] = lo;
        values[i] = value;
        size++;
    }

    /** Removes the id if present, shifting later entries of its probe run back so no tombstone is left. */
    void remove(long hi, long lo) {
        int i = slot(hi, lo);
        while (values[i] != MISSING) {
            if (his[i] == hi && los[i] == lo) {
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
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == MISSING) break;
            int home = slot(his[i], los[i]);
            // Move entry i into the hole unless its home lies cyclically in (hole, i].
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                his[hole] = his[i];
                los[hole] = los[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        values[hole] = MISSING;
    }

    private int slot(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(lo, 31) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int) h & mask;
    }
}
