package fr.mlml.ledger.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a token's handle, a client address): {@code ratePerSecond} requests a second on average,
 * bursts up to {@code burst}. Keyed by something a stranger chooses (an address), it holds at most {@code maxKeys}
 * buckets: past that, buckets refilled to the brim are dropped (they are as good as new), and while none is, a new
 * key waits like an empty bucket.
 */
final class RateLimiter {
    private final double ratePerNs;
    private final double burst;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweepNs = System.nanoTime();

    private final class Bucket {
        private double available = burst;
        private long lastNs = System.nanoTime();

        /** 0 if a request may go now, else the whole seconds until one may. */
        synchronized long take() {
            long wait = waitS();
            if (wait == 0) available -= 1;
            return wait;
        }

        synchronized long waitS() {
            refill();
            return available >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - available) / ratePerNs / 1e9));
        }

        /** Takes {@code n} at once, into debt if need be: the key waits until the debt is paid back. */
        synchronized void charge(int n) {
            refill();
            available -= n;
        }

        synchronized boolean full() {
            refill();
            return available >= burst;
        }

        private void refill() {
            long now = System.nanoTime();
            available = Math.min(burst, available + (now - lastNs) * ratePerNs);
            lastNs = now;
        }
    }

    /** Per token: the tokens are few (the back office makes them), so their buckets need no bound. */
    RateLimiter(double ratePerSecond) {
        this(ratePerSecond, Math.max(1, 2 * ratePerSecond), Integer.MAX_VALUE);
    }

    RateLimiter(double ratePerSecond, double burst, int maxKeys) {
        this.ratePerNs = ratePerSecond / 1e9;
        this.burst = burst;
        this.maxKeys = maxKeys;
    }

    /** Drops a key's bucket (a token that no longer works). */
    void forget(String key) {
        buckets.remove(key);
    }

    /** What {@link #take} would answer, without taking anything (nor keeping anything for a key never seen). */
    long waitFor(String key) {
        Bucket b = buckets.get(key);
        return b == null ? 0 : b.waitS();
    }

    /** 0 if {@code key} may send a request now, else the seconds for {@code Retry-After}. */
    long take(String key) {
        Bucket b = bucket(key);
        return b == null ? Math.max(1, (long) Math.ceil(1 / ratePerNs / 1e9)) : b.take();
    }

    /** Charges {@code key} {@code n} at once (refused ids, say), into debt if need be; nothing past the key bound. */
    void charge(String key, int n) {
        Bucket b = bucket(key);
        if (b != null) b.charge(n);
    }

    /** The key's bucket, made if need be; null while the key bound is reached and no bucket can be dropped. */
    private Bucket bucket(String key) {
        Bucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= maxKeys) {
                long now = System.nanoTime();
                if (now - lastSweepNs >= 1_000_000_000L) {
                    lastSweepNs = now;
                    buckets.values().removeIf(Bucket::full);
                }
                if (buckets.size() >= maxKeys) return null;
            }
            b = buckets.computeIfAbsent(key, k -> new Bucket());
        }
        return b;
    }
}
