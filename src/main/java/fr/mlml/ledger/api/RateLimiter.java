package fr.mlml.ledger.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per token: {@code ratePerSecond} requests a second on average, bursts up to twice that. */
final class RateLimiter {
    private final double ratePerNs;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final class Bucket {
        private double available = burst;
        private long lastNs = System.nanoTime();

        /** 0 if a request may go now, else the whole seconds until one may. */
        synchronized long take() {
            long now = System.nanoTime();
            available = Math.min(burst, available + (now - lastNs) * ratePerNs);
            lastNs = now;
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - available) / ratePerNs / 1e9));
        }
    }

    RateLimiter(double ratePerSecond) {
        this.ratePerNs = ratePerSecond / 1e9;
        this.burst = Math.max(1, 2 * ratePerSecond);
    }

    /** 0 if the token may send a request now, else the seconds for {@code Retry-After}. */
    long take(String handle) {
        return buckets.computeIfAbsent(handle, h -> new Bucket()).take();
    }
}
