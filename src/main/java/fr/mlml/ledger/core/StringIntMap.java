package fr.mlml.ledger.core;

/**
 * Open-addressing map from String to a non-negative int, without boxing: the look-up of an account or member id on
 * the hot path. Grows by doubling (only when an account or member is created); entries are never removed.
 */
final class StringIntMap {
    static final int MISSING = -1;
    /** Every probe loop is bounded by the table's size: at a load of one half it never gets there. */
    private static final String FULL = "a string index has no empty slot";

    private String[] keys;
    private int[] values;
    private int mask;
    private int size;

    StringIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new String[capacity];
        values = new int[capacity];
        mask = capacity - 1;
    }

    /** The value of the key, or {@link #MISSING}; a null key (an id absent from a command) is never present. */
    int get(String key) {
        if (key == null) return MISSING;
        int i = mix(key.hashCode()) & mask;
        for (int probes = 0; ; probes++) {
            Invariants.check(probes <= mask, FULL);
            String k = keys[i];
            if (k == null) return MISSING;
            if (k.equals(key)) return values[i];
            i = (i + 1) & mask;
        }
    }

    /** Adds a key that is not present yet. */
    void putNew(String key, int value) {
        assert value >= 0 && get(key) == MISSING;
        if ((size + 1) * 2 > keys.length) grow();
        insert(keys, values, mask, key, value);
        size++;
    }

    int size() {
        return size;
    }

    private void grow() {
        String[] newKeys = new String[keys.length * 2];
        int[] newValues = new int[keys.length * 2];
        int newMask = newKeys.length - 1;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) insert(newKeys, newValues, newMask, keys[i], values[i]);
        }
        keys = newKeys;
        values = newValues;
        mask = newMask;
    }

    private static void insert(String[] keys, int[] values, int mask, String key, int value) {
        int i = mix(key.hashCode()) & mask;
        for (int probes = 0; keys[i] != null; i = (i + 1) & mask) Invariants.check(++probes <= mask, FULL);
        keys[i] = key;
        values[i] = value;
    }

    /** Spreads String hashes, whose low bits cluster for ids sharing a prefix. */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
