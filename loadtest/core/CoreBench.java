import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TransferArchive;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRequest;

import java.util.SplittableRandom;

/**
 * The core alone, on one thread: 10,000 MIE accounts, commands of 1,000 transfers (a batch request), new ids only.
 * Once with accounts chosen uniformly, once with 80% of transfers touching one of 10 hot accounts.
 * Run by {@code loadtest/bench core}; prints one JSON line last.
 */
public class CoreBench {
    static final int ACCOUNTS = 10_000;
    static final int PER_COMMAND = 1_000;
    static final String MEMBER = "bench-business";

    public static void main(String[] args) {
        int transfers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        long uniform = run(transfers, false);
        long hot = run(transfers, true);
        System.out.printf("{\"scenario\":\"core\",\"transfers_per_s\":%d,\"hot_transfers_per_s\":%d}%n", uniform, hot);
    }

    static long run(int transfers, boolean hot) {
        LedgerConfig config = LedgerConfigFile.load(java.nio.file.Path.of("config", "ledger.json"));
        // Ids older than the recent window are not looked up again here: nothing is retried in this run.
        TransferArchive forgetful = new TransferArchive() {
            @Override
            public TransferRecord find(long hi, long lo) {
                return null;
            }
        };
        Ledger ledger = new Ledger(config, forgetful);
        apply(ledger, new CreateMember(MEMBER, "Bench", MemberKind.BUSINESS));
        String[] ids = new String[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            ids[i] = "mie:bench-" + i;
            apply(ledger, new CreateAccount(ids[i], MEMBER, "MIE", Limits.NO_FLOOR, Limits.NO_CEILING));
        }
        SplittableRandom random = new SplittableRandom(hot ? 2 : 1);
        int warmup = Math.min(2_000_000, transfers / 5);
        applyAll(ledger, commands(random, ids, warmup, hot));
        SubmitTransfers[] measured = commands(random, ids, transfers, hot);
        long start = System.nanoTime();
        applyAll(ledger, measured);
        long elapsedNs = System.nanoTime() - start;
        int created = 0;
        for (SubmitTransfers c : measured) {
            for (TransferRequest t : c.transfers) if (t.result() == ResultCode.OK) created++;
        }
        if (created != transfers) throw new IllegalStateException("only " + created + " of " + transfers + " created");
        if (!ledger.reconciliation(0).invariantsOk()) throw new IllegalStateException("invariants broken");
        long perSecond = transfers * 1_000_000_000L / elapsedNs;
        System.out.printf("%s: %,d transfers in %.3f s = %,d transfers/s%n", hot ? "hot" : "uniform", transfers,
                elapsedNs / 1e9, perSecond);
        return perSecond;
    }

    static SubmitTransfers[] commands(SplittableRandom random, String[] ids, int transfers, boolean hot) {
        SubmitTransfers[] out = new SubmitTransfers[transfers / PER_COMMAND];
        for (int c = 0; c < out.length; c++) {
            TransferRequest[] batch = new TransferRequest[PER_COMMAND];
            for (int i = 0; i < PER_COMMAND; i++) {
                int debit = pick(random, hot);
                int credit = pick(random, hot);
                if (credit == debit) credit = (credit + 1) % ACCOUNTS;
                batch[i] = new TransferRequest(random.nextLong(), random.nextLong(), ids[debit], ids[credit],
                        1 + random.nextInt(100_000), "MIE", null, null, 0);
            }
            out[c] = new SubmitTransfers(MEMBER, false, batch);
        }
        return out;
    }

    static int pick(SplittableRandom random, boolean hot) {
        return hot && random.nextInt(10) < 8 ? random.nextInt(10) : random.nextInt(ACCOUNTS);
    }

    static void applyAll(Ledger ledger, SubmitTransfers[] commands) {
        long now = 1_800_000_000_000L;
        for (SubmitTransfers c : commands) {
            c.setTimestampMs(now++);
            ledger.apply(c);
        }
    }

    static void apply(Ledger ledger, fr.mlml.ledger.core.Command c) {
        c.setTimestampMs(1_800_000_000_000L);
        if (ledger.apply(c) != ResultCode.OK) throw new IllegalStateException(c + ": " + c.result());
    }
}
