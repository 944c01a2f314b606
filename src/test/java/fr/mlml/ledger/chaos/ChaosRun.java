package fr.mlml.ledger.chaos;

import fr.mlml.ledger.journal.PgTestServer;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static fr.mlml.ledger.chaos.ServiceProcess.ADMIN;

/**
 * The bank test under faults: a real service process, {@link #CLIENTS} concurrent clients, and per cycle one fault
 * at a random moment while they work. On the file journal the fault is SIGKILL and a restart on the same data; on
 * PostgreSQL it rotates between that, a crash-restart of PostgreSQL itself, and its connections cut by
 * {@code pg_terminate_backend}, both of which the service must survive by itself (fail-stop, recovery from the
 * journal; clients see 503 or nothing meanwhile and retry). After each fault every request is answered, then:
 * every transfer acknowledged in the cycle (and a sample of older ones) reads back in its state, the requests that
 * needed a retry (and a sample of others) sent once more answer {@code exists}, every client account shows exactly
 * the balance its answers add up to with nothing left pending, the books reconcile and the audit chain verifies.
 */
final class ChaosRun {
    static final int CLIENTS = 4;
    private static final int OLDER_IDS_SAMPLE = 50;
    private static final int REPLAY_SAMPLE = 10;

    enum Fault { KILL_SERVICE, RESTART_POSTGRES, TERMINATE_CONNECTIONS }

    private final Path dir;
    private final String pgUrl;
    private final int cycles;
    private final Random random;
    private final ChaosBooks books = new ChaosBooks();
    private long lost;

    /** {@code pgUrl} null: the file journal. */
    ChaosRun(Path dir, String pgUrl, int cycles, long seed) {
        this.dir = dir;
        this.pgUrl = pgUrl;
        this.cycles = cycles;
        this.random = new Random(seed);
    }

