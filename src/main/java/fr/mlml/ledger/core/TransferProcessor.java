package fr.mlml.ledger.core;

/**
 * The rules of transfers: posted and pending transfers, atomic groups, idempotency of ids, holds posted or voided
 * by their parties, expiry, and payment requests. Scratch arrays sized for the largest command keep the hot path
 * free of allocation.
 *
 * <p>Checks run in a fixed order, so every implementation agrees on which code a transfer gets:
 * invalid_amount, invalid_timeout, same_account, unknown_account, currency_mismatch, not_permitted,
 * payment_request_mismatch, then account_closed, account_frozen, overflow, exceeds_floor, exceeds_ceiling.
 */
final class TransferProcessor {
    private static final int MAX = SubmitTransfers.MAX_TRANSFERS;

    private final Ledger ledger;
    private final Accounts accounts;
    private final int[] debit = new int[MAX];
    private final int[] credit = new int[MAX];
    private final int[] currency = new int[MAX];
    private final long[] debitAfter = new long[MAX];
    private final long[] creditAfter = new long[MAX];
    private final PaymentRequests.Entry[] claimed = new PaymentRequests.Entry[MAX];
    private final UuidIndex seenInCommand = new UuidIndex(MAX);
    /** Keeps {@link TransferLog#prefetch} from being optimised away; never read for anything else. */
    private long prefetchSink;

    TransferProcessor(Ledger ledger) {
        this.ledger = ledger;
        this.accounts = ledger.accounts;
    }

    void submit(SubmitTransfers c, long nowMs) {
        int actor = ledger.members.indexOf(c.actorMemberId);
        TransferRequest[] ts = c.transfers;
        prefetchSink += ledger.log.prefetch(ts);
        if (c.atomic) {
            submitAtomic(ts, actor, nowMs);
            return;
        }
        for (int i = 0; i < ts.length; i++) {
            TransferRequest t = ts[i];
            if (answerIfKnown(t)) continue;
            ResultCode rc = admit(t, i, actor, nowMs);
            if (rc == ResultCode.OK) move(t, i, nowMs);
            record(t, i, rc, nowMs);
        }
    }

    /**
     * All or nothing. A group with an id seen before (or twice in itself) applies nothing: the known ids answer as
     * they always do and the new ones {@code linked_failed}, so a retried group gets the same answers again.
     */
    private void submitAtomic(TransferRequest[] ts, int actor, long nowMs) {
        if (anyKnownOrRepeated(ts)) {
            for (int i = 0; i < ts.length; i++) {
                if (answerIfKnown(ts[i])) continue;
                resolve(ts[i], i);
                record(ts[i], i, ResultCode.LINKED_FAILED, nowMs);
            }
            return;
        }
        ledger.postings.begin();
        int failed = -1;
        ResultCode failure = ResultCode.OK;
        for (int i = 0; i < ts.length && failed < 0; i++) {
            ResultCode rc = admit(ts[i], i, actor, nowMs);
            if (rc == ResultCode.OK) move(ts[i], i, nowMs);
            else {
                failed = i;
                failure = rc;
            }
        }
        if (failed < 0) {
            ledger.postings.commit();
        } else {
            ledger.postings.rollback();
            for (int i = 0; i < failed; i++) unclaim(i);
            for (int i = failed + 1; i < ts.length; i++) resolve(ts[i], i);
        }
        for (int i = 0; i < ts.length; i++) {
            ResultCode rc = failed < 0 ? ResultCode.OK : i == failed ? failure : ResultCode.LINKED_FAILED;
            record(ts[i], i, rc, nowMs);
        }
    }

    private boolean anyKnownOrRepeated(TransferRequest[] ts) {
        boolean found = false;
        int inserted = 0;
        for (; inserted < ts.length && !found; inserted++) {
            TransferRequest t = ts[inserted];
            found = ledger.isKnown(t.idHi, t.idLo) || seenInCommand.get(t.idHi, t.idLo) != UuidIndex.MISSING;
            seenInCommand.put(t.idHi, t.idLo, inserted);
        }
        for (int i = 0; i < inserted; i++) seenInCommand.remove(ts[i].idHi, ts[i].idLo);
        return found;
    }

    /** Answers a transfer whose id the ledger already knows; false if the id is new. */
    private boolean answerIfKnown(TransferRequest t) {
        TransferRecord r = ledger.known(t.idHi, t.idLo);
        if (r == null) return false;
        ResultCode rc;
        if (!t.sameFieldsAs(r)) rc = ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        else rc = r.status() == TransferStatus.REJECTED ? r.code() : ResultCode.EXISTS;
        t.answer(rc, r.status(), r.timestampMs(), r.sequence());
        return true;
    }

