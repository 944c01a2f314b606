package fr.mlml.loadtest;

import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The timed phase: keeps {@code concurrency} requests in flight, each answer sending the next pre-signed request,
 * until the duration is over or the requests run out; then waits for the last answers. Only timestamps and answers
 * are kept while it runs: answers are read afterwards, so the generator spends its CPU on sending.
 */
final class LoadRun {
    /** What happened to request {@code i}: when it was sent and answered (System.nanoTime), and the answer. */
    final long[] sentNs;
    final long[] answeredNs;
    final Reply[] replies;
    final long startNs;
    final long measureFromNs;
    long measureToNs;
    int sent;

    private final Api api;
    private final List<Workload.Signed> requests;
    private final String[] tokens;
    private final long deadlineNs;
    private final AtomicInteger next = new AtomicInteger();

    LoadRun(Api api, List<Workload.Signed> requests, String[] tokens, double warmupSeconds, double seconds) {
        this.api = api;
        this.requests = requests;
        this.tokens = tokens;
        this.sentNs = new long[requests.size()];
        this.answeredNs = new long[requests.size()];
        this.replies = new Reply[requests.size()];
        this.startNs = System.nanoTime();
        this.measureFromNs = startNs + (long) (warmupSeconds * 1e9);
        this.deadlineNs = measureFromNs + (long) (seconds * 1e9);
    }

    LoadRun run(int concurrency) throws InterruptedException {
        CountDownLatch idle = new CountDownLatch(concurrency);
        for (int slot = 0; slot < concurrency; slot++) api.onLoop(slot, () -> sendNext(idle));
        idle.await();
        sent = Math.min(next.get(), requests.size());
        long lastAnswer = 0;
        for (int i = 0; i < sent; i++) lastAnswer = Math.max(lastAnswer, answeredNs[i]);
        measureToNs = Math.min(deadlineNs, lastAnswer);
        return this;
    }

    private void sendNext(CountDownLatch idle) {
        int i = System.nanoTime() < deadlineNs ? next.getAndIncrement() : Integer.MAX_VALUE;
        if (i >= requests.size()) {
            idle.countDown();
            return;
        }
        Workload.Signed request = requests.get(i);
        sentNs[i] = System.nanoTime();
        api.send(HttpMethod.POST, "/v1/transfers", tokens[request.member()], request.body()).onComplete(done -> {
            answeredNs[i] = System.nanoTime();
            replies[i] = done.result();
            sendNext(idle);
        });
    }

    /** Whether request {@code i} counts in the throughput: answered between the warm-up's end and the deadline. */
    boolean answeredInWindow(int i) {
        return answeredNs[i] >= measureFromNs && answeredNs[i] <= measureToNs;
    }

    /** Whether request {@code i}'s latency counts: sent after the warm-up (every request sent is answered). */
    boolean sentAfterWarmup(int i) {
        return sentNs[i] >= measureFromNs;
    }

    double measuredSeconds() {
        return (measureToNs - measureFromNs) / 1e9;
    }
}
