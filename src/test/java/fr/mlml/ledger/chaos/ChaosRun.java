package fr.mlml.ledger.chaos;

import fr.mlml.ledger.journal.PgTestServer;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The bank test under faults: a real service process, {@link #CLIENTS} concurrent clients, and per cycle one fault
 * at a random moment while they work. On the file journal the fault is SIGKILL and a restart on the same data; on
 * PostgreSQL it rotates between that, a crash-restart of PostgreSQL itself, and its connections cut by
 * {@code pg_terminate_backend}, both of which the service must survive by itself (fail-stop, recovery from the
 * journal; clients see 503 or nothing meanwhile and retry). After each fault every request is answered, then
 * {@link ChaosChecks} runs.
 */
final class ChaosRun {
    static final int CLIENTS = 4;

    enum Fault { KILL_SERVICE, RESTART_POSTGRES, TERMINATE_CONNECTIONS }

    private final Path dir;
    private final String pgUrl;
    private final int cycles;
    private final Random random;
    private final ChaosBooks books = new ChaosBooks();
    private final ChaosChecks checks;

    /** {@code pgUrl} null: the file journal. */
    ChaosRun(Path dir, String pgUrl, int cycles, long seed) {
        this.dir = dir;
        this.pgUrl = pgUrl;
        this.cycles = cycles;
        this.random = new Random(seed);
        this.checks = new ChaosChecks(books, random);
    }

    ChaosReport run() throws Exception {
        ServiceProcess service = new ServiceProcess(dir, pgUrl);
        ChaosHttp http = new ChaosHttp(service.port);
        service.start();
        try {
            service.awaitReady(http);
            List<ChaosMember> members = ChaosMember.openAll(http, CLIENTS, books);
            for (int cycle = 1; cycle <= cycles; cycle++) {
                cycle(cycle, service, http, members);
            }
        } catch (AssertionError e) {
            books.problem(e.getMessage());
        } finally {
            service.stop();
        }
        return new ChaosReport(pgUrl == null ? "file" : "postgres", cycles, books.requests(), books.acknowledged(),
                books.retried(), checks.lost(), books.doubles(), books.problems());
    }

    private void cycle(int cycle, ServiceProcess service, ChaosHttp http, List<ChaosMember> members) throws Exception {
        ChaosClients clients = new ChaosClients(http, books, members, random);
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
        clients.stopAndJoin();
        if (!service.alive()) throw new AssertionError("the service died after " + fault + ": " + service.logTail());
        long checkStartNs = System.nanoTime();
        checks.check("cycle " + cycle + " (" + fault + ")", http);
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
}
