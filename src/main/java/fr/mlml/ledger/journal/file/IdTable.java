package fr.mlml.ledger.journal.file;

import java.util.Arrays;

/**
 * A map from transfer ids to a long (a file offset, an index in a list) by open addressing over two primitive
 * arrays: a 64-bit fingerprint of the id per slot (0 for an empty one) and the value. It keeps no ids: a
 * fingerprint hit is confirmed by the caller's {@link Ids} (which may read the id back from a file), so a miss,
 * the common case, costs a few array reads and no I/O. At most half full: 32 to 64 bytes per id.
 *
 * <p>Not thread-safe; {@link #mayHold} only reads the fingerprint array it finds, so a reader may call it
 * optimistically while a writer puts, if it validates afterwards (see {@link FileArchive}).
 */
public final class IdTable {
    private static final int MIN_CAPACITY = 16;

    /** Whether {@code value} stands for the id {@code (idHi, idLo)}. */
    public interface Ids {
        boolean isId(long value, long idHi, long idLo);
    }

    private long[] fingerprints;
    private long[] values;
    private int count;

    IdTable(int expectedIds) {
        int capacity = Integer.highestOneBit(Math.max(MIN_CAPACITY, 2 * expectedIds - 1)) << 1;
        fingerprints = new long[capacity];
        values = new long[capacity];
    }

    static long fingerprint(long idHi, long idLo) {
        long f = mix(mix(idHi) ^ idLo);
        return f == 0 ? 1 : f;
    }

    /** The finalizer of MurmurHash3: every bit of the input moves every bit of the output. */
    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    /** Whether some slot has the id's fingerprint (a miss is certain, a hit must be confirmed by {@link #find}). */
    boolean mayHold(long idHi, long idLo) {
        long f = fingerprint(idHi, idLo);
        long[] slots = fingerprints;
        int mask = slots.length - 1;
        for (int i = (int) f & mask; ; i = (i + 1) & mask) {
            if (slots[i] == 0) return false;
            if (slots[i] == f) return true;
        }
    }

    /** The id's value, or -1. */
    long find(long idHi, long idLo, Ids ids) {
        long f = fingerprint(idHi, idLo);
        int mask = fingerprints.length - 1;
        for (int i = (int) f & mask; fingerprints[i] != 0; i = (i + 1) & mask) {
            if (fingerprints[i] == f && ids.isId(values[i], idHi, idLo)) return values[i];
        }
        return -1;
    }

    /** Maps the id to {@code value}, replacing its earlier value. */
    void put(long idHi, long idLo, long value, Ids ids) {
        assert value >= 0 : "values are offsets or indexes";
        long f = fingerprint(idHi, idLo);
        int mask = fingerprints.length - 1;
        int i = (int) f & mask;
        for (; fingerprints[i] != 0; i = (i + 1) & mask) {
            if (fingerprints[i] == f && ids.isId(values[i], idHi, idLo)) {
                values[i] = value;
                return;
            }
        }
        if (2 * (count + 1) > fingerprints.length) {
            grow();
            put(idHi, idLo, value, ids);
            return;
        }
        values[i] = value;
        fingerprints[i] = f; // last: an optimistic reader sees a slot only once it is whole
        count++;
    }

    /** Doubles the arrays; new arrays are filled before they are published, so a reader sees old or new whole. */
    private void grow() {
        long[] oldFingerprints = fingerprints;
        long[] oldValues = values;
        long[] newFingerprints = new long[2 * oldFingerprints.length];
        long[] newValues = new long[newFingerprints.length];
        int mask = newFingerprints.length - 1;
        for (int s = 0; s < oldFingerprints.length; s++) {
            long f = oldFingerprints[s];
            if (f == 0) continue;
            int i = (int) f & mask;
            while (newFingerprints[i] != 0) i = (i + 1) & mask;
            newFingerprints[i] = f;
            newValues[i] = oldValues[s];
        }
        values = newValues;
        fingerprints = newFingerprints;
        assert Arrays.stream(fingerprints).filter(f -> f != 0).count() == count;
    }
}
