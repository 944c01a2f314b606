package fr.mlml.ledger.core;

import fr.mlml.ledger.config.LedgerConfigFile;
import org.quicktheories.api.Pair;
import org.quicktheories.core.DetatchedRandomnessSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.impl.Constraint;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random operation sequences for the property tests of the core: QuickTheories generates a {@link Sequence} of
 * {@link Op}s (a kind, a seed and a main amount), and {@link #materialize} turns it, deterministically, into the
 * ledger commands with their timestamps. Same QuickTheories seed, same sequences, same commands.
 *
 * <p>Ids come from small pools so that collisions and conflicts happen often: eight members (plus invalid ids), their
 * MIE and MLC accounts (plus refused, unknown and system ones), 64 shared transfer/group ids (plus fresh ones), eight
 * payment request ids. The sequences cover members of every kind, accounts in every currency (EUR and unknown ones
 * refused), limit changes, freezes and closes, issuance, posted and pending transfers, posts (full, partial, too
 * much), voids, time advancing past deadlines (often exactly onto them), atomic groups (some failing), conversions of
 * the three pairs (over the cap, the pool, not allowed), cap overrides, payment requests paid or mismatched, replays
 * of earlier commands with the same and with changed fields, ids of conversion legs reused by transfers, and invalid
 * amounts (0, negative, near {@code Long.MAX_VALUE} to provoke overflow). Now and then a "filler" batch of hundreds of
 * transfers pushes old ids out of the 2,048 recent ids kept in memory into the {@link MapArchive}.
 */
public final class LedgerOps {
    public static final long T0 = 1_700_000_000_000L;
    static final long DAY_MS = 86_400_000L;
    /** The shipped config with the smallest ring of recent ids, so that long sequences evict ids to the archive. */
    public static final LedgerConfig CONFIG = withCapacity(LedgerConfigFile.load(Path.of("config/ledger.json")),
            LedgerConfig.MIN_RECENT_CAPACITY);

    static final int MEMBERS = 8;
    static final MemberKind[] NATURAL_KIND = {MemberKind.BUSINESS, MemberKind.BUSINESS, MemberKind.BUSINESS,
            MemberKind.CITIZEN, MemberKind.CITIZEN, MemberKind.ASSOCIATION, MemberKind.PUBLIC_BODY, MemberKind.BUSINESS};
    static final String[] BAD_MEMBER_IDS = {"M8", "", "-m9", "m 10"};
    static final String[] SYSTEM_ACCOUNTS = {"eur:world", "eur:reserve", "mlc:issuance", "mlc:fees", "mie:fees",
            "mlc:conversion", "mie:conversion"};
    static final String[] ODD_ACCOUNTS = {"mie:ghost", "eur:m0", "mlc:m0.b", "mlc:m3.b", "Bad Id", "mie:m9"};
    static final String[] CURRENCIES = {"MIE", "MLC", "EUR", "XYZ"};
    static final int ID_POOL = 48;
    static final String[] REQUEST_IDS = new String[24];

    static {
        for (int i = 0; i < REQUEST_IDS.length; i++) REQUEST_IDS[i] = "pr" + i;
    }
    private static final long POOL_HI = 0x00C0FFEE00004000L;
    private static final long FRESH_HI = 0x00F2E5E000004000L;
    private static final long LO_VARIANT = 0x8000000000000000L;

    private LedgerOps() {
    }

    static LedgerConfig withCapacity(LedgerConfig c, int capacity) {
        return new LedgerConfig(c.currencies(), c.systemAccounts(), c.conversions(), c.negativePeriodDays(), capacity);
    }

    static Ledger newLedger() {
        return new Ledger(CONFIG, new MapArchive());
    }

    /** The test archive: keeps every record the core forgets, in a HashMap. */
    public static class MapArchive implements TransferArchive {
        final Map<UUID, TransferRecord> records = new HashMap<>();

        @Override
        public TransferRecord find(long idHi, long idLo) {
            return records.get(new UUID(idHi, idLo));
        }

        @Override
        public boolean keepsForgotten() {
            return true;
        }

        @Override
        public void forgotten(TransferRecord record) {
            records.put(new UUID(record.idHi(), record.idLo()), record);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Generation
    // ---------------------------------------------------------------------------------------------------------------

    enum Kind {
        MEMBER, ACCOUNT, LIMITS, STATUS, CAPS, ISSUE, TRANSFER, BATCH, ATOMIC, HOLD, RESOLVE, CONVERT, REQUEST, PAY,
        ADVANCE, TICK, REPLAY, FILLER, LEG_ID
    }

    /** One operation: what to do, a seed for its choices and its main amount. */
    record Op(Kind kind, int seed, long amount) {
        @Override
        public String toString() {
            return kind + "(" + seed + "," + amount + ")";
        }
    }

    /** A setup (members, accounts, issuance) and then the operations proper. */
    record Sequence(List<Op> setup, List<Op> main) {
        int size() {
            return setup.size() + main.size();
        }
    }

    /** Amounts: mostly ordinary, some large, and the edges (0, negative, near Long.MAX_VALUE, fee rounding). */
    static Gen<Long> amounts() {
        return Generate.frequency(List.of(
                Pair.of(50, Generate.longRange(1, 5_000)),
                Pair.of(20, Generate.longRange(5_001, 300_000)),
                Pair.of(8, Generate.longRange(300_001, 3_000_000)),
                Pair.of(14, Generate.pick(List.of(0L, -1L, -500L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1,
                        Long.MAX_VALUE / 2 + 1, ConversionProcessor.MAX_AMOUNT, ConversionProcessor.MAX_AMOUNT + 1, 1L,
                        19L, 20L, 21L, 100_000L, 500_000L, 1_000_000L))),
                Pair.of(8, Generate.longRange(1_000_000_000L, 4_000_000_000_000_000_000L))));
    }

    private static Gen<Kind> kinds(List<Pair<Integer, Kind>> weights) {
        List<Pair<Integer, Gen<Kind>>> gens = new ArrayList<>();
        for (Pair<Integer, Kind> w : weights) gens.add(Pair.of(w._1, Generate.constant(w._2)));
        return Generate.frequency(gens);
    }

    /** Setup: the first eight ops open one member each (kind and limits varied by the op), the others issue MLC. */
    static Gen<Op> setupOps() {
        return Generate.constant(Kind.MEMBER).zip(integers().all(), amounts(), Op::new);
    }

    static Gen<Op> mainOps() {
        Gen<Kind> kind = kinds(List.of(
                Pair.of(2, Kind.MEMBER), Pair.of(4, Kind.ACCOUNT), Pair.of(4, Kind.LIMITS), Pair.of(3, Kind.STATUS),
                Pair.of(3, Kind.CAPS), Pair.of(7, Kind.ISSUE), Pair.of(14, Kind.TRANSFER), Pair.of(5, Kind.BATCH),
                Pair.of(7, Kind.ATOMIC), Pair.of(8, Kind.HOLD), Pair.of(9, Kind.RESOLVE), Pair.of(11, Kind.CONVERT),
                Pair.of(3, Kind.REQUEST), Pair.of(4, Kind.PAY), Pair.of(9, Kind.ADVANCE), Pair.of(2, Kind.TICK),
                Pair.of(7, Kind.REPLAY), Pair.of(2, Kind.FILLER), Pair.of(2, Kind.LEG_ID)));
        return kind.zip(integers().all(), amounts(), Op::new);
    }

    /** Sequences of at least a few hundred operations. */
    static Gen<Sequence> sequences() {
        return lists().of(setupOps()).ofSizeBetween(MEMBERS + 4, MEMBERS + 12)
                .zip(lists().of(mainOps()).ofSizeBetween(300, 380), Sequence::new)
                .describedAs(s -> "a sequence of " + s.size() + " ops (" + s.setup().size() + " to set up)");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Materialization: ops to commands
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The commands of one sequence drawn from {@code seed} alone, for tests that run many sequences and must replay
     * one of them from its seed (a QuickTheories run draws every example from one seed).
     */
    public static List<Command> commands(long seed) {
        return materialize(sequences().generate(new SeededSource(seed)));
    }

    /**
     * What QuickTheories' generators draw, from a {@link SplittableRandom}. The bounds of a draw are package-private
     * in QuickTheories, so they are read by reflection.
     */
    private static final class SeededSource implements DetatchedRandomnessSource {
        private static final Method MIN = bound("min");
        private static final Method MAX = bound("max");
        private final SplittableRandom random;

        SeededSource(long seed) {
            random = new SplittableRandom(seed);
        }

        private static Method bound(String name) {
            try {
                Method m = Constraint.class.getDeclaredMethod(name);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("QuickTheories' Constraint has no " + name + "()", e);
            }
        }

        @Override
        public long next(Constraint constraint) {
            long min;
            long max;
            try {
                min = (long) MIN.invoke(constraint);
                max = (long) MAX.invoke(constraint);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (max < Long.MAX_VALUE) return random.nextLong(min, max + 1);
            long v;
            do v = random.nextLong(); while (v < min);
            return v;
        }

        @Override
        public DetatchedRandomnessSource detach() {
            return this;
        }

        @Override
        public void commit() {
        }

        @Override
        public void registerFailedAssumption() {
        }
    }

    static List<Command> materialize(Sequence s) {
        Builder b = new Builder();
        for (int i = 0; i < s.setup().size(); i++) b.setup(i, s.setup().get(i));
        for (Op op : s.main()) b.add(op);
        return b.out;
    }

    static UUID poolId(int k) {
        return new UUID(POOL_HI, LO_VARIANT | k);
    }

    static String memberId(int i) {
        return "m" + i;
    }

    static String natural(int member, String currency) {
        return (currency.equals("MIE") ? "mie:" : "mlc:") + memberId(member);
    }

    static String currencyOfId(String account) {
        if (account.startsWith("mie:")) return "MIE";
        if (account.startsWith("mlc:")) return "MLC";
        if (account.startsWith("eur:")) return "EUR";
        return "XYZ";
    }

    /** The member an account id names by convention ({@code mie:m3} → {@code m3}), or "m0" for others. */
    static String ownerOfId(String account) {
        int colon = account.indexOf(':');
        String rest = colon < 0 ? account : account.substring(colon + 1);
        int dot = rest.indexOf('.');
        if (dot >= 0) rest = rest.substring(0, dot);
        return rest.matches("m[0-7]") ? rest : "m0";
    }

    private static final class Builder {
        final List<Command> out = new ArrayList<>();
        final List<UUID> holdIds = new ArrayList<>();
        final Map<UUID, TransferRequest> holds = new HashMap<>();
        final List<UUID> groupIds = new ArrayList<>();
        final List<TransferRequest> sent = new ArrayList<>();
        final Map<String, CreatePaymentRequest> requests = new HashMap<>();
        final List<String> recentRequests = new ArrayList<>();
        long clock = T0;
        int nextRequest;
        long fresh;
        SplittableRandom r;
        Op op;

        void seed(Op o) {
            op = o;
            r = new SplittableRandom(((long) o.seed() << 32) ^ o.amount() ^ o.kind().ordinal() * 0x9E3779B97F4A7C15L);
        }

        /** Opens member i (its natural kind 85% of the time) with its accounts, or (i ≥ 8) issues MLC. */
        void setup(int i, Op o) {
            seed(o);
            if (i >= MEMBERS) {
                stamp(new Issue(FRESH_HI, LO_VARIANT | fresh++, natural(pick(MEMBERS), "MLC"),
                        chance(80) ? 10_000 + r.nextLong(2_000_000) : o.amount(), "genesis"));
                return;
            }
            MemberKind kind = chance(85) ? NATURAL_KIND[i] : oneOf(MemberKind.values());
            stamp(new CreateMember(memberId(i), "name " + memberId(i), kind));
            for (String currency : new String[] {"MIE", "MLC"}) {
                if (currency.equals("MIE") && kind == MemberKind.CITIZEN && chance(90)) continue;
                Long floor = null;
                Long ceiling = null;
                if (chance(15)) {
                    floor = oneOf(null, 0L, -1_000L, -100_000L, -10_000_000L, Limits.NO_FLOOR, 100L);
                    ceiling = oneOf(null, 0L, 1_000L, 50_000L, 500_000L, Limits.NO_CEILING, -5L);
                }
                stamp(new CreateAccount(natural(i, currency), memberId(i), currency, floor, ceiling));
            }
            if (chance(80)) {
                stamp(new Issue(FRESH_HI, LO_VARIANT | fresh++, natural(i, "MLC"), 10_000 + r.nextLong(500_000),
                        "genesis"));
            }
        }

        void stamp(Command c) {
            c.setTimestampMs(clock);
            out.add(c);
        }

        void add(Op o) {
            seed(o);
            Command c = switch (o.kind()) {
                case MEMBER -> member();
                case ACCOUNT -> account();
                case LIMITS -> limits();
                case STATUS -> status();
                case CAPS -> caps();
                case ISSUE -> issue();
                case TRANSFER -> single(transfer(o.amount(), 0));
                case BATCH -> batch(false);
                case ATOMIC -> batch(true);
                case HOLD -> single(transfer(o.amount(), timeout()));
                case RESOLVE -> resolve();
                case CONVERT -> convert();
                case REQUEST -> request();
                case PAY -> pay();
                case ADVANCE -> advance();
                case TICK -> new Tick();
                case REPLAY -> replay();
                case FILLER -> filler();
                case LEG_ID -> legId();
            };
            if (c == null) return;
            // Now and then a command stamped earlier than the ledger's time: time never runs back.
            long ts = chance(4) ? clock - 1 - r.nextInt(100_000) : clock;
            c.setTimestampMs(ts);
            out.add(c);
        }

        boolean chance(int percent) {
            return r.nextInt(100) < percent;
        }

        int pick(int n) {
            return r.nextInt(n);
        }

        @SafeVarargs
        final <T> T oneOf(T... options) {
            return options[r.nextInt(options.length)];
        }

        /** A fresh id 80% of the time, else one of the shared pool. */
        UUID id() {
            return chance(80) ? new UUID(FRESH_HI, LO_VARIANT | fresh++) : poolId(pick(ID_POOL));
        }

        int memberIndex() {
            return pick(MEMBERS);
        }

        /** Another member, for MIE usually one whose natural kind holds MIE. */
        int otherThan(int member, String currency) {
            for (int tries = 0; tries < 3; tries++) {
                int o = (member + 1 + pick(MEMBERS - 1)) % MEMBERS;
                if (!currency.equals("MIE") || NATURAL_KIND[o] != MemberKind.CITIZEN || chance(20)) return o;
            }
            return (member + 1) % MEMBERS;
        }

        String anyAccount() {
            int k = pick(100);
            if (k < 70) return natural(memberIndex(), chance(50) ? "MIE" : "MLC");
            if (k < 85) return oneOf(SYSTEM_ACCOUNTS);
            return oneOf(ODD_ACCOUNTS);
        }

        long smallAmount() {
            int k = pick(100);
            if (k < 70) return 1 + r.nextLong(5_000);
            if (k < 90) return 1 + r.nextLong(200_000);
            return oneOf(0L, -7L, Long.MAX_VALUE, Long.MAX_VALUE / 2 + 1);
        }

        /** One transfer sent by the owner of its debit account, or now and then by someone else. */
        Command single(TransferRequest t) {
            String actor = chance(8) ? (chance(50) ? memberId(memberIndex()) : "ghost") : ownerOfId(t.debitAccount);
            return new SubmitTransfers(actor, false, t);
        }

        MemberKind kindFor(int i) {
            if (chance(70)) return NATURAL_KIND[i];
            return chance(95) ? oneOf(MemberKind.values()) : null;
        }

        Command member() {
            String id = chance(92) ? memberId(memberIndex()) : oneOf(BAD_MEMBER_IDS);
            String name = chance(3) ? null : chance(80) ? "name " + id : "other";
            int i = id.matches("m[0-7]") ? id.charAt(1) - '0' : 0;
            return new CreateMember(id, name, kindFor(i));
        }

        Command account() {
            int i = memberIndex();
            String currency = chance(88) ? (chance(50) ? "MIE" : "MLC") : oneOf("EUR", "XYZ", null, "mlc");
            String id;
            int k = pick(100);
            if (k < 80) id = currency != null && currency.equals("MIE") ? "mie:m" + i : "mlc:m" + i;
            else if (k < 88) id = oneOf(ODD_ACCOUNTS);
            else if (k < 94) id = natural(memberIndex(), chance(50) ? "MIE" : "MLC");
            else id = oneOf(SYSTEM_ACCOUNTS);
            String memberId = chance(90) ? memberId(i) : oneOf("ghost", memberId(memberIndex()), null);
            Long floor = null;
            Long ceiling = null;
            if (chance(30)) {
                floor = oneOf(null, 0L, -1_000L, -100_000L, -10_000_000L, Limits.NO_FLOOR, 100L);
                ceiling = oneOf(null, 0L, 1_000L, 50_000L, 500_000L, Limits.NO_CEILING, -5L);
            }
            return new CreateAccount(id, memberId, currency, floor, ceiling);
        }

        Command limits() {
            String id = chance(90) ? natural(memberIndex(), chance(50) ? "MIE" : "MLC") : anyAccount();
            Long floor = chance(60) ? oneOf(0L, -1_000L, -50_000L, -100_000L, -1_000_000L, Limits.NO_FLOOR, 10L,
                    -op.amount()) : null;
            Long ceiling = chance(50) ? oneOf(0L, 1_000L, 20_000L, 100_000L, 500_000L, Limits.NO_CEILING, -1L,
                    op.amount()) : null;
            return new ChangeAccount(id, floor, ceiling, null);
        }

        Command status() {
            String id = chance(90) ? natural(memberIndex(), chance(50) ? "MIE" : "MLC") : anyAccount();
            int k = pick(100);
            AccountStatus st = k < 30 ? AccountStatus.FROZEN : k < 93 ? AccountStatus.ACTIVE : AccountStatus.CLOSED;
            Long floor = chance(10) ? -op.amount() : null;
            return new ChangeAccount(id, floor, null, st);
        }

        Command caps() {
            String member = chance(92) ? memberId(memberIndex()) : "ghost";
            String[][] pairs = {{"MLC", "EUR"}, {"MLC", "MIE"}, {"MIE", "MLC"}, {"MIE", "EUR"}, {"EUR", "MLC"}};
            List<CapOverride> caps = new ArrayList<>();
            boolean[] used = new boolean[pairs.length];
            int n = pick(4);
            for (int j = 0; j < n; j++) {
                int p = chance(92) ? pick(3) : 3 + pick(2);
                if (used[p]) continue; // one override per pair: which of two would win is not a rule
                used[p] = true;
                long amount = oneOf(0L, 1_000L, 50_000L, 200_000L, 500_000L, 2_000_000L, Long.MAX_VALUE);
                int days = oneOf(1, 2, 7, 30, 366);
                caps.add(new CapOverride(pairs[p][0], pairs[p][1], new ConversionPolicy.Cap(amount, days)));
            }
            return new SetConversionCaps(member, caps);
        }

        long issueAmount() {
            long a = op.amount();
            if (chance(60)) return 1_000 + r.nextLong(1_000_000);
            return a;
        }

        Command issue() {
            UUID id = id();
            groupIds.add(id);
            int k = pick(100);
            String to = k < 85 ? natural(memberIndex(), "MLC") : k < 92 ? natural(memberIndex(), "MIE") : anyAccount();
            return new Issue(id.getMostSignificantBits(), id.getLeastSignificantBits(), to, issueAmount(),
                    oneOf(null, "office a", "office b"));
        }

        int timeout() {
            int k = pick(100);
            if (k < 25) return oneOf(30, 60, 600);
            if (k < 45) return 1 + pick(120);
            if (k < 80) return oneOf(3_600, 86_400, 3 * 86_400);
            if (k < 92) return 1 + pick(40 * 86_400);
            return oneOf(TransferRequest.MAX_PENDING_TIMEOUT_S, TransferRequest.MAX_PENDING_TIMEOUT_S + 1, -1,
                    Integer.MAX_VALUE);
        }

        /** A transfer, usually from one of a member's own accounts to another member's in the same currency. */
        TransferRequest transfer(long amount, int timeoutS) {
            int actor = memberIndex();
            String currency = chance(NATURAL_KIND[actor] == MemberKind.CITIZEN ? 10 : 50) ? "MIE" : "MLC";
            String debit = chance(93) ? natural(actor, currency) : anyAccount();
            String credit = chance(93) ? natural(otherThan(actor, currency), currency) : anyAccount();
            if (chance(1)) credit = debit;
            String cur = chance(97) ? currencyOfId(debit) : oneOf(CURRENCIES);
            UUID id = id();
            TransferRequest t = new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(), debit,
                    credit, amount, cur, chance(25) ? "memo" : null, null, timeoutS);
            note(t);
            return t;
        }

        void note(TransferRequest t) {
            sent.add(t);
            boolean plausible = t.amount > 0 && t.amount < 1_000_000 && t.pendingTimeoutS <= TransferRequest.MAX_PENDING_TIMEOUT_S
                    && t.debitAccount.matches("(mie|mlc):m[0-7]") && t.creditAccount.matches("(mie|mlc):m[0-7]")
                    && t.currency.equals(currencyOfId(t.debitAccount)) && t.paymentRequest == null;
            if (t.pendingTimeoutS > 0 && plausible) {
                UUID id = new UUID(t.idHi, t.idLo);
                holdIds.add(id);
                holds.put(id, t);
            }
        }

        Command batch(boolean atomic) {
            if (atomic && chance(50)) return cleanGroup();
            int n = 1 + pick(5);
            TransferRequest[] ts = new TransferRequest[n];
            String actor = null;
            for (int j = 0; j < n; j++) {
                int k = pick(100);
                if (j > 0 && k < 8) {
                    // The same id again in the batch, with the same or other fields.
                    TransferRequest prev = ts[pick(j)];
                    ts[j] = chance(50) ? copy(prev) : changed(prev, pick(7));
                    continue;
                }
                if (k < 18) {
                    ts[j] = payment();
                } else {
                    ts[j] = transfer(j == 0 ? op.amount() : smallAmount(), chance(30) ? timeout() : 0);
                }
                if (actor == null) actor = ownerOfId(ts[j].debitAccount);
            }
            if (actor == null) actor = "m0";
            if (chance(7)) actor = chance(50) ? memberId(memberIndex()) : "ghost";
            // Most transfers of a batch debit the actor's accounts: re-aim the debit of the others, sometimes.
            for (int j = 1; j < n; j++) {
                if (!ownerOfId(ts[j].debitAccount).equals(actor) && chance(70)) {
                    TransferRequest t = ts[j];
                    String debit = natural(actor.matches("m[0-7]") ? actor.charAt(1) - '0' : 0,
                            currencyOfId(t.creditAccount).equals("MIE") ? "MIE" : "MLC");
                    ts[j] = new TransferRequest(t.idHi, t.idLo, debit, t.creditAccount, t.amount,
                            currencyOfId(debit), t.memo, t.paymentRequest, t.pendingTimeoutS);
                    note(ts[j]);
                }
            }
            return new SubmitTransfers(actor, atomic, ts);
        }

        /**
         * An atomic group likely to pass: fresh ids, one member's own accounts to others', small amounts, some holds
         * and payments; it still fails when one leg meets a floor, a ceiling, a frozen or closed account.
         */
        Command cleanGroup() {
            int actor = memberIndex();
            int n = 2 + pick(4);
            TransferRequest[] ts = new TransferRequest[n];
            for (int j = 0; j < n; j++) {
                if (chance(15)) {
                    TransferRequest p = payment(actor);
                    if (ownerOfId(p.debitAccount).equals(memberId(actor))) {
                        ts[j] = p;
                        continue;
                    }
                }
                String currency = chance(NATURAL_KIND[actor] == MemberKind.CITIZEN ? 5 : 60) ? "MIE" : "MLC";
                UUID id = new UUID(FRESH_HI, LO_VARIANT | fresh++);
                ts[j] = new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                        natural(actor, currency), natural(otherThan(actor, currency), currency),
                        1 + r.nextLong(chance(90) ? 3_000 : 200_000), currency, null, null, chance(25) ? timeout() : 0);
                note(ts[j]);
            }
            return new SubmitTransfers(memberId(actor), true, ts);
        }

        TransferRequest payment() {
            return payment(-1);
        }

        /** A posted transfer paying one of the payment requests (usually a recent one), usually matching it. */
        TransferRequest payment(int payerIndex) {
            String prId = !recentRequests.isEmpty() && chance(85)
                    ? recentRequests.get(recentRequests.size() - 1 - pick(Math.min(3, recentRequests.size())))
                    : oneOf(REQUEST_IDS);
            CreatePaymentRequest pr = requests.get(prId);
            String credit = pr != null && chance(90) ? pr.creditAccount : anyAccount();
            long amount = pr != null && chance(88) ? pr.amount : smallAmount();
            String currency = currencyOfId(credit);
            int payee = ownerOfId(credit).charAt(1) - '0';
            int payer = payerIndex >= 0 ? payerIndex : (payee + 1 + pick(MEMBERS - 1)) % MEMBERS;
            String debit = natural(payer, currency.equals("MIE") ? "MIE" : "MLC");
            UUID id = id();
            TransferRequest t = new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(), debit,
                    credit, amount, chance(95) ? currencyOfId(debit) : oneOf(CURRENCIES), null,
                    chance(95) ? prId : "pr-unknown", chance(8) ? 60 : 0);
            note(t);
            return t;
        }

        Command pay() {
            TransferRequest t = payment();
            return new SubmitTransfers(ownerOfId(t.debitAccount), false, t);
        }

        Command request() {
            String id = chance(96) ? REQUEST_IDS[chance(85) ? nextRequest++ % REQUEST_IDS.length : pick(REQUEST_IDS.length)] : "";
            int member = memberIndex();
            String account = chance(90) ? natural(member, chance(50) ? "MIE" : "MLC") : anyAccount();
            String actor = chance(90) ? ownerOfId(account) : chance(50) ? memberId(memberIndex()) : "ghost";
            long amount = chance(85) ? 1 + r.nextLong(20_000) : op.amount();
            int k = pick(100);
            int expires = k < 40 ? 86_400 : k < 60 ? CreatePaymentRequest.MAX_EXPIRES_IN_S : k < 75 ? 3_600
                    : k < 92 ? oneOf(30, 60, 600) : oneOf(0, -5, CreatePaymentRequest.MAX_EXPIRES_IN_S + 1);
            CreatePaymentRequest c = new CreatePaymentRequest(id, actor, account, amount, chance(30) ? "coffee" : null,
                    expires);
            boolean plausible = expires > 0 && expires <= CreatePaymentRequest.MAX_EXPIRES_IN_S && amount > 0
                    && ownerOfId(account).equals(actor) && account.matches("(mie|mlc):m[0-7]");
            if (!requests.containsKey(id) && plausible) {
                requests.put(id, c);
                recentRequests.add(id);
            }
            return c;
        }

        Command resolve() {
            UUID id;
            int k = pick(100);
            if (k < 85 && !holdIds.isEmpty()) id = holdIds.get(holdIds.size() - 1 - pick(Math.min(4, holdIds.size())));
            else if (k < 90 && !sent.isEmpty()) {
                TransferRequest t = sent.get(pick(sent.size()));
                id = new UUID(t.idHi, t.idLo);
            } else if (k < 95 && !groupIds.isEmpty()) {
                UUID g = groupIds.get(pick(groupIds.size()));
                id = chance(50) ? g : leg(g, pick(3));
            } else id = chance(70) ? poolId(pick(ID_POOL)) : new UUID(FRESH_HI, LO_VARIANT | (fresh + 5));
            TransferRequest hold = holds.get(id);
            String actor;
            int a = pick(100);
            if (hold != null && a < 55) actor = ownerOfId(hold.creditAccount);
            else if (hold != null && a < 85) actor = ownerOfId(hold.debitAccount);
            else actor = chance(85) ? memberId(memberIndex()) : "ghost";
            if (chance(40)) return ResolvePending.voiding(actor, id.getMostSignificantBits(), id.getLeastSignificantBits());
            long full = hold == null ? 1_000 : Math.max(1, hold.amount);
            int b = pick(100);
            long amount = b < 50 ? 0 : b < 80 ? 1 + r.nextLong(full) : b < 90 ? (full == Long.MAX_VALUE ? full : full + 1)
                    : oneOf(-1L, Long.MIN_VALUE, Long.MAX_VALUE);
            return ResolvePending.post(actor, id.getMostSignificantBits(), id.getLeastSignificantBits(), amount);
        }

        Command convert() {
            boolean frequent = chance(30); // one member converting often: many conversions in its windows
            int m = frequent ? 0 : chance(75) ? oneOf(0, 1, 2, 7) : memberIndex();
            UUID id = chance(3) && !groupIds.isEmpty() ? leg(groupIds.get(pick(groupIds.size())), pick(3)) : id();
            groupIds.add(id);
            long amount = frequent ? 1 + r.nextLong(60_000) : chance(40) ? op.amount()
                    : oneOf(1 + r.nextLong(20_000), 1 + r.nextLong(700_000), 1 + r.nextLong(2_000_000));
            String reference = chance(20) ? "ref" : null;
            String actor = memberId(m);
            int k = pick(100);
            String from;
            String to;
            String toCurrency;
            if (k < 33) { // MLC → MIE
                from = natural(m, "MLC");
                to = natural(m, "MIE");
                toCurrency = null;
            } else if (k < 66) { // MIE → MLC
                from = natural(m, "MIE");
                to = natural(m, "MLC");
                toCurrency = null;
            } else if (k < 92) { // MLC → EUR
                from = natural(m, "MLC");
                to = null;
                toCurrency = "EUR";
            } else { // not a conversion the rules allow, one way or another
                from = chance(50) ? natural(m, "MIE") : natural(m, "MLC");
                to = oneOf(null, natural(m, "MLC"), natural(m, "MIE"), "mlc:conversion");
                toCurrency = oneOf(null, "EUR", "MIE", "XYZ");
            }
            if (chance(6)) from = anyAccount();
            if (to != null && chance(5)) to = anyAccount();
            if (chance(5)) actor = chance(50) ? memberId(memberIndex()) : "ghost";
            return new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(), actor, from, to, toCurrency,
                    amount, reference);
        }

        Command advance() {
            int k = pick(100);
            long dt;
            if (k < 30) dt = r.nextInt(1_000);
            else if (k < 60) dt = oneOf(30L, 60L, 600L, 3_600L) * 1_000;
            else if (k < 80) dt = (1 + r.nextInt(120)) * 1_000L;
            else if (k < 92) dt = 3_600_000L + r.nextLong(DAY_MS);
            else if (k < 98) dt = (1 + r.nextInt(10)) * DAY_MS;
            else dt = (11 + r.nextInt(50)) * DAY_MS;
            clock += dt;
            return chance(50) ? new Tick() : null;
        }

        Command replay() {
            if (out.isEmpty()) return null;
            Command earlier = out.get(pick(out.size()));
            return chance(50) ? copy(earlier) : mutate(earlier, pick(8), pick(1 << 16));
        }

        /**
         * Hundreds of small transfers with fresh ids (some pending): pushes old ids out of memory. One in ten is all
         * holds of hours, so that hundreds of holds are live at once and many outlive their log entries.
         */
        Command filler() {
            int actor = memberIndex();
            String currency = chance(60) ? "MIE" : "MLC";
            String debit = natural(actor, currency);
            int n = 100 + pick(800);
            boolean holds = chance(10);
            TransferRequest[] ts = new TransferRequest[n];
            for (int j = 0; j < n; j++) {
                int to = (actor + 1 + (j % (MEMBERS - 1))) % MEMBERS;
                long id = fresh++;
                int timeoutS = holds ? 3_600 + pick(86_400) : j % 9 == 0 ? 30 + pick(600) : 0;
                ts[j] = new TransferRequest(FRESH_HI, LO_VARIANT | id, debit, natural(to, currency), 1 + pick(300),
                        currency, null, null, timeoutS);
            }
            return new SubmitTransfers(memberId(actor), false, ts);
        }

        /**
         * A transfer whose id is that of a leg of a conversion or issuance: one sent earlier, or (pool ids) one that
         * may come later, which must then be refused rather than apply the id twice.
         */
        Command legId() {
            UUID g = chance(50) && !groupIds.isEmpty() ? groupIds.get(pick(groupIds.size())) : poolId(pick(ID_POOL));
            UUID id = leg(g, pick(3));
            TransferRequest t = transfer(smallAmount(), 0);
            TransferRequest withLegId = new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                    t.debitAccount, t.creditAccount, t.amount, t.currency, null, null, 0);
            return new SubmitTransfers(ownerOfId(t.debitAccount), false, withLegId);
        }
    }

    static UUID leg(UUID group, int i) {
        long[] id = GroupIds.leg(group.getMostSignificantBits(), group.getLeastSignificantBits(), i);
        return new UUID(id[0], id[1]);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Copies, changed copies, descriptions
    // ---------------------------------------------------------------------------------------------------------------

    static TransferRequest copy(TransferRequest t) {
        return new TransferRequest(t.idHi, t.idLo, t.debitAccount, t.creditAccount, t.amount, t.currency, t.memo,
                t.paymentRequest, t.pendingTimeoutS);
    }

    /** The same transfer id with one field changed. */
    static TransferRequest changed(TransferRequest t, int field) {
        return switch (field % 7) {
            case 0 -> new TransferRequest(t.idHi, t.idLo, t.debitAccount, t.creditAccount, t.amount + 1, t.currency,
                    t.memo, t.paymentRequest, t.pendingTimeoutS);
            case 1 -> new TransferRequest(t.idHi, t.idLo, t.debitAccount, t.creditAccount, t.amount, t.currency,
                    t.memo == null ? "changed" : null, t.paymentRequest, t.pendingTimeoutS);
            case 2 -> new TransferRequest(t.idHi, t.idLo, t.debitAccount, t.creditAccount + "x", t.amount, t.currency,
                    t.memo, t.paymentRequest, t.pendingTimeoutS);
            case 3 -> new TransferRequest(t.idHi, t.idLo, t.debitAccount, t.creditAccount, t.amount, t.currency,
                    t.memo, t.paymentRequest, t.pendingTimeoutS == 0 ? 60 : 0);
            case 4 -> new TransferRequest(t.idHi, t.idLo, t.debitAccount, t.creditAccount, t.amount,
                    t.currency.equals("MIE") ? "MLC" : "MIE", t.memo, t.paymentRequest, t.pendingTimeoutS);
            case 5 -> new TransferRequest(t.idHi, t.idLo, t.debitAccount, t.creditAccount, t.amount, t.currency,
                    t.memo, t.paymentRequest == null ? "pr0" : null, t.pendingTimeoutS);
            default -> new TransferRequest(t.idHi, t.idLo, t.creditAccount, t.debitAccount, t.amount, t.currency,
                    t.memo, t.paymentRequest, t.pendingTimeoutS);
        };
    }

    /** A fresh command object with the same fields and timestamp (outcomes not copied). */
    public static Command copy(Command c) {
        Command k;
        if (c instanceof CreateMember m) k = new CreateMember(m.id, m.name, m.kind);
        else if (c instanceof CreateAccount a) k = new CreateAccount(a.id, a.memberId, a.currency, a.floor, a.ceiling);
        else if (c instanceof ChangeAccount a) k = new ChangeAccount(a.id, a.floor, a.ceiling, a.status);
        else if (c instanceof SetConversionCaps s) k = new SetConversionCaps(s.memberId, s.caps);
        else if (c instanceof SubmitTransfers s) {
            TransferRequest[] ts = new TransferRequest[s.transfers.length];
            for (int i = 0; i < ts.length; i++) ts[i] = copy(s.transfers[i]);
            k = new SubmitTransfers(s.actorMemberId, s.atomic, ts);
        } else if (c instanceof ResolvePending p) {
            k = p.post ? ResolvePending.post(p.actorMemberId, p.idHi, p.idLo, p.amount)
                    : ResolvePending.voiding(p.actorMemberId, p.idHi, p.idLo);
        } else if (c instanceof Convert v) {
            k = new Convert(v.idHi, v.idLo, v.actorMemberId, v.fromAccount, v.toAccount, v.toCurrency, v.amount,
                    v.reference);
        } else if (c instanceof Issue i) k = new Issue(i.idHi, i.idLo, i.toAccount, i.amount, i.reference);
        else if (c instanceof CreatePaymentRequest p) {
            k = new CreatePaymentRequest(p.id, p.actorMemberId, p.creditAccount, p.amount, p.memo, p.expiresInS);
        } else if (c instanceof Tick) k = new Tick();
        else throw new IllegalArgumentException("unknown command " + c.getClass());
        k.setTimestampMs(c.timestampMs());
        return k;
    }

    /** A copy of an earlier command with one field changed (commands without an id are copied as they are). */
    static Command mutate(Command c, int field, int salt) {
        Command k;
        if (c instanceof CreateMember m) {
            k = field % 2 == 0 ? new CreateMember(m.id, m.name + "!", m.kind)
                    : new CreateMember(m.id, m.name, m.kind == MemberKind.CITIZEN ? MemberKind.BUSINESS : MemberKind.CITIZEN);
        } else if (c instanceof CreateAccount a) {
            k = field % 2 == 0 ? new CreateAccount(a.id, a.memberId, "MIE".equals(a.currency) ? "MLC" : "MIE", a.floor,
                    a.ceiling) : new CreateAccount(a.id, memberId(salt % MEMBERS), a.currency, a.floor, a.ceiling);
        } else if (c instanceof SubmitTransfers s) {
            TransferRequest[] ts = new TransferRequest[s.transfers.length];
            for (int i = 0; i < ts.length; i++) ts[i] = copy(s.transfers[i]);
            int j = salt % ts.length;
            ts[j] = changed(ts[j], field);
            k = new SubmitTransfers(s.actorMemberId, field % 3 == 0 ? !s.atomic : s.atomic, ts);
        } else if (c instanceof ResolvePending p) {
            k = p.post ? ResolvePending.voiding(p.actorMemberId, p.idHi, p.idLo)
                    : ResolvePending.post(p.actorMemberId, p.idHi, p.idLo, field % 2 == 0 ? 0 : 1);
        } else if (c instanceof Convert v) {
            k = switch (field % 4) {
                case 0 -> new Convert(v.idHi, v.idLo, v.actorMemberId, v.fromAccount, v.toAccount, v.toCurrency,
                        v.amount + 1, v.reference);
                case 1 -> new Convert(v.idHi, v.idLo, v.actorMemberId, v.fromAccount, v.toAccount, v.toCurrency,
                        v.amount, v.reference == null ? "changed" : null);
                case 2 -> new Convert(v.idHi, v.idLo, v.actorMemberId, v.fromAccount,
                        v.toAccount == null ? v.fromAccount.replace("mlc:", "mie:") : null,
                        v.toAccount == null ? null : "EUR", v.amount, v.reference);
                default -> new Convert(v.idHi, v.idLo, v.actorMemberId, v.fromAccount + "x", v.toAccount,
                        v.toCurrency, v.amount, v.reference);
            };
        } else if (c instanceof Issue i) {
            k = switch (field % 3) {
                case 0 -> new Issue(i.idHi, i.idLo, i.toAccount, i.amount + 1, i.reference);
                case 1 -> new Issue(i.idHi, i.idLo, i.toAccount, i.amount, i.reference == null ? "changed" : null);
                default -> new Issue(i.idHi, i.idLo, natural(salt % MEMBERS, "MLC"), i.amount, i.reference);
            };
        } else if (c instanceof CreatePaymentRequest p) {
            k = switch (field % 3) {
                case 0 -> new CreatePaymentRequest(p.id, p.actorMemberId, p.creditAccount, p.amount + 1, p.memo,
                        p.expiresInS);
                case 1 -> new CreatePaymentRequest(p.id, p.actorMemberId, p.creditAccount, p.amount,
                        p.memo == null ? "changed" : null, p.expiresInS);
                default -> new CreatePaymentRequest(p.id, p.actorMemberId, natural(salt % MEMBERS, "MLC"), p.amount,
                        p.memo, p.expiresInS);
            };
        } else {
            return copy(c);
        }
        k.setTimestampMs(c.timestampMs());
        return k;
    }

    public static String describe(Command c) {
        String at = "@" + (c.timestampMs() - T0) + " ";
        if (c instanceof CreateMember m) return at + "CreateMember(" + m.id + ", " + m.name + ", " + m.kind + ")";
        if (c instanceof CreateAccount a) {
            return at + "CreateAccount(" + a.id + ", " + a.memberId + ", " + a.currency + ", floor " + a.floor
                    + ", ceiling " + a.ceiling + ")";
        }
        if (c instanceof ChangeAccount a) {
            return at + "ChangeAccount(" + a.id + ", floor " + a.floor + ", ceiling " + a.ceiling + ", " + a.status + ")";
        }
        if (c instanceof SetConversionCaps s) return at + "SetConversionCaps(" + s.memberId + ", " + s.caps + ")";
        if (c instanceof SubmitTransfers s) {
            StringBuilder b = new StringBuilder(at + "SubmitTransfers(" + s.actorMemberId + (s.atomic ? ", atomic" : "")
                    + ", " + s.transfers.length + ": ");
            for (int i = 0; i < Math.min(8, s.transfers.length); i++) b.append(describe(s.transfers[i])).append(' ');
            return b.append(')').toString();
        }
        if (c instanceof ResolvePending p) {
            return at + (p.post ? "Post(" : "Void(") + p.actorMemberId + ", " + shortId(p.idHi, p.idLo)
                    + (p.post ? ", " + p.amount : "") + ")";
        }
        if (c instanceof Convert v) {
            return at + "Convert(" + shortId(v.idHi, v.idLo) + ", " + v.actorMemberId + ", " + v.fromAccount + " → "
                    + v.toAccount + "/" + v.toCurrency + ", " + v.amount + ", " + v.reference + ")";
        }
        if (c instanceof Issue i) {
            return at + "Issue(" + shortId(i.idHi, i.idLo) + ", " + i.toAccount + ", " + i.amount + ", " + i.reference
                    + ")";
        }
        if (c instanceof CreatePaymentRequest p) {
            return at + "PaymentRequest(" + p.id + ", " + p.actorMemberId + ", " + p.creditAccount + ", " + p.amount
                    + ", " + p.memo + ", " + p.expiresInS + "s)";
        }
        return at + c.getClass().getSimpleName();
    }

    public static String describe(TransferRequest t) {
        return "[" + shortId(t.idHi, t.idLo) + " " + t.debitAccount + "→" + t.creditAccount + " " + t.amount + " "
                + t.currency + (t.pendingTimeoutS != 0 ? " hold " + t.pendingTimeoutS + "s" : "")
                + (t.memo != null ? " memo" : "") + (t.paymentRequest != null ? " pays " + t.paymentRequest : "") + "]";
    }

    static String shortId(long hi, long lo) {
        if (hi == POOL_HI) return "pool" + (lo & ~LO_VARIANT);
        if (hi == FRESH_HI) return "fresh" + (lo & ~LO_VARIANT);
        return Long.toHexString(hi).substring(0, Math.min(6, Long.toHexString(hi).length())) + "…";
    }

    /** The ids the commands name (transfer and group ids, their legs), for end-of-sequence comparisons. */
    static List<UUID> namedIds(List<Command> commands) {
        List<UUID> ids = new ArrayList<>();
        for (Command c : commands) {
            if (c instanceof SubmitTransfers s) {
                for (TransferRequest t : s.transfers) ids.add(new UUID(t.idHi, t.idLo));
            } else if (c instanceof Convert v) {
                addGroup(ids, new UUID(v.idHi, v.idLo));
            } else if (c instanceof Issue i) {
                addGroup(ids, new UUID(i.idHi, i.idLo));
            } else if (c instanceof ResolvePending p) {
                ids.add(new UUID(p.idHi, p.idLo));
            }
        }
        for (int k = 0; k < ID_POOL; k++) ids.add(poolId(k));
        return new ArrayList<>(new java.util.LinkedHashSet<>(ids));
    }

    private static void addGroup(List<UUID> ids, UUID g) {
        ids.add(g);
        for (int i = 0; i < 3; i++) ids.add(leg(g, i));
    }

    static String idsOf(TransferRequest[] ts) {
        return Arrays.toString(Arrays.stream(ts).map(t -> shortId(t.idHi, t.idLo)).toArray());
    }
}
