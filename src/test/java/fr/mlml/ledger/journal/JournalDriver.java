package fr.mlml.ledger.journal;

import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.ResolvePending;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TransferArchive;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Drives a real ledger batch by batch and appends each batch with its effects, as the engine does, keeping every
 * entry so a test knows what the journal's history must answer. The id log is as small as allowed (2,048), so a
 * few thousand transfers make the ledger forget ids to the journal's archive.
 */
public final class JournalDriver {
    public static final long T0 = 1_800_000_000_000L;
    public static final long MINUTE_MS = 60_000;
    public static final LedgerConfig CONFIG = smallLog(LedgerConfigFile.load(Path.of("config", "ledger.json")));
    public static final String[] ACCOUNTS = {"mlc:claire", "mlc:boulangerie", "mlc:brasserie"};

    /** Where batches go; a test may swap in the same journal reopened, and the driver carries on. */
    public Journal journal;
    public final Ledger ledger;
    public final List<Entry> entries = new ArrayList<>();
    public final List<TransferRecord> forgotten = new ArrayList<>();
    private final List<Entry> batchEntries = new ArrayList<>();
    private final List<TransferRecord> batchForgotten = new ArrayList<>();
    public long sequence;
    private long nextId = 1;

    public JournalDriver(Journal journal) {
        this.journal = journal;
        this.ledger = new Ledger(CONFIG, new TransferArchive() {
            @Override
            public TransferRecord find(long idHi, long idLo) {
                return JournalDriver.this.journal.archived(idHi, idLo);
            }

            @Override
            public boolean keepsForgotten() {
                return true;
            }

            @Override
            public void forgotten(TransferRecord record) {
                batchForgotten.add(record);
            }
        });
        ledger.onEntries(batchEntries::add);
    }

    private static LedgerConfig smallLog(LedgerConfig c) {
        return new LedgerConfig(c.currencies(), c.systemAccounts(), c.conversions(), c.negativePeriodDays(), 2048);
    }

    /** Applies the commands at {@code atMs} as batch {@code sequence + 1} and waits until it is durable. */
    void batch(long atMs, List<Command> commands) throws Exception {
        for (Command c : commands) {
            c.setTimestampMs(atMs);
            ledger.apply(c);
        }
        BatchEffects effects = new BatchEffects(atMs, List.copyOf(batchEntries), List.copyOf(batchForgotten),
                ledger.takeChangedAccounts());
        var durable = journal.append(++sequence, commands, effects);
        for (TransferRecord r : effects.forgotten()) {
            assertEquals(r, journal.archived(r.idHi(), r.idLo()), "a forgotten id is found before it is durable");
        }
        durable.get(60, TimeUnit.SECONDS);
        entries.addAll(batchEntries);
        forgotten.addAll(batchForgotten);
        batchEntries.clear();
        batchForgotten.clear();
    }

    /** Members, accounts and 1,000,000 MLC issued to Claire, in the first batch. */
    public void setUp() throws Exception {
        batch(T0, List.of(new CreateMember("claire", "Claire", MemberKind.CITIZEN),
                new CreateMember("boulangerie", "Boulangerie Dupont", MemberKind.BUSINESS),
                new CreateMember("brasserie", "Brasserie du Nord", MemberKind.BUSINESS),
                new CreateAccount(ACCOUNTS[0], "claire", "MLC", null, null),
                new CreateAccount(ACCOUNTS[1], "boulangerie", "MLC", null, null),
                new CreateAccount(ACCOUNTS[2], "brasserie", "MLC", null, null),
                new Issue(0, nextId++, ACCOUNTS[0], 1_000_000, "bureau de change")));
    }

    /**
     * {@code batches} more batches a minute apart, each with 100 payments around the three accounts, a hold, and
     * the capture or void of the previous batch's hold.
     */
    public void trade(int batches) throws Exception {
        for (int b = 0; b < batches; b++) {
            List<Command> commands = new ArrayList<>();
            for (int k = 0; k < 100; k++) {
                int from = k % 3;
                String[] owner = {"claire", "boulangerie", "brasserie"};
                commands.add(new SubmitTransfers(owner[from], false, new TransferRequest(0, nextId++, ACCOUNTS[from],
                        ACCOUNTS[(from + 1) % 3], 100 + k, "MLC", k % 10 == 0 ? "facture " + k : null, null, 0)));
            }
            long hold = nextId++;
            commands.add(new SubmitTransfers("claire", false, new TransferRequest(0, hold, ACCOUNTS[0], ACCOUNTS[1],
                    5_000, "MLC", "caution", null, 3_600)));
            if (b % 2 == 0) commands.add(ResolvePending.post("boulangerie", 0, hold, 3_000));
            else commands.add(ResolvePending.voiding("claire", 0, hold));
            batch(T0 + (sequence + 1) * MINUTE_MS, commands);
        }
    }

    /** The entries of an account, oldest first. */
    public List<Entry> entriesOf(String account) {
        return entries.stream().filter(e -> e.debitAccount().equals(account) || e.creditAccount().equals(account))
                .toList();
    }
}
