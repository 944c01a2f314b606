package fr.mlml.ledger.core;

/**
 * The rules of transfers: posted and pending transfers, atomic groups, idempotency of ids, holds posted or voided
 * by their parties, expiry, and payment requests. Scratch arrays sized for the largest command keep the hot path
 * free of allocation.
 *
 * <p>Checks run in a fixed order, so every implementation agrees on which code a transfer gets:
 * invalid_amount (not positive, or above the currency's {@code max_amount}), invalid_timeout, same_account,
 * unknown_account, currency_mismatch, not_permitted (a terminal's transfer that is not a posted refund),
 * payment_request_mismatch, refund_mismatch, refund_exceeds_payment, refund_limit_per_day_exceeded,
 * ceiling_probe_limited, then account_closed,
 * account_frozen, overflow, exceeds_floor, exceeds_ceiling. Every check before the last five reads only the request
 * and the sender's own records, and the amount bound makes overflow unreachable, so a refusal tells a sender nothing
 * about another's balance but by its ceiling, which {@link CeilingProbes} rations.
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
    /** Whether transfer i added to its payment's refunded total, to take it back if its atomic group fails. */
    private final boolean[] refunding = new boolean[MAX];
    /** The sending terminal of the command being applied ({@link Refunds#terminal}), or null. */
    private String terminalKey;
    private long refundLimitPerDay;
    private final UuidIndex seenInCommand = new UuidIndex(MAX);
    /** Keeps {@link TransferLog#prefetch} from being optimised away; never read for anything else. */
    private long prefetchSink;

    TransferProcessor(Ledger ledger) {
        this.ledger = ledger;
        this.accounts = ledger.accounts;
    }

    void submit(SubmitTransfers c, long nowMs) {
        int actor = ledger.members.indexOf(c.actorMemberId);
        terminalKey = c.terminalId() == null ? null : Refunds.terminal(actor, c.terminalId());
        refundLimitPerDay = c.refundLimitPerDay();
        TransferRequest[] ts = c.transfers;
        prefetchSink += ledger.log.prefetch(ts);
        if (c.atomic) {
            submitAtomic(ts, actor, c.terminalId(), nowMs);
            return;
        }
        for (int i = 0; i < ts.length; i++) {
            TransferRequest t = ts[i];
            if (answerIfKnown(t)) continue;
            ResultCode rc = admit(t, i, actor, c.terminalId(), nowMs);
            if (rc == ResultCode.OK) move(t, i, nowMs);
            record(t, i, rc, c.terminalId(), nowMs);
        }
    }

    /**
     * All or nothing. A group with an id seen before (or twice in itself) applies nothing: the known ids answer as
     * they always do and the new ones {@code linked_failed}, so a retried group gets the same answers again.
     */
    private void submitAtomic(TransferRequest[] ts, int actor, String terminal, long nowMs) {
        if (anyKnownOrRepeated(ts)) {
            for (int i = 0; i < ts.length; i++) {
                if (answerIfKnown(ts[i])) continue;
                resolve(ts[i], i);
                record(ts[i], i, ResultCode.LINKED_FAILED, terminal, nowMs);
            }
            return;
        }
        ledger.postings.begin();
        int failed = -1;
        ResultCode failure = ResultCode.OK;
        for (int i = 0; i < ts.length && failed < 0; i++) {
            ResultCode rc = admit(ts[i], i, actor, terminal, nowMs);
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
            for (int i = 0; i < failed; i++) unclaim(ts[i], i, nowMs);
            for (int i = failed + 1; i < ts.length; i++) resolve(ts[i], i);
        }
        for (int i = 0; i < ts.length; i++) {
            ResultCode rc = failed < 0 ? ResultCode.OK : i == failed ? failure : ResultCode.LINKED_FAILED;
            record(ts[i], i, rc, terminal, nowMs);
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
        refunding[i] = false;
    }

    /** Every rule a new transfer must pass, in the documented order. */
    private ResultCode admit(TransferRequest t, int i, int actor, String terminal, long nowMs) {
        resolve(t, i);
        int d = debit[i];
        int c = credit[i];
        int cur = currency[i];
        if (t.amount <= 0 || (cur >= 0 && t.amount > ledger.currencies[cur].maxAmount())) {
            return ResultCode.INVALID_AMOUNT;
        }
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
        // A terminal only refunds (DESIGN.md §4): it never holds nor sends its business's money anywhere else.
        if (terminal != null && (t.refundOf == null || t.pendingTimeoutS > 0)) return ResultCode.NOT_PERMITTED;
        if (t.paymentRequest != null) {
            // A request's id is its creator's: the one this transfer pays is the payee's.
            PaymentRequests.Entry e = ledger.paymentRequests.get(accounts.owner[c], t.paymentRequest);
            if (e == null || t.pendingTimeoutS != 0 || !e.payableBy(c, t.amount, nowMs)) {
                return ResultCode.PAYMENT_REQUEST_MISMATCH;
            }
            claimed[i] = e;
        }
        if (t.refundOf != null) {
            ResultCode rc = checkRefund(t, d, c);
            if (rc != ResultCode.OK) return rc;
        }
        if (terminalKey != null && refundLimitPerDay > 0
                && t.amount > refundLimitPerDay - ledger.refunds.sentToday(terminalKey, nowMs)) {
            return ResultCode.REFUND_LIMIT_PER_DAY_EXCEEDED;
        }
        return checkBalances(t, d, c, actor, nowMs);
    }

    /**
     * A refund returns a posted payment to its payer: {@code refund_of} names a transfer from this refund's payee into
     * its payer's account, and the refunds of that payment never come to more than it paid.
     */
    private ResultCode checkRefund(TransferRequest t, int d, int c) {
        TransferRecord paid = ledger.known(t.refundOf.getMostSignificantBits(), t.refundOf.getLeastSignificantBits());
        if (t.pendingTimeoutS > 0 || paid == null || paid.kind() != TransferKind.TRANSFER
                || paid.status() != TransferStatus.POSTED || !accounts.ids[d].equals(paid.creditAccount())
                || !accounts.ids[c].equals(paid.debitAccount())) {
            return ResultCode.REFUND_MISMATCH;
        }
        long amountPaid = paid.pendingTimeoutS() > 0 ? paid.postedAmount() : paid.amount();
        if (t.amount > amountPaid - ledger.refunds.refunded(t.refundOf)) return ResultCode.REFUND_EXCEEDS_PAYMENT;
        return ResultCode.OK;
    }

    /** The balance checks, after the rationing of another's ceiling: see {@link CeilingProbes}. */
    private ResultCode checkBalances(TransferRequest t, int d, int c, int actor, long nowMs) {
        boolean foreign = accounts.owner[c] != actor;
        int limit = ledger.currencies[accounts.currency[c]].ceilingProbesPerDay();
        if (foreign && ledger.probes.exhausted(actor, c, limit, nowMs)) {
            ledger.probes.refused();
            return ResultCode.CEILING_PROBE_LIMITED;
        }
        ResultCode rc = ledger.postings.check(d, c, t.amount, t.pendingTimeoutS > 0);
        if (foreign && rc == ResultCode.EXCEEDS_CEILING) ledger.probes.met(actor, c, nowMs);
        return rc;
    }

    private void move(TransferRequest t, int i, long nowMs) {
        ledger.postings.apply(debit[i], credit[i], t.amount, t.pendingTimeoutS > 0, nowMs);
        debitAfter[i] = accounts.balance(debit[i]);
        creditAfter[i] = accounts.balance(credit[i]);
        PaymentRequests.Entry e = claimed[i];
        if (e != null) ledger.paymentRequests.pay(accounts.owner[credit[i]], e, t.idHi, t.idLo, nowMs);
        if (t.refundOf != null) {
            ledger.refunds.add(t.refundOf, t.amount);
            if (terminalKey != null) ledger.refunds.sent(terminalKey, nowMs, t.amount);
            refunding[i] = true;
        }
    }

    /**
     * Takes back what a rolled-back transfer claimed: its payment request unpaid, and paid by no one (a claim is only
     * of an unpaid one), and its refund off its payment's total.
     */
    private void unclaim(TransferRequest t, int i, long nowMs) {
        if (refunding[i]) {
            ledger.refunds.add(t.refundOf, -t.amount);
            if (terminalKey != null) ledger.refunds.unsent(terminalKey, nowMs, t.amount);
        }
        PaymentRequests.Entry e = claimed[i];
        if (e != null) ledger.paymentRequests.unpay(e);
    }

    /** Writes the outcome of a new id to the log (created or rejected: a rejected id stays rejected). */
    private void record(TransferRequest t, int i, ResultCode rc, String terminal, long nowMs) {
        String[] raw = debit[i] < 0 || credit[i] < 0 || currency[i] < 0
                ? new String[] {t.debitAccount, t.creditAccount, t.currency} : null;
        long pos = ledger.appendToLog(t.idHi, t.idLo, TransferKind.TRANSFER, debit[i], credit[i], currency[i],
                t.amount, t.pendingTimeoutS, t.memo, t.paymentRequest, raw, nowMs);
        ledger.refunds.remember(pos, t.refundOf, terminal);
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
        // A terminal captures or voids what is held for its business, never a hold its business pays.
        boolean payer = actor >= 0 && accounts.owner[d] == actor && c.terminalId() == null;
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

    /**
     * A request's id is scoped to the member that creates it, and ownership is checked before any look-up: another
     * member's ids are neither seen nor blocked by anyone else's. Order: invalid_id, invalid_amount, invalid_timeout,
     * unknown_account, not_permitted, invalid_amount (above the currency's maximum), then exists or
     * exists_with_different_fields.
     */
    ResultCode createPaymentRequest(CreatePaymentRequest c, long nowMs) {
        if (c.id == null || c.id.isEmpty()) return ResultCode.INVALID_ID;
        if (c.amount <= 0) return ResultCode.INVALID_AMOUNT;
        if (c.expiresInS <= 0 || c.expiresInS > CreatePaymentRequest.MAX_EXPIRES_IN_S) return ResultCode.INVALID_TIMEOUT;
        int a = accounts.indexOf(c.creditAccount);
        if (a < 0) return ResultCode.UNKNOWN_ACCOUNT;
        int actor = ledger.members.indexOf(c.actorMemberId);
        if (actor < 0 || accounts.owner[a] != actor) return ResultCode.NOT_PERMITTED;
        if (c.amount > ledger.currencies[accounts.currency[a]].maxAmount()) return ResultCode.INVALID_AMOUNT;
        ResultCode taken = ledger.paymentRequests.taken(actor, c.id, a, c.amount, c.memo);
        if (taken != null) return taken;
        ledger.paymentRequests.add(actor, new PaymentRequests.Entry(c.id, a, c.amount, c.memo, nowMs,
                nowMs + c.expiresInS * 1000L, c.terminalId()));
        return ResultCode.OK;
    }
}
