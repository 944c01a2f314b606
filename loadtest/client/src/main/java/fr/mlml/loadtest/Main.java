package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The load generator. {@code run}: sets a population up through the API, pre-signs the workload, runs the timed
 * phase against 127.0.0.1, reads the answers, checks the ledger, prints one JSON line last (exit 1 when a check
 * fails). {@code verify-limit}: Ed25519 verifications per second on all cores. {@code chart}: the sweep's PNG.
 */
public final class Main {
    /**
     * The default warm-up: the service's JIT compiler works for about 20 s of load before it is done (it took most of
     * a core over a 3-second warm-up, and the figures measured it rather than the service).
     */
    private static final double WARMUP_S = 20;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: run --scenario s --port p [--mode batch|single] [--mix uniform|hot] [--concurrency c]"
                    + " [--seconds s] [--warmup s] [--requests n] [--accounts n] [--members n] [--event-loops n]"
                    + "\n       events --port p [--concurrency c] [--seconds s] [--warmup s] [--requests n]"
                    + "\n       verify-limit [--seconds s]\n       chart --in sweep.jsonl --out chart.png");
            System.exit(2);
        }
        Args options = new Args(args, 1);
        switch (args[0]) {
            case "run" -> System.exit(run(options));
            case "events" -> System.exit(EventsRun.main(options));
            case "verify-limit" -> VerifyLimit.main(options);
            case "chart" -> Chart.main(options);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static int run(Args options) throws Exception {
        boolean batch = options.text("mode", "batch").equals("batch");
        boolean hot = options.text("mix", "hot").equals("hot");
        int concurrency = options.integer("concurrency", batch ? 16 : 64);
        int perRequest = batch ? 1_000 : 1;
        // Enough for the warm-up and the measured seconds at the rates reached on the benchmark machine.
        int requests = options.integer("requests", batch ? 8_000 : 500_000);
        long seed = Long.parseLong(options.text("seed", "20261123"));
        ObjectNode line = Api.JSON.createObjectNode()
                .put("scenario", options.required("scenario")).put("mix", hot ? "hot" : "uniform")
                .put("transfers_per_request", perRequest).put("concurrency", concurrency);
        int eventLoops = options.integer("event-loops", 2);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        try {
            Prepared prepared = prepare(vertx, options, concurrency, eventLoops, requests, perRequest, hot, seed);
            Api api = prepared.api();
            String adminToken = prepared.adminToken();
            List<Workload.Signed> signed = prepared.signed();
            LoadRun run = new LoadRun(api, signed, prepared.population().tokens, options.decimal("warmup", WARMUP_S),
                    options.decimal("seconds", 10)).run(concurrency);
            Tally tally = new Tally(run, 100, seed + 1);
            double seconds = run.measuredSeconds();
            line.put("transfers_per_s", Math.round(tally.createdInWindow / seconds))
                    .put("requests_per_s", Math.round(tally.answeredInWindow / seconds))
                    .put("p50_ms", ms(tally.latencyUs.getValueAtPercentile(50)))
                    .put("p99_ms", ms(tally.latencyUs.getValueAtPercentile(99)))
                    .put("p999_ms", ms(tally.latencyUs.getValueAtPercentile(99.9)))
                    .put("seconds", Math.round(seconds * 100) / 100.0)
                    .put("requests_sent", run.sent).put("transfers_created", tally.created).put("exists", tally.exists);
            line.putPOJO("refused_requests", tally.refusedRequests).putPOJO("rejected_transfers", tally.rejectedTransfers);
            if (run.sent == signed.size()) System.err.println("every pre-signed request was sent before the deadline: raise --requests");
            new Checks(api, adminToken).all(tally, signed);
            line.put("checks", "ok");
            System.out.println(Api.JSON.writeValueAsString(line));
            return 0;
        } catch (CheckFailed failure) {
            System.err.println("check failed: " + failure.getMessage());
            line.put("checks", "failed").put("failure", failure.getMessage());
            System.out.println(Api.JSON.writeValueAsString(line));
            return 1;
        } finally {
            vertx.close();
        }
    }

    /** A service set up through its API with a funded population, and the workload pre-signed for it. */
    record Prepared(Api api, String adminToken, Population population, List<Workload.Signed> signed) {
    }

    static Prepared prepare(Vertx vertx, Args options, int concurrency, int eventLoops, int requests, int perRequest,
                            boolean hot, long seed) throws Exception {
        Api api = new Api(vertx, Integer.parseInt(options.required("port")), concurrency, eventLoops);
        String adminToken = adminToken(options);
        Population population = new Population(options.integer("members", 10), options.integer("accounts", 10_000));
        Setup setup = new Setup(api, adminToken);
        long t0 = System.nanoTime();
        setup.membersAndAccounts(population);
        Workload workload = new Workload(population, hot);
        long t1 = System.nanoTime();
        List<Workload.Signed> signed = workload.generate(requests, perRequest, seed);
        long t2 = System.nanoTime();
        setup.fund(population, workload, seed - 1);
        System.err.printf("set up %d members and %d accounts in %.1f s; signed %d requests in %.1f s%n",
                population.members, population.accounts, (t1 - t0 + System.nanoTime() - t2) / 1e9, requests, (t2 - t1) / 1e9);
        return new Prepared(api, adminToken, population, signed);
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    /** LEDGER_ADMIN_TOKEN as the service reads it, else the token the service wrote into its data directory. */
    private static String adminToken(Args options) throws Exception {
        String token = System.getenv("LEDGER_ADMIN_TOKEN");
        if (token != null && !token.isBlank()) return token.strip();
        return Files.readString(Path.of(options.required("data-dir"), "admin-token")).strip();
    }
}
