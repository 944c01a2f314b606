package fr.mlml.ledger.core;

import java.util.List;

/**
 * The ledger's state machine: every balance and every rule of the association's money. One thread applies
 * commands in order ({@link #apply}); the same commands with the same timestamps always give the same state and the
 * same results (no clock, no randomness, no I/O). Rule violations are result codes, never exceptions.
 *
 * <p>Where the rules live: transfers, holds and payment requests in {@link TransferProcessor}; conversions and
 * issuance in {@link ConversionProcessor}; balance checks (status, floor, ceiling, overflow) in {@link Postings};
 * members and accounts here.
 */
public final class Ledger {
    final LedgerConfig config;
    final TransferArchive archive;
    final Accounts accounts = new Accounts();
    final Members members = new Members();
    final TransferLog log;
    final PendingTransfers pendings = new PendingTransfers();
    final PaymentRequests paymentRequests = new PaymentRequests();
    final Refunds refunds = new Refunds();
    final CeilingProbes probes = new CeilingProbes();
    final ConversionWindows windows;
    final Credentials credentials = new Credentials();
    final Postings postings;
    final CurrencyPolicy[] currencies;
    private final TransferProcessor transfers;
    private final ConversionProcessor conversions;
    long lastSequence;
    long lastEntry;
    long lastTimestampMs = Long.MIN_VALUE;
    private EntrySink entrySink;
    /** Requests that expired since the last {@link #takeExpiredPaymentRequests}, gathered while a sink listens. */
    private final List<PaymentRequests.Entry> expiredRequests = new java.util.ArrayList<>();

    public Ledger(LedgerConfig config, TransferArchive archive) {
        this.config = config;
        this.archive = archive;
        this.currencies = config.currencies().toArray(new CurrencyPolicy[0]);
        this.log = new TransferLog(config.recentTransfersCapacity());
        this.windows = new ConversionWindows(config.conversions().size());
        this.postings = new Postings(accounts);
        for (SystemAccount s : config.systemAccounts()) {
            accounts.add(s.id(), Accounts.SYSTEM_OWNER, currencyIndex(s.currency()), s.limits());
        }
        this.transfers = new TransferProcessor(this);
        this.conversions = new ConversionProcessor(this);
    }

    /**
     * Applies one command at its timestamp (never earlier than the previous command's: time does not run back).
     * Pending transfers whose deadline has come expire first, and payment requests resolved longer ago than the
     * retention period leave memory.
     */
    public ResultCode apply(Command command) {
        long nowMs = Math.max(command.timestampMs(), lastTimestampMs);
        long previousMs = lastTimestampMs;
        lastTimestampMs = nowMs;
        transfers.expireDue(nowMs);
        paymentRequests.expireDue(previousMs, nowMs, entrySink == null ? null : expiredRequests);
        paymentRequests.retire(nowMs, config.paymentRequestRetentionMs());
        credentials.sweep(nowMs);
        ResultCode rc = command.applyTo(this, nowMs);
        command.result = rc;
        return rc;
    }

    /** Where the entries of the commands applied from now on go (null: nowhere, and none is built). */
    public void onEntries(EntrySink sink) {
        entrySink = sink;
    }

    /**
     * Numbers an entry and hands it to the sink. Balances are passed in, read right after the move, because an
     * atomic group records its transfers only once all of them moved.
     */
    void entry(long hi, long lo, long seq, TransferKind kind, TransferStatus st, int debit, int credit, long amount,
               long debitAfter, long creditAfter, int timeoutS, String memo, String request, long nowMs) {
        long number = ++lastEntry;
        if (entrySink == null) return;
        entrySink.accept(new Entry(number, hi, lo, seq, kind, st, accounts.ids[debit], accounts.ids[credit],
                currencies[accounts.currency[debit]].code(), amount, debitAfter, creditAfter, timeoutS, memo, request,
                nowMs));
    }