    ChaosReport run() throws Exception {
        ServiceProcess service = new ServiceProcess(dir, pgUrl);
        ChaosHttp http = new ChaosHttp(service.port);
        service.start();
        try {
            service.awaitReady(http);
            List<ChaosMember> members = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                ChaosMember m = ChaosMember.open(http, i);
                for (String account : m.accounts()) books.open(account, account.startsWith("mie:") ? 0 : ChaosMember.FUNDING);
                members.add(m);
            }
            for (int cycle = 1; cycle <= cycles; cycle++) {
                cycle(cycle, service, http, members);
            }
        } catch (AssertionError e) {
            books.problem(e.getMessage());
        } finally {
            service.stop();
        }
        return new ChaosReport(pgUrl == null ? "file" : "postgres", cycles, books.requests(), books.acknowledged(),
                books.retried(), lost, books.doubles(), books.problems());
    }

    private void cycle(int cycle, ServiceProcess service, ChaosHttp http, List<ChaosMember> members) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ChaosClient c = new ChaosClient(http, books, members.get(i), members.get((i + 1) % members.size()),
                    random.nextLong(), stop::get);
            Thread t = new Thread(c, "chaos-client-" + i);
            clients.add(t);
            t.start();
        }
        Thread.sleep(200 + random.nextInt(1_000));
        Fault fault = fault(cycle);
        long faultNs = System.nanoTime();
        switch (fault) {
            case KILL_SERVICE -> {
                service.kill();
                service.start();
            }
            case RESTART_POSTGRES -> PgTestServer.restart(200 + random.nextInt(800));
            case TERMINATE_CONNECTIONS -> PgTestServer.execute(pgUrl, "SELECT pg_terminate_backend(pid) FROM"
                    + " pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
        // The clients keep sending through the outage and after it: their retries meet the recovered service.
        service.awaitReady(http);
        long outageMs = (System.nanoTime() - faultNs) / 1_000_000;
        Thread.sleep(300);
        stop.set(true);
        for (Thread t : clients) {
            t.join(TimeUnit.MINUTES.toMillis(3));
            if (t.isAlive()) throw new AssertionError(t.getName() + " still waiting for an answer after cycle " + cycle);
        }
        if (!service.alive()) throw new AssertionError("the service died after " + fault + ": " + service.logTail());
        long checkStartNs = System.nanoTime();
        check(cycle + " (" + fault + ")", http);
        System.out.printf("chaos %s cycle %d: %s, ready again after %d ms, %d requests so far, checked in %d ms%n",
                pgUrl == null ? "file" : "postgres", cycle, fault, outageMs, books.requests(),
                (System.nanoTime() - checkStartNs) / 1_000_000);
    }

    /** The file journal knows one fault; PostgreSQL rotates through three (a given server is never restarted). */
    private Fault fault(int cycle) throws Exception {
        if (pgUrl == null) return Fault.KILL_SERVICE;
        Fault f = Fault.values()[(cycle - 1) % Fault.values().length];
        return f == Fault.RESTART_POSTGRES && !PgTestServer.restartable() ? Fault.KILL_SERVICE : f;
    }

    private void check(String cycle, ChaosHttp http) {
        ChaosBooks.Cycle done = books.takeCycle();
        Map<String, String> statuses = books.statuses();
        List<String> ids = new ArrayList<>(done.touched());
        List<String> all = books.allIds();
        for (int i = 0; i < OLDER_IDS_SAMPLE && !all.isEmpty(); i++) ids.add(all.get(random.nextInt(all.size())));
        for (String id : ids) {
            ChaosHttp.Answer a = read(http, "/v1/transfers/" + id);
            String state = a.status() == 200 ? a.json().getString("status") : a.status() + " " + a.text();
            if (!state.equals(statuses.get(id))) {
                lost++;
                books.problem("cycle " + cycle + ": transfer " + id + " acknowledged " + statuses.get(id)
                        + ", reads back " + state);
            }
        }
        List<ChaosOp> replays = new ArrayList<>(done.retried());
        List<ChaosOp> others = new ArrayList<>(done.acknowledged());
        Collections.shuffle(others, random);
        replays.addAll(others.subList(0, Math.min(REPLAY_SAMPLE, others.size())));
        for (ChaosOp op : replays) {
            if (op.idempotentById()) replay(cycle, http, op);
        }
        for (Map.Entry<String, Long> account : books.balances().entrySet()) {
            JsonObject a = read(http, "/v1/accounts/" + account.getKey()).json();
            if (a.getLong("balance") != account.getValue().longValue() || a.getLong("debits_pending") != 0
                    || a.getLong("credits_pending") != 0) {
                books.problem("cycle " + cycle + ": " + account.getKey() + " should hold " + account.getValue()
                        + " with nothing pending, is " + a.encode());
            }
        }
        JsonObject reconciliation = read(http, "/v1/reconciliation").json();
        boolean balanced = reconciliation.getBoolean("invariants_ok", false);
        for (Object o : reconciliation.getJsonArray("currencies")) {
            JsonObject c = (JsonObject) o;
            balanced &= c.getLong("sum_of_balances") == 0
                    && (!c.getString("currency").equals("MLC") || "1".equals(c.getString("backing_ratio")));
        }
        if (!balanced) books.problem("cycle " + cycle + ": the books do not reconcile: " + reconciliation.encode());
        JsonObject verified = read(http, "/v1/audit/verify").json();
        if (!verified.getBoolean("ok", false)) {
            books.problem("cycle " + cycle + ": the audit chain does not verify: " + verified.encode());
        }
    }

    /** The same bytes once more: every id in it must answer {@code exists}; {@code created} would be a double. */
    private void replay(String cycle, ChaosHttp http, ChaosOp op) {
        ChaosHttp.Answer a = ChaosClient.answered(http, "POST", op.path(), op.token(), op.body()).answer();
        List<JsonObject> outcomes = new ArrayList<>();
        if (a.status() == 200 && op.kind() == ChaosOp.Kind.TRANSFERS) {
            a.json().getJsonArray("results").forEach(o -> outcomes.add((JsonObject) o));
        } else if (a.status() == 200) {
            outcomes.add(a.json());
        }
        for (JsonObject o : outcomes) {
            if ("created".equals(o.getString("status"))) {
                books.doubled("cycle " + cycle + ": sent again, " + o.getString("id") + " was created twice");
            } else if (!"exists".equals(o.getString("status"))) {
                books.problem("cycle " + cycle + ": sent again, " + o.encode());
            }
        }
        if (outcomes.isEmpty()) books.problem("cycle " + cycle + ": sent again, answered " + a.status() + " " + a.text());
    }

    private static ChaosHttp.Answer read(ChaosHttp http, String path) {
        return ChaosClient.answered(http, "GET", path, ADMIN, null).answer();
    }
}