    /** Looks up the transfer's accounts and currency into the scratch, where {@link #record} finds them. */
    private void resolve(TransferRequest t, int i) {
        debit[i] = accounts.indexOf(t.debitAccount);
        credit[i] = accounts.indexOf(t.creditAccount);
        currency[i] = ledger.currencyIndex(t.currency);
        claimed[i] = null;
    }

    /** Every rule a new transfer must pass, in the documented order. */
    private ResultCode admit(TransferRequest t, int i, int actor, long nowMs) {
        resolve(t, i);
        int d = debit[i];
        int c = credit[i];
        int cur = currency[i];
        if (t.amount <= 0) return ResultCode.INVALID_AMOUNT;
        if (t.pendingTimeoutS < 0 || t.pendingTimeoutS > TransferRequest.MAX_PENDING_TIMEOUT_S) {
            return ResultCode.INVALID_TIMEOUT;
        }
        if (t.debitAccount.equals(t.creditAccount)) return ResultCode.SAME_ACCOUNT;
        if (d < 0 || c < 0) return ResultCode.UNKNOWN_ACCOUNT;
        if (cur < 0 || accounts.currency[d] != cur || accounts.currency[c] != cur) return ResultCode.CURRENCY_MISMATCH;
        // Members move only their own money, and never into or out of a system account: those move only through
        // conversions and issuance, which keep MLC backed (invariant 3).
        if (actor < 0 || accounts.owner[d] != actor || accounts.owner[c] == Accounts.SYSTEM_OWNER) {
            return ResultCode.NOT_PERMITTED;
        }
        if (t.paymentRequest != null) {
            PaymentRequests.Entry e = ledger.paymentRequests.get(t.paymentRequest);
            if (e == null || t.pendingTimeoutS != 0 || !e.payableBy(c, t.amount, nowMs)) {
                return ResultCode.PAYMENT_REQUEST_MISMATCH;
            }
            claimed[i] = e;
        }
        return ledger.postings.check(d, c, t.amount, t.pendingTimeoutS > 0);
    }

    private void move(TransferRequest t, int i, long nowMs) {
        ledger.postings.apply(debit[i], credit[i], t.amount, t.pendingTimeoutS > 0, nowMs);
        debitAfter[i] = accounts.balance(debit[i]);
        creditAfter[i] = accounts.balance(credit[i]);
        PaymentRequests.Entry e = claimed[i];
        if (e != null) {
            e.paid = true;
            e.paidByHi = t.idHi;
            e.paidByLo = t.idLo;
        }
    }

    /** Takes back a claim of a rolled-back transfer whole: unpaid, and paid by no one (a claim is only of an unpaid one). */
    private void unclaim(int i) {
        PaymentRequests.Entry e = claimed[i];
        if (e != null) {
            e.paid = false;
            e.paidByHi = 0;
            e.paidByLo = 0;
        }
    }

    /** Writes the outcome of a new id to the log (created or rejected: a rejected id stays rejected). */
    private void record(TransferRequest t, int i, ResultCode rc, long nowMs) {
        String[] raw = debit[i] < 0 || credit[i] < 0 || currency[i] < 0
                ? new String[] {t.debitAccount, t.creditAccount, t.currency} : null;
        long pos = ledger.appendToLog(t.idHi, t.idLo, TransferKind.TRANSFER, debit[i], credit[i], currency[i],
                t.amount, t.pendingTimeoutS, t.memo, t.paymentRequest, raw, nowMs);
        if (rc != ResultCode.OK) {
            ledger.log.setOutcome(pos, TransferStatus.REJECTED, rc, 0);
            t.answer(rc, TransferStatus.REJECTED, nowMs, 0);
            return;
        }
        long seq = ++ledger.lastSequence;
        boolean pending = t.pendingTimeoutS > 0;
        TransferStatus st = pending ? TransferStatus.PENDING : TransferStatus.POSTED;
        ledger.log.setOutcome(pos, st, ResultCode.OK, seq);
        if (pending) {
            long deadline = nowMs + t.pendingTimeoutS * 1000L;
            ledger.pendings.add(t.idHi, t.idLo, debit[i], credit[i], t.amount, deadline, pos);
        }
        ledger.entry(t.idHi, t.idLo, seq, TransferKind.TRANSFER, st, debit[i], credit[i], t.amount, debitAfter[i],
                creditAfter[i], t.pendingTimeoutS, t.memo, t.paymentRequest, nowMs);
        t.answer(ResultCode.OK, st, nowMs, seq);
    }

