package fr.mlml.ledger.core;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A deliberately simple, slow and obvious model of the ledger's rules (DESIGN.md §1–§3, §6), to check the core
 * against: HashMaps, BigInteger amounts, every id kept forever, an atomic group undone by restoring a copy of every
 * account. It reads the same command objects as the core (their public fields) and answers with its own
 * {@link Outcome}s; it never writes into the commands.
 *
 * <p>The rules, as documented:
 * <ul>
 *   <li>A command's time is its timestamp, or the previous command's if earlier (time does not run back). Before
 *       anything else, every pending transfer whose deadline (creation + timeout) is at or before that time expires:
 *       its amounts are released.</li>
 *   <li>Balance = credits posted − debits posted. A movement is checked, in this order: an account closed, an account
 *       frozen, a total (posted or pending side, whichever the movement adds to) that would exceed
 *       {@code Long.MAX_VALUE} (overflow), the debit account's balance less its pending debits less the amount below
 *       its floor, the credit account's balance plus its pending credits plus the amount above its ceiling. Limits
 *       are plain numbers ({@code Long.MIN_VALUE}/{@code MAX_VALUE} stand for none).</li>
 *   <li>A transfer is checked in the order of TransferProcessor's class comment: invalid_amount, invalid_timeout,
 *       same_account, unknown_account, currency_mismatch, not_permitted (the sender must own the debit account and
 *       the credit account may not be a system account), payment_request_mismatch, then the movement's checks.</li>
 *   <li>An id seen before (transfer, conversion, issuance or one of their legs) is answered from its record: the
 *       original rejection code, or {@code exists}, when the fields are the same; {@code exists_with_different_fields}
 *       otherwise. A rejected id is recorded and stays rejected.</li>
 *   <li>An atomic batch applies all or nothing; if one of its ids was seen before (or appears twice in it), nothing
 *       is tried: known ids answer as above and new ones are recorded {@code linked_failed}. Otherwise the first
 *       failing transfer keeps its code and the others are recorded {@code linked_failed}.</li>
 *   <li>Conversions and issuance are atomic groups of legs (DESIGN.md §3) checked in the order of
 *       ConversionProcessor's class comment, with the fee rounded up and caps over rolling windows
 *       {@code (now − window, now]} with per-member overrides; a group one of whose legs' ids is already taken
 *       (a client may send a transfer with it first) is refused {@code exists_with_different_fields} after every
 *       other check and before its legs' own. A conversion's recorded fields are the kind (from
 *       whether a target account is named), the accounts, the amount and the reference: the target currency is not
 *       recorded, so it is not compared either.</li>
 * </ul>
 */
