package fr.mlml.ledger.core;

import java.util.Arrays;

/**
 * What stays of the payment requests that left memory: two 64-bit fingerprints each, of the scoped id (so the id stays
 * taken) and of the fields a retry must repeat (so a retry still answers {@code exists} or
 * {@code exists_with_different_fields}), in an open-addressing table at most three quarters full.
 *
 * <p>Why this is bounded enough: it grows by 16 to 32 bytes per request ever resolved, against some 200 for a kept one
 * with its strings and memo, and a request costs its creator a command of its own (never a thousand per command, as
 * transfer ids can): a million requests a year keep 32 MiB. Fingerprints are SHA-256's first bytes, so no one can pick
 * an id that lands on another member's (a 2^64 search); by chance, a new id meets a retired one with odds n / 2^64.
 */
final class RetiredRequests {
    private long[] keys = new long[16];
    private long[] fields = new long[16];
    private int count;

    /** The fields' fingerprint of a retired request, or 0 if {@code key} was never retired. */
    long fieldsOf(long key) {
        for (int i = slot(key, keys.length); keys[i] != 0; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == key) return fields[i];
        }
        return 0;
    }

    /** Keys and fingerprints are never 0 (see PaymentRequests.fingerprint); each key is added once. */
    void add(long key, long fieldsFingerprint) {
        if ((count + 1) * 4 > keys.length * 3) grow();
        put(keys, fields, key, fieldsFingerprint);
        count++;
    }

    int count() {
        return count;
    }

    /** Every retired key with its fields' fingerprint, {@code [key, fields, key, fields, ...]} in key order. */
    long[] sorted() {
        long[] sortedKeys = new long[count];
        int n = 0;
        for (long k : keys) {
            if (k != 0) sortedKeys[n++] = k;
        }
        Arrays.sort(sortedKeys);
        long[] out = new long[2 * count];
        for (int i = 0; i < count; i++) {
            out[2 * i] = sortedKeys[i];
            out[2 * i + 1] = fieldsOf(sortedKeys[i]);
        }
        return out;
    }

    private void grow() {
        long[] k = new long[keys.length * 2];
        long[] f = new long[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) put(k, f, keys[i], fields[i]);
        }
        keys = k;
        fields = f;
    }

    private static void put(long[] k, long[] f, long key, long value) {
        int i = slot(key, k.length);
        while (k[i] != 0) i = (i + 1) & (k.length - 1);
        k[i] = key;
        f[i] = value;
    }

    /** The key is already a SHA-256 fingerprint: its low bits are as good a slot as any. */
    private static int slot(long key, int length) {
        return (int) key & (length - 1);
    }
}