    /** Posts or voids a pending transfer; see {@link ResolvePending} for who may. */
    ResultCode resolve(ResolvePending c, long nowMs) {
        PendingTransfers p = ledger.pendings;
        int s = p.find(c.idHi, c.idLo);
        if (s == PendingTransfers.NONE) return answerResolved(c);
        int d = p.debit(s);
        int cr = p.credit(s);
        int actor = ledger.members.indexOf(c.actorMemberId);
        boolean payee = actor >= 0 && accounts.owner[cr] == actor;
        boolean payer = actor >= 0 && accounts.owner[d] == actor;
        if (!(payee || (!c.post && payer))) return ResultCode.NOT_PERMITTED;
        long pendingAmount = p.amount(s);
        long posted = !c.post ? 0 : c.amount == 0 ? pendingAmount : c.amount;
        if (c.post) {
            if (posted < 0 || posted > pendingAmount) return ResultCode.INVALID_AMOUNT;
            ResultCode rc = ledger.postings.checkSettle(d, cr, posted);
            if (rc != ResultCode.OK) return rc;
        }
        TransferStatus st = c.post ? TransferStatus.POSTED : TransferStatus.VOIDED;
        settle(s, st, posted, nowMs);
        c.status = st;
        c.postedAmount = posted;
        return ResultCode.OK;
    }

    /** A post or void of an id that is not pending: say why, from its record. */
    private ResultCode answerResolved(ResolvePending c) {
        TransferRecord r = ledger.known(c.idHi, c.idLo);
        if (r == null || r.kind() != TransferKind.TRANSFER || r.pendingTimeoutS() == 0
                || r.status() == TransferStatus.REJECTED) {
            return ResultCode.PENDING_NOT_FOUND;
        }
        c.status = r.status();
        c.postedAmount = r.postedAmount();
        return r.status() == TransferStatus.EXPIRED ? ResultCode.PENDING_EXPIRED : ResultCode.PENDING_ALREADY_RESOLVED;
    }

    /** Expires every pending transfer whose deadline is at or before now: its amounts are released. */
    void expireDue(long nowMs) {
        int s;
        while ((s = ledger.pendings.nextDue(nowMs)) != PendingTransfers.NONE) {
            settle(s, TransferStatus.EXPIRED, 0, nowMs);
        }
    }

    private void settle(int s, TransferStatus st, long posted, long nowMs) {
        PendingTransfers p = ledger.pendings;
        int d = p.debit(s);
        int c = p.credit(s);
        ledger.postings.settle(d, c, p.amount(s), posted, nowMs);
        long pos = p.logPos(s);
        TransferRecord r = p.parked(s);
        if (r == null) {
            Invariants.check(ledger.log.holds(pos), "an unparked pending transfer must still be in the id log");
            ledger.log.setResolution(pos, st, posted);
            r = ledger.recordAt(pos);
        } else {
            r = r.withResolution(st, posted);
            if (ledger.archive.keepsForgotten()) ledger.archive.forgotten(r);
        }
        ledger.entry(r.idHi(), r.idLo(), r.sequence(), TransferKind.TRANSFER, st, d, c,
                st == TransferStatus.POSTED ? posted : p.amount(s), accounts.balance(d), accounts.balance(c),
                r.pendingTimeoutS(), r.memo(), r.paymentRequest(), nowMs);
        p.remove(s);
    }

    ResultCode createPaymentRequest(CreatePaymentRequest c, long nowMs) {
        PaymentRequests.Entry existing = ledger.paymentRequests.get(c.id);
        int a = accounts.indexOf(c.creditAccount);
        if (existing != null) {
            boolean same = existing.creditAccount == a && existing.amount == c.amount
                    && java.util.Objects.equals(existing.memo, c.memo);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (c.id == null || c.id.isEmpty()) return ResultCode.INVALID_ID;
        if (c.amount <= 0) return ResultCode.INVALID_AMOUNT;
        if (c.expiresInS <= 0 || c.expiresInS > CreatePaymentRequest.MAX_EXPIRES_IN_S) return ResultCode.INVALID_TIMEOUT;
        if (a < 0) return ResultCode.UNKNOWN_ACCOUNT;
        int actor = ledger.members.indexOf(c.actorMemberId);
        if (actor < 0 || accounts.owner[a] != actor) return ResultCode.NOT_PERMITTED;
        ledger.paymentRequests.add(new PaymentRequests.Entry(c.id, a, c.amount, c.memo, nowMs,
                nowMs + c.expiresInS * 1000L, c.terminalId()));
        return ResultCode.OK;
    }
}