final class ReferenceLedger {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9:._-]{0,63}");
    /** Conversion amounts above this are invalid (the fee would overflow a long). */
    static final long MAX_CONVERSION_AMOUNT = Long.MAX_VALUE / 10_000;

    static final class Member {
        final String id;
        final String name;
        final MemberKind kind;
        List<CapOverride> caps;

        Member(String id, String name, MemberKind kind) {
            this.id = id;
            this.name = name;
            this.kind = kind;
        }
    }

    static final class Account {
        final String id;
        /** Null for a system account. */
        final String owner;
        final String currency;
        AccountStatus status = AccountStatus.ACTIVE;
        long floor;
        long ceiling;
        BigInteger debitsPosted = BigInteger.ZERO;
        BigInteger creditsPosted = BigInteger.ZERO;
        BigInteger debitsPending = BigInteger.ZERO;
        BigInteger creditsPending = BigInteger.ZERO;
        Long negativeSince;

        Account(String id, String owner, String currency, long floor, long ceiling) {
            this.id = id;
            this.owner = owner;
            this.currency = currency;
            this.floor = floor;
            this.ceiling = ceiling;
        }

        BigInteger balance() {
            return creditsPosted.subtract(debitsPosted);
        }

        Account copy() {
            Account a = new Account(id, owner, currency, floor, ceiling);
            a.status = status;
            a.debitsPosted = debitsPosted;
            a.creditsPosted = creditsPosted;
            a.debitsPending = debitsPending;
            a.creditsPending = creditsPending;
            a.negativeSince = negativeSince;
            return a;
        }
    }

    /** Everything known about one id. */
    static final class Record {
        UUID id;
        TransferKind kind;
        TransferStatus status;
        ResultCode code;
        String debit;
        String credit;
        String currency;
        long amount;
        long posted;
        long fee;
        int timeoutS;
        String memo;
        String paymentRequest;
        long timeMs;
        long sequence;
        long deadlineMs;
        int legs;
    }

    static final class Request {
        final String id;
        final String account;
        final long amount;
        final String memo;
        final long createdMs;
        final long expiresAtMs;
        boolean paid;
        UUID paidBy;
        long paidAtMs;

        Request(String id, String account, long amount, String memo, long createdMs, long expiresAtMs) {
            this.id = id;
            this.account = account;
            this.amount = amount;
            this.memo = memo;
            this.createdMs = createdMs;
            this.expiresAtMs = expiresAtMs;
        }
    }

    record Conversion(String member, String from, String to, long timeMs, long amount) {
    }

    /** What a command did, in the terms the core reports. */
    static final class Outcome {
        ResultCode code;
        // SubmitTransfers: one entry per transfer.
        ResultCode[] codes;
        TransferStatus[] statuses;
        long[] timesMs;
        long[] sequences;
        // Convert and Issue.
        TransferStatus groupStatus;
        long fee;
        long groupTimeMs;
        int legs;
        // ResolvePending.
        TransferStatus resolvedStatus;
        long postedAmount;
    }

    final LedgerConfig config;
    final Map<String, Member> members = new LinkedHashMap<>();
    final Map<String, Account> accounts = new LinkedHashMap<>();
    final Map<UUID, Record> records = new HashMap<>();
    /** Payment requests by "member id / request id": each member's ids are its own. */
    final Map<String, Request> requests = new HashMap<>();
    /** Ceiling refusals today per "sender / payee account", and the UTC day they count for. */
    final Map<String, Integer> ceilingsMet = new HashMap<>();
    long ceilingDay = Long.MIN_VALUE;
    long probesRefused;
    final List<Conversion> conversions = new ArrayList<>();
    long lastSequence;
    long timeMs = Long.MIN_VALUE;

    ReferenceLedger(LedgerConfig config) {
        this.config = config;
        for (SystemAccount s : config.systemAccounts()) {
            accounts.put(s.id(), new Account(s.id(), null, s.currency(), s.limits().floor(), s.limits().ceiling()));
        }
    }

    Outcome apply(Command c) {
        long now = Math.max(c.timestampMs(), timeMs);
        timeMs = now;
        expire(now);
        Outcome o = new Outcome();
        if (c instanceof CreateMember m) o.code = createMember(m);
        else if (c instanceof CreateAccount a) o.code = createAccount(a);
        else if (c instanceof ChangeAccount a) o.code = changeAccount(a);
        else if (c instanceof SetConversionCaps s) o.code = setCaps(s);
        else if (c instanceof SubmitTransfers s) submit(s, now, o);
        else if (c instanceof ResolvePending p) resolve(p, now, o);
        else if (c instanceof Convert v) convert(v, now, o);
        else if (c instanceof Issue i) issue(i, now, o);
        else if (c instanceof CreatePaymentRequest p) o.code = createRequest(p, now);
        else if (c instanceof Tick) o.code = ResultCode.OK;
        else throw new IllegalArgumentException("unknown command " + c);
        return o;
    }

    // ---- time ----

    private void expire(long now) {
        for (Record r : records.values()) {
            if (r.status == TransferStatus.PENDING && r.deadlineMs <= now) {
                release(r);
                r.status = TransferStatus.EXPIRED;
            }
        }
    }

    private void release(Record r) {
        Account d = accounts.get(r.debit);
        Account c = accounts.get(r.credit);
        d.debitsPending = d.debitsPending.subtract(BigInteger.valueOf(r.amount));
        c.creditsPending = c.creditsPending.subtract(BigInteger.valueOf(r.amount));
    }

    // ---- members and accounts ----

    private ResultCode createMember(CreateMember c) {
        Member existing = c.id == null ? null : members.get(c.id);
        if (existing != null) {
            boolean same = existing.kind == c.kind && existing.name.equals(c.name);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (c.id == null || !ID.matcher(c.id).matches() || c.name == null || c.kind == null) return ResultCode.INVALID_ID;
        members.put(c.id, new Member(c.id, c.name, c.kind));
        return ResultCode.OK;
    }

    private ResultCode createAccount(CreateAccount c) {
        Account existing = c.id == null ? null : accounts.get(c.id);
        Member member = c.memberId == null ? null : members.get(c.memberId);
        CurrencyPolicy policy = currency(c.currency);
        if (existing != null) {
            boolean same = member != null && member.id.equals(existing.owner) && existing.currency.equals(c.currency);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (c.id == null || !ID.matcher(c.id).matches()) return ResultCode.INVALID_ID;
        if (member == null) return ResultCode.UNKNOWN_MEMBER;
        if (policy == null) return ResultCode.UNKNOWN_CURRENCY;
        if (!policy.holders().contains(member.kind)) return ResultCode.NOT_PERMITTED;
        Limits defaults = policy.defaultLimits().getOrDefault(member.kind, Limits.NONE);
        long floor = c.floor != null ? c.floor : defaults.floor();
        long ceiling = c.ceiling != null ? c.ceiling : defaults.ceiling();
        if (floor > 0 || ceiling < 0) return ResultCode.INVALID_LIMITS;
        accounts.put(c.id, new Account(c.id, member.id, c.currency, floor, ceiling));
        return ResultCode.OK;
    }

    private ResultCode changeAccount(ChangeAccount c) {
        Account a = c.id == null ? null : accounts.get(c.id);
        if (a == null) return ResultCode.UNKNOWN_ACCOUNT;
        if (a.owner == null) return ResultCode.NOT_PERMITTED;
        if (a.status == AccountStatus.CLOSED) return ResultCode.ACCOUNT_CLOSED;
        long floor = c.floor != null ? c.floor : a.floor;
        long ceiling = c.ceiling != null ? c.ceiling : a.ceiling;
        if (floor > 0 || ceiling < 0) return ResultCode.INVALID_LIMITS;
        if (a.balance().subtract(a.debitsPending).compareTo(BigInteger.valueOf(floor)) < 0) {
            return ResultCode.EXCEEDS_FLOOR;
        }
        if (a.balance().add(a.creditsPending).compareTo(BigInteger.valueOf(ceiling)) > 0) {
            return ResultCode.EXCEEDS_CEILING;
        }
        if (c.status == AccountStatus.CLOSED && (a.balance().signum() != 0 || a.debitsPending.signum() != 0
                || a.creditsPending.signum() != 0)) {
            return ResultCode.ACCOUNT_NOT_EMPTY;
        }
        a.floor = floor;
        a.ceiling = ceiling;
        if (c.status != null) a.status = c.status;
        return ResultCode.OK;
    }

    private ResultCode setCaps(SetConversionCaps c) {
        Member m = c.memberId == null ? null : members.get(c.memberId);
        if (m == null) return ResultCode.UNKNOWN_MEMBER;
        for (CapOverride o : c.caps) {
            if (pair(o.from(), o.to()) == null) return ResultCode.CONVERSION_NOT_ALLOWED;
        }
        m.caps = new ArrayList<>(c.caps);
        return ResultCode.OK;
    }

    // ---- movements ----

    private ResultCode check(Account d, Account c, long amount, boolean pending) {
        if (d.status == AccountStatus.CLOSED || c.status == AccountStatus.CLOSED) return ResultCode.ACCOUNT_CLOSED;
        if (d.status == AccountStatus.FROZEN || c.status == AccountStatus.FROZEN) return ResultCode.ACCOUNT_FROZEN;
        BigInteger a = BigInteger.valueOf(amount);
        BigInteger debitSide = pending ? d.debitsPending : d.debitsPosted;
        BigInteger creditSide = pending ? c.creditsPending : c.creditsPosted;
        if (debitSide.add(a).compareTo(LONG_MAX) > 0 || creditSide.add(a).compareTo(LONG_MAX) > 0) {
            return ResultCode.OVERFLOW;
        }
        if (d.balance().subtract(d.debitsPending).subtract(a).compareTo(BigInteger.valueOf(d.floor)) < 0) {
            return ResultCode.EXCEEDS_FLOOR;
        }
        if (c.balance().add(c.creditsPending).add(a).compareTo(BigInteger.valueOf(c.ceiling)) > 0) {
            return ResultCode.EXCEEDS_CEILING;
        }
        return ResultCode.OK;
    }

    private void move(Account d, Account c, long amount, boolean pending, long now) {
        BigInteger a = BigInteger.valueOf(amount);
        if (pending) {
            d.debitsPending = d.debitsPending.add(a);
            c.creditsPending = c.creditsPending.add(a);
        } else {
            d.debitsPosted = d.debitsPosted.add(a);
            c.creditsPosted = c.creditsPosted.add(a);
            trackNegative(d, now);
            trackNegative(c, now);
        }
    }

    /** negative_since: set when the posted balance goes below zero, cleared when it comes back. */
    private static void trackNegative(Account a, long now) {
        if (a.balance().signum() < 0) {
            if (a.negativeSince == null) a.negativeSince = now;
        } else {
            a.negativeSince = null;
        }
    }

    /** Everything an atomic group may change, to put back if it fails. */
    /**
     * Whether a request has left the ledger's memory: paid or expired longer ago than the retention period, as of the
     * last command (its id stays taken: {@link #requests} keeps it).
     */
    boolean retired(Request r) {
        return (r.paid ? r.paidAtMs : r.expiresAtMs) <= timeMs - config.paymentRequestRetentionDays() * 86_400_000L;
    }

    private record Snapshot(Map<String, Account> accounts, Map<Request, Boolean> paid, Map<Request, UUID> paidBy) {
    }

    private Snapshot snapshot() {
        Map<String, Account> a = new LinkedHashMap<>();
        for (Account x : accounts.values()) a.put(x.id, x.copy());
        Map<Request, Boolean> paid = new java.util.IdentityHashMap<>();
        Map<Request, UUID> paidBy = new java.util.IdentityHashMap<>();
        for (Request r : requests.values()) {
            paid.put(r, r.paid);
            paidBy.put(r, r.paidBy);
        }
        return new Snapshot(a, paid, paidBy);
    }

    private void restore(Snapshot s) {
        accounts.clear();
        accounts.putAll(s.accounts);
        for (Request r : requests.values()) {
            r.paid = s.paid.get(r);
            r.paidBy = s.paidBy.get(r);
        }
    }

    // ---- transfers ----

    private void submit(SubmitTransfers c, long now, Outcome o) {
        int n = c.transfers.length;
        o.code = ResultCode.OK;
        o.codes = new ResultCode[n];
        o.statuses = new TransferStatus[n];
        o.timesMs = new long[n];
        o.sequences = new long[n];
        Member actor = c.actorMemberId == null ? null : members.get(c.actorMemberId);
        if (!c.atomic) {
            for (int i = 0; i < n; i++) {
                TransferRequest t = c.transfers[i];
                if (answerKnown(t, i, o)) continue;
                ResultCode rc = admit(t, actor, now);
                if (rc == ResultCode.OK) moveTransfer(t, now);
                record(t, rc, now, i, o);
            }
            return;
        }
        Set<UUID> seen = new HashSet<>();
        boolean anyKnown = false;
        for (TransferRequest t : c.transfers) {
            UUID id = new UUID(t.idHi, t.idLo);
            if (records.containsKey(id) || !seen.add(id)) anyKnown = true;
        }
        if (anyKnown) {
            for (int i = 0; i < n; i++) {
                if (!answerKnown(c.transfers[i], i, o)) record(c.transfers[i], ResultCode.LINKED_FAILED, now, i, o);
            }
            return;
        }
        Snapshot before = snapshot();
        int failed = -1;
        ResultCode failure = ResultCode.OK;
        for (int i = 0; i < n; i++) {
            ResultCode rc = admit(c.transfers[i], actor, now);
            if (rc != ResultCode.OK) {
                failed = i;
                failure = rc;
                break;
            }
            moveTransfer(c.transfers[i], now);
        }
        if (failed >= 0) restore(before);
        for (int i = 0; i < n; i++) {
            ResultCode rc = failed < 0 ? ResultCode.OK : i == failed ? failure : ResultCode.LINKED_FAILED;
            record(c.transfers[i], rc, now, i, o);
        }
    }

    private boolean answerKnown(TransferRequest t, int i, Outcome o) {
        Record r = records.get(new UUID(t.idHi, t.idLo));
        if (r == null) return false;
        boolean same = r.kind == TransferKind.TRANSFER && r.amount == t.amount && r.timeoutS == t.pendingTimeoutS
                && Objects.equals(r.debit, t.debitAccount) && Objects.equals(r.credit, t.creditAccount)
                && Objects.equals(r.currency, t.currency) && Objects.equals(r.memo, t.memo)
                && Objects.equals(r.paymentRequest, t.paymentRequest);
        o.codes[i] = !same ? ResultCode.EXISTS_WITH_DIFFERENT_FIELDS
                : r.status == TransferStatus.REJECTED ? r.code : ResultCode.EXISTS;
        o.statuses[i] = r.status;
        o.timesMs[i] = r.timeMs;
        o.sequences[i] = r.sequence;
        return true;
    }

    private ResultCode admit(TransferRequest t, Member actor, long now) {
        CurrencyPolicy policy = currency(t.currency);
        if (t.amount <= 0 || (policy != null && t.amount > policy.maxAmount())) return ResultCode.INVALID_AMOUNT;
        if (t.pendingTimeoutS < 0 || t.pendingTimeoutS > TransferRequest.MAX_PENDING_TIMEOUT_S) {
            return ResultCode.INVALID_TIMEOUT;
        }
        if (t.debitAccount.equals(t.creditAccount)) return ResultCode.SAME_ACCOUNT;
        Account d = accounts.get(t.debitAccount);
        Account c = accounts.get(t.creditAccount);
        if (d == null || c == null) return ResultCode.UNKNOWN_ACCOUNT;
        if (currency(t.currency) == null || !d.currency.equals(t.currency) || !c.currency.equals(t.currency)) {
            return ResultCode.CURRENCY_MISMATCH;
        }
        if (actor == null || !actor.id.equals(d.owner) || c.owner == null) return ResultCode.NOT_PERMITTED;
        if (t.paymentRequest != null) {
            Request r = requests.get(c.owner + "/" + t.paymentRequest);
            if (r == null || t.pendingTimeoutS != 0 || r.paid || now >= r.expiresAtMs
                    || !r.account.equals(t.creditAccount) || r.amount != t.amount) {
                return ResultCode.PAYMENT_REQUEST_MISMATCH;
            }
        }
        boolean foreign = !actor.id.equals(c.owner);
        String probe = actor.id + "/" + c.id;
        long day = Math.floorDiv(now, 86_400_000L);
        if (day != ceilingDay) {
            ceilingDay = day;
            ceilingsMet.clear();
        }
        if (foreign && ceilingsMet.getOrDefault(probe, 0) >= currency(c.currency).ceilingProbesPerDay()) {
            probesRefused++;
            return ResultCode.CEILING_PROBE_LIMITED;
        }
        ResultCode rc = check(d, c, t.amount, t.pendingTimeoutS > 0);
        if (foreign && rc == ResultCode.EXCEEDS_CEILING) ceilingsMet.merge(probe, 1, Integer::sum);
        return rc;
    }

    private void moveTransfer(TransferRequest t, long now) {
        move(accounts.get(t.debitAccount), accounts.get(t.creditAccount), t.amount, t.pendingTimeoutS > 0, now);
        if (t.paymentRequest != null) {
            Request r = requests.get(accounts.get(t.creditAccount).owner + "/" + t.paymentRequest);
            r.paid = true;
            r.paidBy = new UUID(t.idHi, t.idLo);
            r.paidAtMs = now;
        }
    }

    private void record(TransferRequest t, ResultCode rc, long now, int i, Outcome o) {
        Record r = new Record();
        r.id = new UUID(t.idHi, t.idLo);
        r.kind = TransferKind.TRANSFER;
        r.code = rc;
        r.debit = t.debitAccount;
        r.credit = t.creditAccount;
        r.currency = t.currency;
        r.amount = t.amount;
        r.timeoutS = t.pendingTimeoutS;
        r.memo = t.memo;
        r.paymentRequest = t.paymentRequest;
        r.timeMs = now;
        if (rc == ResultCode.OK) {
            r.sequence = ++lastSequence;
            r.status = t.pendingTimeoutS > 0 ? TransferStatus.PENDING : TransferStatus.POSTED;
            r.deadlineMs = now + t.pendingTimeoutS * 1000L;
        } else {
            r.status = TransferStatus.REJECTED;
        }
        records.put(r.id, r);
        o.codes[i] = rc;
        o.statuses[i] = r.status;
        o.timesMs[i] = now;
        o.sequences[i] = r.sequence;
    }

    // ---- holds ----

    private void resolve(ResolvePending c, long now, Outcome o) {
        Record r = records.get(new UUID(c.idHi, c.idLo));
        if (r == null || r.status != TransferStatus.PENDING) {
            if (r == null || r.kind != TransferKind.TRANSFER || r.timeoutS == 0 || r.status == TransferStatus.REJECTED) {
                o.code = ResultCode.PENDING_NOT_FOUND;
                return;
            }
            o.code = r.status == TransferStatus.EXPIRED ? ResultCode.PENDING_EXPIRED : ResultCode.PENDING_ALREADY_RESOLVED;
            o.resolvedStatus = r.status;
            o.postedAmount = r.posted;
            return;
        }
        Account d = accounts.get(r.debit);
        Account cr = accounts.get(r.credit);
        Member actor = c.actorMemberId == null ? null : members.get(c.actorMemberId);
        boolean payee = actor != null && actor.id.equals(cr.owner);
        boolean payer = actor != null && actor.id.equals(d.owner);
        if (!(payee || (!c.post && payer))) {
            o.code = ResultCode.NOT_PERMITTED;
            return;
        }
        long posted = !c.post ? 0 : c.amount == 0 ? r.amount : c.amount;
        if (c.post) {
            if (posted < 0 || posted > r.amount) {
                o.code = ResultCode.INVALID_AMOUNT;
                return;
            }
            if (d.status == AccountStatus.FROZEN || cr.status == AccountStatus.FROZEN) {
                o.code = ResultCode.ACCOUNT_FROZEN;
                return;
            }
            BigInteger p = BigInteger.valueOf(posted);
            if (d.debitsPosted.add(p).compareTo(LONG_MAX) > 0 || cr.creditsPosted.add(p).compareTo(LONG_MAX) > 0) {
                o.code = ResultCode.OVERFLOW;
                return;
            }
        }
        release(r);
        if (posted > 0) {
            d.debitsPosted = d.debitsPosted.add(BigInteger.valueOf(posted));
            cr.creditsPosted = cr.creditsPosted.add(BigInteger.valueOf(posted));
            trackNegative(d, now);
            trackNegative(cr, now);
        }
        r.status = c.post ? TransferStatus.POSTED : TransferStatus.VOIDED;
        r.posted = posted;
        o.code = ResultCode.OK;
        o.resolvedStatus = r.status;
        o.postedAmount = posted;
    }

    private ResultCode createRequest(CreatePaymentRequest c, long now) {
        if (c.id == null || c.id.isEmpty()) return ResultCode.INVALID_ID;
        if (c.amount <= 0) return ResultCode.INVALID_AMOUNT;
        if (c.expiresInS <= 0 || c.expiresInS > CreatePaymentRequest.MAX_EXPIRES_IN_S) return ResultCode.INVALID_TIMEOUT;
        Account a = c.creditAccount == null ? null : accounts.get(c.creditAccount);
        if (a == null) return ResultCode.UNKNOWN_ACCOUNT;
        Member actor = c.actorMemberId == null ? null : members.get(c.actorMemberId);
        if (actor == null || !actor.id.equals(a.owner)) return ResultCode.NOT_PERMITTED;
        if (c.amount > currency(a.currency).maxAmount()) return ResultCode.INVALID_AMOUNT;
        Request existing = requests.get(actor.id + "/" + c.id);
        if (existing != null) {
            boolean same = existing.account.equals(c.creditAccount) && existing.amount == c.amount
                    && Objects.equals(existing.memo, c.memo);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        requests.put(actor.id + "/" + c.id,
                new Request(c.id, c.creditAccount, c.amount, c.memo, now, now + c.expiresInS * 1000L));
        return ResultCode.OK;
    }

    // ---- conversions and issuance ----

    private record Leg(Account debit, Account credit, long amount) {
    }

    private void convert(Convert c, long now, Outcome o) {
        UUID id = new UUID(c.idHi, c.idLo);
        TransferKind kind = c.toAccount == null ? TransferKind.RECONVERSION : TransferKind.CONVERSION;
        Record known = records.get(id);
        if (known != null) {
            Account from = known.debit == null ? null : accounts.get(known.debit);
            boolean same = known.kind == kind && Objects.equals(known.debit, c.fromAccount)
                    && Objects.equals(known.credit, c.toAccount) && known.amount == c.amount
                    && Objects.equals(known.memo, c.reference)
                    && (known.status == TransferStatus.REJECTED
                    || (from != null && Objects.equals(from.owner, c.actorMemberId)));
            answerGroup(known, same, now, o);
            return;
        }
        Account from = c.fromAccount == null ? null : accounts.get(c.fromAccount);
        Account to = c.toAccount == null ? null : accounts.get(c.toAccount);
        Member actor = c.actorMemberId == null ? null : members.get(c.actorMemberId);
        String euro = config.referenceCurrency().code();
        ResultCode rc = ResultCode.OK;
        ConversionPolicy policy = null;
        long fee = 0;
        long net = 0;
        if (c.amount <= 0 || c.amount > MAX_CONVERSION_AMOUNT) rc = ResultCode.INVALID_AMOUNT;
        else if ((kind == TransferKind.RECONVERSION) != euro.equals(c.toCurrency)) rc = ResultCode.CONVERSION_NOT_ALLOWED;
        else if (from == null || (kind == TransferKind.CONVERSION && to == null)) rc = ResultCode.UNKNOWN_ACCOUNT;
        else if (actor == null || !actor.id.equals(from.owner) || (to != null && !actor.id.equals(to.owner))) {
            rc = ResultCode.NOT_PERMITTED;
        } else if (c.amount > currency(from.currency).maxAmount()) {
            rc = ResultCode.INVALID_AMOUNT;
        } else {
            policy = pair(from.currency, to != null ? to.currency : c.toCurrency);
            if (policy == null || !policy.allowed().contains(actor.kind)) {
                rc = ResultCode.CONVERSION_NOT_ALLOWED;
            } else {
                fee = feeOn(c.amount, policy.feeRateBp());
                net = c.amount - fee;
                if (net <= 0) {
                    rc = ResultCode.INVALID_AMOUNT;
                } else {
                    ConversionPolicy.Cap cap = capOf(actor, policy);
                    BigInteger used = BigInteger.ZERO;
                    for (Conversion v : conversions) {
                        if (v.member.equals(actor.id) && v.from.equals(policy.from()) && v.to.equals(policy.to())
                                && v.timeMs > now - cap.windowMs()) {
                            used = used.add(BigInteger.valueOf(v.amount));
                        }
                    }
                    if (used.add(BigInteger.valueOf(c.amount)).compareTo(BigInteger.valueOf(cap.amount())) > 0) {
                        rc = ResultCode.CONVERSION_CAP_EXCEEDED;
                    } else if (kind == TransferKind.CONVERSION) {
                        Account pool = system(SystemRole.CONVERSION_POOL, policy.to());
                        BigInteger room = pool.balance().subtract(pool.debitsPending)
                                .subtract(BigInteger.valueOf(pool.floor));
                        if (BigInteger.valueOf(net).compareTo(room) > 0) rc = ResultCode.CONVERSION_POOL_INSUFFICIENT;
                    }
                }
            }
        }
        List<Leg> legs = new ArrayList<>();
        if (rc == ResultCode.OK) {
            if (kind == TransferKind.RECONVERSION) {
                legs.add(new Leg(from, system(SystemRole.ISSUANCE, from.currency), net));
                if (fee > 0) legs.add(new Leg(from, system(SystemRole.FEES, from.currency), fee));
                legs.add(new Leg(system(SystemRole.EURO_RESERVE, euro), system(SystemRole.EURO_WORLD, euro), net));
            } else {
                legs.add(new Leg(from, system(SystemRole.CONVERSION_POOL, from.currency), net));
                if (fee > 0) legs.add(new Leg(from, system(SystemRole.FEES, from.currency), fee));
                legs.add(new Leg(system(SystemRole.CONVERSION_POOL, to.currency), to, net));
            }
            rc = legIdsFree(id, legs.size()) ? applyLegs(legs, now) : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
            if (rc == ResultCode.OK) {
                conversions.add(new Conversion(actor.id, policy.from(), policy.to(), now, c.amount));
            }
        }
        recordGroup(id, kind, c.fromAccount, c.toAccount, from == null ? null : from.currency, c.amount,
                rc == ResultCode.OK ? fee : 0, c.reference, rc, legs, now, o);
    }

    private void issue(Issue c, long now, Outcome o) {
        UUID id = new UUID(c.idHi, c.idLo);
        Record known = records.get(id);
        if (known != null) {
            boolean same = known.kind == TransferKind.ISSUANCE && Objects.equals(known.credit, c.toAccount)
                    && known.amount == c.amount && Objects.equals(known.memo, c.reference);
            answerGroup(known, same, now, o);
            return;
        }
        Account to = c.toAccount == null ? null : accounts.get(c.toAccount);
        ResultCode rc;
        if (c.amount <= 0) rc = ResultCode.INVALID_AMOUNT;
        else if (to == null) rc = ResultCode.UNKNOWN_ACCOUNT;
        else if (to.owner == null) rc = ResultCode.NOT_PERMITTED;
        else if (currency(to.currency).kind() != CurrencyKind.EURO_BACKED) rc = ResultCode.CURRENCY_MISMATCH;
        else rc = ResultCode.OK;
        List<Leg> legs = new ArrayList<>();
        if (rc == ResultCode.OK) {
            String euro = config.referenceCurrency().code();
            legs.add(new Leg(system(SystemRole.EURO_WORLD, euro), system(SystemRole.EURO_RESERVE, euro), c.amount));
            legs.add(new Leg(system(SystemRole.ISSUANCE, to.currency), to, c.amount));
            rc = legIdsFree(id, legs.size()) ? applyLegs(legs, now) : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        recordGroup(id, TransferKind.ISSUANCE, null, c.toAccount, to == null ? null : to.currency, c.amount, 0,
                c.reference, rc, legs, now, o);
    }

    /** A group whose legs' ids are taken (a transfer sent with one of them) would apply an id twice: refused. */
    private boolean legIdsFree(UUID group, int legs) {
        for (int i = 0; i < legs; i++) {
            if (records.containsKey(legId(group, i))) return false;
        }
        return true;
    }

    private ResultCode applyLegs(List<Leg> legs, long now) {
        Snapshot before = snapshot();
        for (Leg l : legs) {
            ResultCode rc = check(l.debit, l.credit, l.amount, false);
            if (rc != ResultCode.OK) {
                restore(before);
                return rc;
            }
            move(l.debit, l.credit, l.amount, false, now);
        }
        return ResultCode.OK;
    }

    private void recordGroup(UUID id, TransferKind kind, String debit, String credit, String currency, long amount,
                             long fee, String reference, ResultCode rc, List<Leg> legs, long now, Outcome o) {
        Record g = new Record();
        g.id = id;
        g.kind = kind;
        g.code = rc;
        g.status = rc == ResultCode.OK ? TransferStatus.POSTED : TransferStatus.REJECTED;
        g.debit = debit;
        g.credit = credit;
        g.currency = currency;
        g.amount = amount;
        g.fee = fee;
        g.memo = reference;
        g.timeMs = now;
        g.legs = rc == ResultCode.OK ? legs.size() : 0;
        records.put(id, g);
        if (rc == ResultCode.OK) {
            for (int i = 0; i < legs.size(); i++) {
                Leg l = legs.get(i);
                Record r = new Record();
                r.id = legId(id, i);
                r.kind = TransferKind.LEG;
                r.code = ResultCode.OK;
                r.status = TransferStatus.POSTED;
                r.debit = l.debit.id;
                r.credit = l.credit.id;
                r.currency = l.debit.currency;
                r.amount = l.amount;
                r.timeMs = now;
                r.sequence = ++lastSequence;
                records.put(r.id, r);
            }
        }
        o.code = rc;
        o.groupStatus = g.status;
        o.fee = g.fee;
        o.groupTimeMs = now;
        o.legs = g.legs;
    }

    /** The original's outcome for the same group sent again; a bare refusal, nothing of it, for anything else. */
    private static void answerGroup(Record known, boolean same, long now, Outcome o) {
        if (!same) {
            o.code = ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
            o.groupStatus = TransferStatus.REJECTED;
            o.groupTimeMs = now;
            return;
        }
        o.code = known.status == TransferStatus.REJECTED ? known.code : ResultCode.EXISTS;
        o.groupStatus = known.status;
        o.fee = known.fee;
        o.groupTimeMs = known.timeMs;
        o.legs = known.legs;
    }

    /** The fee on an amount at a rate in basis points, rounded up (in the association's favour). */
    static long feeOn(long amount, int rateBp) {
        BigInteger[] qr = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(rateBp))
                .divideAndRemainder(BigInteger.valueOf(10_000));
        return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }

    private ConversionPolicy.Cap capOf(Member m, ConversionPolicy policy) {
        if (m.caps != null) {
            for (CapOverride o : m.caps) {
                if (o.from().equals(policy.from()) && o.to().equals(policy.to())) return o.cap();
            }
        }
        return policy.cap();
    }

    /** The id of leg {@code i} of a group: SHA-256("mlml/leg" ‖ hi ‖ lo ‖ i) shaped as a version-8 UUID. */
    static UUID legId(UUID group, int i) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer in = ByteBuffer.allocate(32);
            in.put("mlml/leg".getBytes(StandardCharsets.US_ASCII)).putLong(group.getMostSignificantBits())
                    .putLong(group.getLeastSignificantBits()).putInt(i);
            ByteBuffer out = ByteBuffer.wrap(sha.digest(in.array()));
            long hi = (out.getLong() & ~0xF000L) | 0x8000L;
            long lo = (out.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- config look-ups ----

    private CurrencyPolicy currency(String code) {
        for (CurrencyPolicy p : config.currencies()) {
            if (p.code().equals(code)) return p;
        }
        return null;
    }

    private ConversionPolicy pair(String from, String to) {
        for (ConversionPolicy p : config.conversions()) {
            if (p.from().equals(from) && p.to().equals(to)) return p;
        }
        return null;
    }

    Account system(SystemRole role, String currency) {
        for (SystemAccount s : config.systemAccounts()) {
            if (s.role() == role && s.currency().equals(currency)) return accounts.get(s.id());
        }
        throw new IllegalStateException("no " + role + " account in " + currency);
    }

    // ---- views ----

    int pendingCount() {
        int n = 0;
        for (Record r : records.values()) {
            if (r.status == TransferStatus.PENDING) n++;
        }
        return n;
    }
}