    ResultCode createMember(CreateMember c) {
        int existing = members.indexOf(c.id);
        if (existing >= 0) {
            boolean same = members.kind(existing) == c.kind && members.name(existing).equals(c.name);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (!AccountIds.isValid(c.id) || c.name == null || c.kind == null) return ResultCode.INVALID_ID;
        members.add(c.id, c.name, c.kind);
        return ResultCode.OK;
    }

    ResultCode renameMember(RenameMember c) {
        int m = members.indexOf(c.id);
        if (m < 0) return ResultCode.UNKNOWN_MEMBER;
        if (c.name == null || c.name.isEmpty()) return ResultCode.INVALID_ID;
        members.setName(m, c.name);
        return ResultCode.OK;
    }

    /**
     * Member and terminal tokens name an existing member; only terminal tokens a device and refund limits. The token
     * gets the next id.
     */
    ResultCode registerToken(RegisterToken c, long nowMs) {
        ResultCode rc = checkToken(c.hash, c.role, c.memberId, c.terminalId, c.refundLimit, c.refundLimitPerDay);
        if (rc != ResultCode.OK) return rc;
        if (c.expiresInS < 0 || c.expiresInS > RegisterToken.MAX_EXPIRES_IN_S) return ResultCode.INVALID_TIMEOUT;
        long expiresAtMs = c.expiresInS == 0 ? Credentials.NEVER : nowMs + c.expiresInS * 1000;
        Credentials.Token t = new Credentials.Token(credentials.lastTokenNumber + 1, c.hash, c.role,
                members.indexOf(c.memberId), c.terminalId, c.refundLimit, c.refundLimitPerDay, nowMs, expiresAtMs);
        rc = credentials.addToken(t);
        if (rc == ResultCode.OK) c.number = t.number;
        return rc;
    }

    private ResultCode checkToken(byte[] hash, TokenRole role, String memberId, String terminalId, long refundLimit,
                                  long refundLimitPerDay) {
        if (role == null || hash.length != RegisterToken.HASH_BYTES) return ResultCode.INVALID_ID;
        boolean terminal = role == TokenRole.TERMINAL;
        if (role.actsForMember() != (memberId != null) || terminal != (terminalId != null)) {
            return ResultCode.INVALID_ID;
        }
        if (terminal && !AccountIds.isValid(terminalId)) return ResultCode.INVALID_ID;
        if (refundLimit < 0 || refundLimitPerDay < 0 || (!terminal && (refundLimit != 0 || refundLimitPerDay != 0))) {
            return ResultCode.INVALID_AMOUNT;
        }
        return memberId != null && members.indexOf(memberId) < 0 ? ResultCode.UNKNOWN_MEMBER : ResultCode.OK;
    }

    ResultCode registerSigningKey(RegisterSigningKey c, long nowMs) {
        if (!AccountIds.isValid(c.keyId) || c.publicKey.length != RegisterSigningKey.PUBLIC_KEY_BYTES
                || (c.terminalId != null && !AccountIds.isValid(c.terminalId))) {
            return ResultCode.INVALID_ID;
        }
        int member = members.indexOf(c.memberId);
        if (member < 0) return ResultCode.UNKNOWN_MEMBER;
        return credentials.addKey(new Credentials.SigningKey(c.keyId, member, c.publicKey, c.terminalId, nowMs));
    }

    ResultCode revokeSigningKey(RevokeSigningKey c, long nowMs) {
        return credentials.revoke(c.keyId, members.indexOf(c.memberId), nowMs);
    }

    /** A code for a member or terminal device, lasting 1 s to 7 days. */
    ResultCode createEnrollment(CreateEnrollment c, long nowMs) {
        if (c.role == null || !c.role.actsForMember()) return ResultCode.INVALID_ID;
        ResultCode rc = checkToken(c.hash, c.role, c.memberId, c.terminalId, c.refundLimit, c.refundLimitPerDay);
        if (rc != ResultCode.OK) return rc;
        if (c.expiresInS < 1 || c.expiresInS > CreateEnrollment.MAX_EXPIRES_IN_S) return ResultCode.INVALID_TIMEOUT;
        long expiresAtMs = nowMs + c.expiresInS * 1000;
        Enrollments.Code code = new Enrollments.Code(c.hash, members.indexOf(c.memberId), c.role, c.terminalId,
                c.refundLimit, c.refundLimitPerDay, nowMs, expiresAtMs);
        if (!credentials.enrollments.add(code)) return ResultCode.EXISTS;
        credentials.enrollmentAdded(expiresAtMs);
        return ResultCode.OK;
    }

    /** Spends a code: its key and its token, or nothing. */
    ResultCode enroll(Enroll c, long nowMs) {
        Enrollments.Code code = c.codeHash.length == RegisterToken.HASH_BYTES
                ? credentials.enrollments.usable(c.codeHash, nowMs) : null;
        if (code == null) return ResultCode.ENROLLMENT_INVALID;
        if (!AccountIds.isValid(c.keyId) || c.publicKey.length != RegisterSigningKey.PUBLIC_KEY_BYTES
                || c.tokenHash.length != RegisterToken.HASH_BYTES || (c.deviceName != null
                && (c.deviceName.isEmpty() || c.deviceName.length() > Enroll.MAX_DEVICE_NAME))) {
            return ResultCode.INVALID_ID;
        }
        if (credentials.key(c.keyId) != null) return ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        Credentials.Token t = new Credentials.Token(credentials.lastTokenNumber + 1, c.tokenHash, code.role(),
                code.member(), code.terminalId(), code.refundLimit(), code.refundLimitPerDay(), nowMs,
                Credentials.NEVER);
        t.deviceName = c.deviceName;
        ResultCode rc = credentials.addToken(t);
        if (rc != ResultCode.OK) return ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        credentials.addKey(new Credentials.SigningKey(c.keyId, code.member(), c.publicKey, code.terminalId(), nowMs));
        credentials.enrollments.remove(code);
        c.tokenNumber = t.number;
        return ResultCode.OK;
    }

    ResultCode createAccount(CreateAccount c) {
        int existing = accounts.indexOf(c.id);
        int member = members.indexOf(c.memberId);
        int currency = currencyIndex(c.currency);
        if (existing >= 0) {
            boolean same = accounts.owner[existing] == member && member >= 0 && accounts.currency[existing] == currency;
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (!AccountIds.isValid(c.id)) return ResultCode.INVALID_ID;
        if (member < 0) return ResultCode.UNKNOWN_MEMBER;
        if (currency < 0) return ResultCode.UNKNOWN_CURRENCY;
        CurrencyPolicy policy = currencies[currency];
        MemberKind kind = members.kind(member);
        if (!policy.holders().contains(kind)) return ResultCode.NOT_PERMITTED;
        Limits defaults = policy.defaultLimitsFor(kind);
        Limits limits = new Limits(c.floor != null ? c.floor : defaults.floor(),
                c.ceiling != null ? c.ceiling : defaults.ceiling());
        if (!limits.admitsZero()) return ResultCode.INVALID_LIMITS;
        accounts.add(c.id, member, currency, limits);
        c.limits = limits;
        return ResultCode.OK;
    }

    ResultCode changeAccount(ChangeAccount c) {
        int a = accounts.indexOf(c.id);
        if (a < 0) return ResultCode.UNKNOWN_ACCOUNT;
        if (accounts.owner[a] == Accounts.SYSTEM_OWNER) return ResultCode.NOT_PERMITTED;
        if (accounts.status(a) == AccountStatus.CLOSED) return ResultCode.ACCOUNT_CLOSED;
        long floor = c.floor != null ? c.floor : accounts.floor[a];
        long ceiling = c.ceiling != null ? c.ceiling : accounts.ceiling[a];
        if (!new Limits(floor, ceiling).admitsZero()) return ResultCode.INVALID_LIMITS;
        // A new limit must already hold: the back office may not put an account in breach (invariant 2).
        if (accounts.balanceNetOfPendingDebits(a) < floor) return ResultCode.EXCEEDS_FLOOR;
        if (accounts.balanceWithPendingCredits(a) > ceiling) return ResultCode.EXCEEDS_CEILING;
        if (c.status == AccountStatus.CLOSED && (accounts.balance(a) != 0 || accounts.debitsPending[a] != 0
                || accounts.creditsPending[a] != 0)) {
            return ResultCode.ACCOUNT_NOT_EMPTY;
        }
        accounts.touch(a);
        accounts.floor[a] = floor;
        accounts.ceiling[a] = ceiling;
        if (c.status != null) accounts.status[a] = (byte) c.status.ordinal();
        return ResultCode.OK;
    }

    ResultCode setConversionCaps(SetConversionCaps c) {
        int member = members.indexOf(c.memberId);
        if (member < 0) return ResultCode.UNKNOWN_MEMBER;
        for (CapOverride o : c.caps) {
            if (config.conversion(o.from(), o.to()) == null) return ResultCode.CONVERSION_NOT_ALLOWED;
        }
        members.setCapOverrides(member, c.caps.toArray(new CapOverride[0]));
        return ResultCode.OK;
    }

    void submitTransfers(SubmitTransfers c, long nowMs) {
        transfers.submit(c, nowMs);
    }

    ResultCode resolvePending(ResolvePending c, long nowMs) {
        return transfers.resolve(c, nowMs);
    }

    ResultCode createPaymentRequest(CreatePaymentRequest c, long nowMs) {
        return transfers.createPaymentRequest(c, nowMs);
    }

    ResultCode convert(Convert c, long nowMs) {
        return conversions.convert(c, nowMs);
    }

    ResultCode issue(Issue c, long nowMs) {
        return conversions.issue(c, nowMs);
    }

    int currencyIndex(String code) {
        for (int i = 0; i < currencies.length; i++) {
            if (currencies[i].code().equals(code)) return i;
        }
        return -1;
    }

    /** Index of the system account of a role in a currency, or -1. */
    int systemAccount(SystemRole role, String currency) {
        SystemAccount s = config.systemAccount(role, currency);
        return s == null ? -1 : accounts.indexOf(s.id());
    }

    /**
     * Appends an entry to the transfer log, first handing the entry it displaces to where it must live on: the
     * pending table while still pending, else the archive when it wants records.
     */
    long appendToLog(long hi, long lo, TransferKind kind, int debit, int credit, int currency, long amount,
                     int timeoutS, String memo, String request, String[] raw, long nowMs) {
        long victim = log.head() - config.recentTransfersCapacity();
        if (victim >= 0) forget(victim);
        return log.append(hi, lo, kind, debit, credit, currency, amount, timeoutS, memo, request, raw, nowMs);
    }

    private void forget(long pos) {
        if (log.status(pos) == TransferStatus.PENDING) {
            int s = pendings.find(log.idHi(pos), log.idLo(pos));
            Invariants.check(s != PendingTransfers.NONE, "a pending log entry must be in the pending table");
            pendings.park(s, recordAt(pos));
        } else if (archive.keepsForgotten()) {
            archive.forgotten(recordAt(pos));
        }
        refunds.forget(pos);
    }

    /** The record of an id wherever it lives now (log, parked pending, archive), or null if never seen. */
    TransferRecord known(long hi, long lo) {
        long pos = log.find(hi, lo);
        if (pos != TransferLog.MISSING) return recordAt(pos);
        int s = pendings.find(hi, lo);
        if (s != PendingTransfers.NONE && pendings.parked(s) != null) return pendings.parked(s);
        return archived(hi, lo);
    }

    /** True if the id was ever seen; allocates nothing for an id still in memory. */
    boolean isKnown(long hi, long lo) {
        return log.find(hi, lo) != TransferLog.MISSING || pendings.find(hi, lo) != PendingTransfers.NONE
                || archived(hi, lo) != null;
    }

    /**
     * The archive's record of an id, if this ledger had already forgotten it. A journal's archive holds every id
     * forgotten up to its latest batch; a ledger replaying older batches (after a snapshot) must not see ids it will
     * only meet later, or its replay would answer differently from the first run (invariant 6).
     */
    private TransferRecord archived(long hi, long lo) {
        TransferRecord r = archive.find(hi, lo);
        return r != null && r.position() + config.recentTransfersCapacity() <= log.head() ? r : null;
    }

    TransferRecord recordAt(long pos) {
        String[] raw = log.rawIds(pos);
        int debit = log.debit(pos);
        int credit = log.credit(pos);
        int currency = log.currency(pos);
        Refunds.Fields refund = refunds.at(pos);
        return new TransferRecord(log.idHi(pos), log.idLo(pos), log.kind(pos), log.status(pos), log.code(pos),
                debit >= 0 ? accounts.ids[debit] : raw == null ? null : raw[0],
                credit >= 0 ? accounts.ids[credit] : raw == null ? null : raw[1],
                currency >= 0 ? currencies[currency].code() : raw == null ? null : raw[2],
                log.amount(pos), log.postedAmount(pos), log.fee(pos), log.pendingTimeoutS(pos), log.memo(pos),
                log.paymentRequest(pos), log.timestampMs(pos), log.sequence(pos), pos,
                refund == null ? null : refund.refundOf(), refund == null ? null : refund.terminalId());
    }

    // ---- Views, for the API, the reconciliation report and tests. Read on the thread that applies commands. ----

    /** An account as the API shows it, or null. */
    public AccountView account(String id) {
        int a = accounts.indexOf(id);
        return a < 0 ? null : accountAt(a);
    }

    /** The id of the member owning {@code account}; null for a system account or an unknown one. */
    public String ownerOf(String account) {
        int a = accounts.indexOf(account);
        return a < 0 || accounts.owner[a] < 0 ? null : members.id(accounts.owner[a]);
    }

    /** The name of the member owning {@code account}, as it is now; null for a system account or an unknown one. */
    public String ownerName(String account) {
        int a = accounts.indexOf(account);
        return a < 0 || accounts.owner[a] < 0 ? null : members.name(accounts.owner[a]);
    }

    /** The accounts that changed since the last call (created, moved, limits or status), as they are now. */
    public List<AccountView> takeChangedAccounts() {
        int[] changed = accounts.takeTouched();
        List<AccountView> views = new java.util.ArrayList<>(changed.length);
        for (int a : changed) views.add(accountAt(a));
        return views;
    }

    /** The payment requests whose deadline passed since the last call (while entries are gathered), as they are now. */
    public List<PaymentRequestView> takeExpiredPaymentRequests() {
        if (expiredRequests.isEmpty()) return List.of();
        List<PaymentRequestView> views = new java.util.ArrayList<>(expiredRequests.size());
        for (PaymentRequests.Entry e : expiredRequests) {
            views.add(PaymentRequestView.of(e, members.id(accounts.owner[e.creditAccount]), accounts.ids[e.creditAccount],
                    lastTimestampMs));
        }
        expiredRequests.clear();
        return views;
    }

    public int accountCount() {
        return accounts.count();
    }

    public AccountView accountAt(int a) {
        int owner = accounts.owner[a];
        return new AccountView(accounts.ids[a], owner < 0 ? null : members.id(owner),
                currencies[accounts.currency[a]].code(), accounts.balance(a), accounts.debitsPosted[a],
                accounts.creditsPosted[a], accounts.debitsPending[a], accounts.creditsPending[a], accounts.floor[a],
                accounts.ceiling[a], accounts.status(a),
                accounts.negativeSinceMs[a] == Accounts.NOT_NEGATIVE ? null : accounts.negativeSinceMs[a]);
    }

    /** A member with its kind, name and account ids, or null. */
    public MemberView member(String id) {
        int m = members.indexOf(id);
        return m < 0 ? null : memberAt(m);
    }

    MemberView memberAt(int m) {
        List<String> ids = new java.util.ArrayList<>();
        for (int a = accounts.firstOf(m); a != Accounts.NONE; a = accounts.nextOfOwner(a)) ids.add(accounts.ids[a]);
        return memberView(m, ids);
    }

    /**
     * Members in id order after {@code after} (null: from the first) that match {@code query}: at most
     * {@code limit}, examining at most {@code budget} (see {@link Page}).
     */
    public Page<MemberView> members(String after, int limit, int budget, MemberQuery query) {
        return Listings.members(this, after, limit, budget, query);
    }

    /**
     * Accounts in id order after {@code after} that match {@code query} at {@code nowMs}: at most {@code limit},
     * examining at most {@code budget} (see {@link Page}).
     */
    public Page<AccountView> accounts(String after, int limit, int budget, AccountQuery query, long nowMs) {
        return Listings.accounts(this, after, limit, budget, query, nowMs);
    }

    /** Every member, in creation order, with its account ids (one pass over the accounts). */
    public List<MemberView> members() {
        List<List<String>> ids = new java.util.ArrayList<>(members.count());
        for (int m = 0; m < members.count(); m++) ids.add(new java.util.ArrayList<>());
        for (int a = 0; a < accounts.count(); a++) {
            if (accounts.owner[a] >= 0) ids.get(accounts.owner[a]).add(accounts.ids[a]);
        }
        List<MemberView> out = new java.util.ArrayList<>(members.count());
        for (int m = 0; m < members.count(); m++) out.add(memberView(m, ids.get(m)));
        return out;
    }

    private MemberView memberView(int m, List<String> accountIds) {
        CapOverride[] caps = members.capOverrides(m);
        return new MemberView(members.id(m), members.name(m), members.kind(m), accountIds,
                caps == null ? List.of() : List.of(caps));
    }

    /** Every registered token (those revoked or expired in the last 30 days too), as the API loads them at start. */
    public List<TokenView> tokens() {
        List<TokenView> out = new java.util.ArrayList<>();
        for (Credentials.Token t : credentials.tokens()) out.add(tokenView(t));
        return out;
    }

    /** The token with this id, or null. */
    public TokenView token(long number) {
        Credentials.Token t = credentials.token(number);
        return t == null ? null : tokenView(t);
    }

    private TokenView tokenView(Credentials.Token t) {
        return new TokenView(t.number, t.hash.clone(), t.role, t.member < 0 ? null : members.id(t.member),
                t.terminalId, t.refundLimit, t.refundLimitPerDay, t.createdMs, time(t.expiresAtMs), time(t.lastUsedMs),
                time(t.revokedMs), t.deviceName);
    }

    /** Every signing key, revoked ones included, as the API loads them at start. */
    public List<SigningKeyView> signingKeys() {
        List<SigningKeyView> out = new java.util.ArrayList<>();
        for (Credentials.SigningKey k : credentials.keys()) out.add(signingKeyView(k));
        return out;
    }

    /** The signing key with this id, or null. */
    public SigningKeyView signingKey(String keyId) {
        Credentials.SigningKey k = credentials.key(keyId);
        return k == null ? null : signingKeyView(k);
    }

    private SigningKeyView signingKeyView(Credentials.SigningKey k) {
        return new SigningKeyView(k.id, members.id(k.member), k.publicKey.clone(), k.terminalId, k.registeredMs,
                time(k.revokedMs));
    }

    private static Long time(long ms) {
        return ms == Credentials.NEVER ? null : ms;
    }

    /** How many enrollment codes may still be used (expired ones leave at the next command after their expiry). */
    public int enrollmentCodes() {
        return credentials.enrollments.all().size();
    }

    public int memberCount() {
        return members.count();
    }

    /** The record of a transfer or group id, wherever it is kept, or null. */
    public TransferRecord transfer(long hi, long lo) {
        return known(hi, lo);
    }

    /** The payment request {@code id} that member {@code memberId} created (ids are scoped to it), or null. */
    public PaymentRequestView paymentRequest(String memberId, String id, long nowMs) {
        int m = members.indexOf(memberId);
        PaymentRequests.Entry e = m < 0 ? null : paymentRequests.get(m, id);
        return e == null ? null : PaymentRequestView.of(e, memberId, accounts.ids[e.creditAccount], nowMs);
    }

    public Reconciliation reconciliation(long nowMs) {
        return Reconciliation.of(this, nowMs);
    }

    /** Time of the last command applied (commands are applied at this time or later). */
    public long lastTimestampMs() {
        return lastTimestampMs;
    }

    /** Sequence of the last transfer created: the ledger's total order. */
    public long lastSequence() {
        return lastSequence;
    }

    public int pendingCount() {
        return pendings.count();
    }

    /**
     * No hold nor payment request expires before this instant ({@link Long#MAX_VALUE} when none waits): a caller
     * that applies a command at or after it lets due holds expire and sees due requests expire.
     */
    public long nextExpiryMs() {
        return Math.min(pendings.earliestDeadlineMs(), paymentRequests.earliestDeadlineMs());
    }

    public LedgerConfig config() {
        return config;
    }

    /** SHA-256 of the whole state (members, accounts, pendings, payment requests, the ids in memory). */
    public byte[] digest() {
        return StateDigest.of(this, true);
    }

    /** SHA-256 of the money state only, leaving out the outcomes of ids: what a rejected command must not change. */
    public byte[] moneyDigest() {
        return StateDigest.of(this, false);
    }
}
