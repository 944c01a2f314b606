package fr.mlml.ledger.chaos;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks a service's {@code /health} once a second on a connection of its own while something else loads it, and
 * counts what a supervisor would see: the slowest answer, answers of a second or more, and failures. Figures for a
 * report, not for an assertion (a loaded machine's timings are not a test's outcome).
 */
final class HealthProbe {
    private static final long PERIOD_MS = 1_000;
    private static final long SLOW_MS = 1_000;

    private final Thread thread;
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong maxMs = new AtomicLong();
    private final AtomicLong slow = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    private HealthProbe(int port) {
        thread = new Thread(() -> probe(new ChaosHttp(port)), "health-probe");
        thread.setDaemon(true);
    }

    static HealthProbe start(int port) {
        HealthProbe p = new HealthProbe(port);
        p.thread.start();
        return p;
    }

    private void probe(ChaosHttp http) {
        while (running) {
            long start = System.nanoTime();
            ChaosHttp.Answer a = http.send("GET", "/health", null, null);
            long ms = (System.nanoTime() - start) / 1_000_000;
            probes.incrementAndGet();
            if (a == null || a.status() != 200) failed.incrementAndGet();
            if (ms >= SLOW_MS) slow.incrementAndGet();
            maxMs.accumulateAndGet(ms, Math::max);
            try {
                Thread.sleep(Math.max(0, PERIOD_MS - ms));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    long probes() {
        return probes.get();
    }

    long maxMs() {
        return maxMs.get();
    }

    long slow() {
        return slow.get();
    }

    long failed() {
        return failed.get();
    }
}
