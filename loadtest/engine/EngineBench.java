import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TransferRequest;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.engine.Engine;
import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.pg.PgJournal;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine with the file journal (fsync on every batch), or with PostgreSQL when {@code LEDGER_PG_URL} is set,
 * fed in-process by concurrent producers, no HTTP.
 * Each producer sends commands of {@code perCommand} transfers between 10,000 accounts, keeping a bounded number in
 * flight. Prints one JSON line last. Usage: EngineBench [seconds] [producers] [perCommand] [dataDir]
 */
public class EngineBench {
    static final int ACCOUNTS = 10_000;
    static final String MEMBER = "bench-business";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int perCommand = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean ownData = args.length <= 3;
        Path data = ownData ? Files.createTempDirectory("engine-bench") : Path.of(args[3]);
        LedgerConfig config = LedgerConfigFile.load(Path.of("config", "ledger.json"));
        long[] batchNs = new long[1 << 22];
        AtomicInteger batches = new AtomicInteger();
        LedgerKey key = LedgerKey.loadOrCreate(data);
        String pgUrl = System.getenv("LEDGER_PG_URL");
        Vertx vertx = pgUrl == null ? null : Vertx.vertx();
        String scenario = pgUrl == null ? "engine-file" : "engine-pg";
        Supplier<Journal> journal = pgUrl == null ? () -> new FileJournal(data, key) : () -> new PgJournal(vertx, pgUrl, key);
        Engine engine = Engine.start(config, journal,
                System::currentTimeMillis, 1 << 16, Engine.SNAPSHOT_EVERY_COMMANDS, (n, ns) -> {
                    int i = batches.getAndIncrement();
                    if (i < batchNs.length) batchNs[i] = ns;
                });
        String[] ids = setUp(engine);
        AtomicLong created = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[producers];
        long start = System.nanoTime();
        for (int p = 0; p < producers; p++) {
            int seed = p;
            threads[p] = new Thread(() -> produce(engine, ids, new SplittableRandom(seed), perCommand, deadline, created));
            threads[p].start();
        }
        for (Thread t : threads) t.join();
        long elapsedNs = System.nanoTime() - start;
        boolean ok = engine.read(l -> l.reconciliation(0).invariantsOk()).get();
        engine.close();
        if (vertx != null) vertx.close().await();
        if (ownData) deleteTree(data); // a run writes gigabytes
        int n = Math.min(batches.get(), batchNs.length);
        long[] sorted = Arrays.copyOf(batchNs, n);
        Arrays.sort(sorted);
        double p99 = sorted[(int) (n * 0.99)] / 1e6;
        long perSecond = created.get() * 1_000_000_000L / elapsedNs;
        System.out.printf("%,d transfers in %.1f s over %,d batches (%d producers, %d transfers per command), invariants %s%n",
                created.get(), elapsedNs / 1e9, n, producers, perCommand, ok ? "ok" : "BROKEN");
        if (!ok) System.exit(1);
        System.out.printf("{\"scenario\":\"%s\",\"transfers_per_s\":%d,\"batch_p99_ms\":%.2f}%n", scenario, perSecond,
                p99);
    }

    static void produce(Engine engine, String[] ids, SplittableRandom random, int perCommand, long deadline,
                        AtomicLong created) {
        Semaphore window = new Semaphore(20_000 / perCommand);
        while (System.nanoTime() < deadline) {
            TransferRequest[] ts = new TransferRequest[perCommand];
            for (int i = 0; i < perCommand; i++) {
                int d = random.nextInt(ACCOUNTS);
                int c = (d + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                ts[i] = new TransferRequest(random.nextLong(), random.nextLong(), ids[d], ids[c], 1 + random.nextInt(1000),
                        "MIE", null, null, 0);
            }
            window.acquireUninterruptibly();
            engine.submit(new SubmitTransfers(MEMBER, false, ts)).whenComplete((done, error) -> {
                window.release();
                if (error == null) {
                    for (TransferRequest t : done.transfers) if (t.result() == ResultCode.OK) created.incrementAndGet();
                }
            });
        }
        window.acquireUninterruptibly(20_000 / perCommand);
    }

    static String[] setUp(Engine engine) throws Exception {
        check(engine.submit(new CreateMember(MEMBER, "Bench", MemberKind.BUSINESS)));
        String[] ids = new String[ACCOUNTS];
        CompletableFuture<?>[] all = new CompletableFuture<?>[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            ids[i] = "mie:bench-" + i;
            all[i] = engine.submit(new CreateAccount(ids[i], MEMBER, "MIE", Limits.NO_FLOOR, Limits.NO_CEILING));
        }
        CompletableFuture.allOf(all).get();
        return ids;
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    static void check(CompletableFuture<? extends Command> f) throws Exception {
        if (f.get().result() != ResultCode.OK) throw new IllegalStateException(f.get().result().toString());
    }
}
