package fr.mlml.ledger.core;

import fr.mlml.ledger.config.LedgerConfigFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A ledger built from {@code config/ledger.json} with an in-memory archive, a clock that only moves when a test says
 * so, and short ways to open members and accounts, issue MLC and send transfers.
 */
final class LedgerFixture {
    static final LedgerConfig CONFIG = LedgerConfigFile.load(Path.of("config/ledger.json"));
    static final long T0 = 1_700_000_000_000L;
    static final long SECOND_MS = 1_000L;
    static final long DAY_MS = 86_400_000L;

    /** The archive's contents: every record the core handed over when it forgot an id. */
    final Map<UUID, TransferRecord> archived = new HashMap<>();
    final Ledger ledger;
    long now = T0;
    private long nextId = 1;

    LedgerFixture() {
        this(CONFIG);
    }

    LedgerFixture(LedgerConfig config) {
        ledger = new Ledger(config, new TransferArchive() {
            @Override
            public TransferRecord find(long idHi, long idLo) {
                return archived.get(new UUID(idHi, idLo));
            }

            @Override
            public boolean keepsForgotten() {
                return true;
            }

            @Override
            public void forgotten(TransferRecord record) {
                archived.put(new UUID(record.idHi(), record.idLo()), record);
            }
        });
    }

    /** The shipped config with another number of recent ids kept in memory. */
    static LedgerConfig withCapacity(int recentTransfers) {
        return new LedgerConfig(CONFIG.currencies(), CONFIG.systemAccounts(), CONFIG.conversions(),
                CONFIG.negativePeriodDays(), recentTransfers);
    }

    // ---- time and ids ----

    void advanceMs(long ms) {
        now += ms;
    }

    void advanceSeconds(long s) {
        advanceMs(s * SECOND_MS);
    }

    void advanceDays(long days) {
        advanceMs(days * DAY_MS);
    }

    UUID newId() {
        return new UUID(0x0123_4567_89ab_4cdeL, 0x8000_0000_0000_0000L | nextId++);
    }

    // ---- commands ----

    /** Applies a command at the fixture's current time. */
    ResultCode apply(Command c) {
        c.setTimestampMs(now);
        return ledger.apply(c);
    }

    void member(String id, MemberKind kind) {
        assertEquals(ResultCode.OK, apply(new CreateMember(id, "Member " + id, kind)), "create member " + id);
    }

    void account(String id, String member, String currency) {
        account(id, member, currency, null, null);
    }

    void account(String id, String member, String currency, Long floor, Long ceiling) {
        assertEquals(ResultCode.OK, apply(new CreateAccount(id, member, currency, floor, ceiling)), "create " + id);
    }

    /** A business with {@code mie:<id>} and {@code mlc:<id>} at the default limits. */
    void business(String id) {
        member(id, MemberKind.BUSINESS);
        account("mie:" + id, id, "MIE");
        account("mlc:" + id, id, "MLC");
    }

    /** A citizen with {@code mlc:<id>}. */
    void citizen(String id) {
        member(id, MemberKind.CITIZEN);
        account("mlc:" + id, id, "MLC");
    }

    /** Euros received for a member: issued as MLC into its account. */
    void issue(String account, long amount) {
        UUID id = newId();
        assertEquals(ResultCode.OK, apply(new Issue(id.getMostSignificantBits(), id.getLeastSignificantBits(), account,
                amount, "exchange office")), "issue into " + account);
    }

    static TransferRequest request(UUID id, String debit, String credit, long amount, String currency) {
        return request(id, debit, credit, amount, currency, 0);
    }

    static TransferRequest request(UUID id, String debit, String credit, long amount, String currency, int timeoutS) {
        return new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(), debit, credit, amount,
                currency, null, null, timeoutS);
    }

    /** A transfer in the debit account's currency (MLC if the account is unknown), with a fresh id. */
    TransferRequest transfer(String debit, String credit, long amount) {
        return transfer(debit, credit, amount, 0);
    }

    TransferRequest transfer(String debit, String credit, long amount, int timeoutS) {
        return request(newId(), debit, credit, amount, currencyOf(debit), timeoutS);
    }

    /** A posted transfer that pays a payment request. */
    TransferRequest payment(String debit, String credit, long amount, String paymentRequest) {
        UUID id = newId();
        return new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(), debit, credit, amount,
                currencyOf(debit), null, paymentRequest, 0);
    }

    /** Submits transfers one by one (not atomic) on behalf of {@code actor}. */
    void submit(String actor, TransferRequest... ts) {
        apply(new SubmitTransfers(actor, false, ts));
    }

    void submitAtomic(String actor, TransferRequest... ts) {
        apply(new SubmitTransfers(actor, true, ts));
    }

    /** Sends one posted transfer and returns it with its outcome. */
    TransferRequest send(String actor, String debit, String credit, long amount) {
        TransferRequest t = transfer(debit, credit, amount);
        submit(actor, t);
        return t;
    }

    /** Sends one pending transfer (a hold) and returns it with its outcome. */
    TransferRequest hold(String actor, String debit, String credit, long amount, int timeoutS) {
        TransferRequest t = transfer(debit, credit, amount, timeoutS);
        submit(actor, t);
        return t;
    }

    ResolvePending post(String actor, TransferRequest t, long amount) {
        ResolvePending r = ResolvePending.post(actor, t.idHi, t.idLo, amount);
        apply(r);
        return r;
    }

    ResolvePending voiding(String actor, TransferRequest t) {
        ResolvePending r = ResolvePending.voiding(actor, t.idHi, t.idLo);
        apply(r);
        return r;
    }

    // ---- views ----

    AccountView view(String account) {
        return ledger.account(account);
    }

    long balance(String account) {
        return ledger.account(account).balance();
    }

    TransferRecord record(TransferRequest t) {
        return ledger.transfer(t.idHi, t.idLo);
    }

    TransferRecord record(UUID id) {
        return ledger.transfer(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    static UUID uuid(TransferRequest t) {
        return new UUID(t.idHi, t.idLo);
    }

    private String currencyOf(String account) {
        AccountView a = ledger.account(account);
        return a == null ? "MLC" : a.currency();
    }
}
