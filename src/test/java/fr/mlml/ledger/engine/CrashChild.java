package fr.mlml.ledger.engine;

import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TransferRequest;
import fr.mlml.ledger.crypto.LedgerKey;
import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.pg.PgJournal;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The process {@link CrashRecoveryTest} kills: an engine on a file journal taking atomic pairs of transfers
 * (citizen → shop, shop → citizen) as fast as it can, printing {@code ACK <n>} for each pair only once the engine
 * acknowledged it. Arguments: data dir, run number (the high half of every id it sends), and a PostgreSQL URL to use
 * the PostgreSQL journal instead of the file journal.
 */
public final class CrashChild {
    static final long T0 = 1_800_000_000_000L;
    /** Often enough that most kills land between snapshots, so restarts start from one and replay a tail. */
    static final long SNAPSHOT_EVERY_COMMANDS = 3_000;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long run = Long.parseLong(args[1]);
        LedgerConfig config = LedgerConfigFile.load(Path.of("config", "ledger.json"));
        LedgerKey key = LedgerKey.loadOrCreate(data);
        Supplier<Journal> journal = args.length > 2
                ? () -> new PgJournal(Vertx.vertx(), args[2], key) : () -> new FileJournal(data, key);
        Engine engine = Engine.start(config, journal, System::currentTimeMillis, 4096, SNAPSHOT_EVERY_COMMANDS,
                BatchObserver.NONE);
        engine.submit(new CreateMember("claire", "Claire", MemberKind.CITIZEN)).get();
        engine.submit(new CreateMember("shop", "Shop", MemberKind.BUSINESS)).get();
        engine.submit(new CreateAccount("mlc:claire", "claire", "MLC", null, null)).get();
        engine.submit(new CreateAccount("mlc:shop", "shop", "MLC", null, null)).get();
        engine.submit(new Issue(0, 1, "mlc:claire", 1_000_000, "seed")).get();
        PrintStream out = new PrintStream(System.out, false);
        out.println("READY");
        out.flush();
        Semaphore window = new Semaphore(256);
        for (long n = 1; ; n++) {
            long pair = n;
            window.acquire();
            engine.submit(new SubmitTransfers("claire", true,
                    new TransferRequest(run, 2 * pair, "mlc:claire", "mlc:shop", 7, "MLC", null, null, 0),
                    new TransferRequest(run, 2 * pair + 1, "mlc:claire", "mlc:shop", 3, "MLC", null, null, 0)))
                    .whenComplete((c, e) -> {
                        window.release();
                        if (e == null && c.transfers[0].result() == ResultCode.OK) {
                            synchronized (out) {
                                out.println("ACK " + pair);
                                out.flush();
                            }
                        }
                    });
        }
    }
}
