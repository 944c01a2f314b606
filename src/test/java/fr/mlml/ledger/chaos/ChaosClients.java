package fr.mlml.ledger.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** One {@link ChaosClient} thread per member, each paying the next member, until told to stop. */
final class ChaosClients {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    ChaosClients(ChaosHttp http, ChaosBooks books, List<ChaosMember> members, Random random) {
        for (int i = 0; i < members.size(); i++) {
            ChaosClient c = new ChaosClient(http, books, members.get(i), members.get((i + 1) % members.size()),
                    random.nextLong(), stop::get);
            Thread t = new Thread(c, "chaos-client-" + i);
            threads.add(t);
            t.start();
        }
    }

    /** Each client ends the request (or hold and its resolution) it is on: it is answered before this returns. */
    void stopAndJoin() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(3));
            if (t.isAlive()) throw new AssertionError(t.getName() + " still waiting for an answer");
        }
    }
}
