package fr.mlml.ledger.journal;

/**
 * A set of 64-bit fingerprints of 128-bit ids, open addressing with linear probing over one {@code long[]}: eight
 * bytes a slot, at most half full, so a miss (the usual answer: most ids asked for are new) costs a probe or two
 * and no allocation. A hit may be a collision (2^-64 per id asked); the caller checks the id itself. Not
 * thread-safe. Grows by doubling up to {@link #MAX_SLOTS}.
 */
final class FingerprintSet {
    /** 2^30 slots (8 GiB): room for 536 million ids; past that the archive needs another index. */
    static final int MAX_SLOTS = 1 << 30;
    /** Marks a free slot; a fingerprint equal to it is stored as {@link #ZERO_STAND_IN}. */
    private static final long FREE = 0;
    private static final long ZERO_STAND_IN = 1;

    private long[] slots = new long[1 << 10];
    private int size;

    static long fingerprint(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L + Long.rotateLeft(lo, 29) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 27;
        return h == FREE ? ZERO_STAND_IN : h;
    }

    void add(long hi, long lo) {
        if ((size + 1) * 2L > slots.length) grow();
        if (insert(slots, fingerprint(hi, lo))) size++;
    }

    boolean mightContain(long hi, long lo) {
        long f = fingerprint(hi, lo);
        int mask = slots.length - 1;
        for (int i = (int) f & mask; slots[i] != FREE; i = (i + 1) & mask) {
            if (slots[i] == f) return true;
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        if (slots.length >= MAX_SLOTS) {
            throw new IllegalStateException("the archive of old ids holds " + size + " ids, more than it can index");
        }
        long[] bigger = new long[slots.length * 2];
        for (long f : slots) {
            if (f != FREE) insert(bigger, f);
        }
        slots = bigger;
    }

    /** Stores {@code f} unless present; true if it was added. */
    private static boolean insert(long[] table, long f) {
        int mask = table.length - 1;
        int i = (int) f & mask;
        for (; table[i] != FREE; i = (i + 1) & mask) {
            if (table[i] == f) return false;
        }
        table[i] = f;
        return true;
    }
}
