package fr.mlml.ledger.core;

import java.util.Objects;

/**
 * The conversions of DESIGN.md §3 and issuance, each one atomic group of transfers (legs) between a member's
 * accounts and the system accounts. Legs are applied under the undo log of {@link Postings}; only when all pass are
 * the group and its legs written to the transfer log, so a rejected conversion leaves no trace but its id's outcome.
 *
 * <p>Order of checks: invalid_amount, conversion_not_allowed (target not an account nor the euro),
 * unknown_account, not_permitted, invalid_amount (above the currency's maximum), conversion_not_allowed (pair,
 * member kind), invalid_amount (the fee leaves nothing), conversion_cap_exceeded, conversion_pool_insufficient, exists_with_different_fields (an id one of
 * its legs would take is already taken: ids are applied at most once), then each leg's checks in order. An id
 * already known answers exists (the same group, from the member whose accounts it names) or
 * exists_with_different_fields with nothing of the original.
 * Issuance: invalid_amount, unknown_account, not_permitted, currency_mismatch, exists_with_different_fields (a leg's
 * id taken), then each leg's checks.
 */
final class ConversionProcessor {
    /** Above this the fee computation could overflow; no real conversion comes near it. */
    static final long MAX_AMOUNT = Long.MAX_VALUE / ConversionPolicy.MAX_FEE_RATE_BP;
    private static final int MAX_LEGS = 3;

    private final Ledger ledger;
    private final Accounts accounts;
    private final int[] legDebit = new int[MAX_LEGS];
    private final int[] legCredit = new int[MAX_LEGS];
    private final long[] legAmount = new long[MAX_LEGS];
    private final long[] legDebitAfter = new long[MAX_LEGS];
    private final long[] legCreditAfter = new long[MAX_LEGS];
    private int legCount;
    private int checkedPair;

    ConversionProcessor(Ledger ledger) {
        this.ledger = ledger;
        this.accounts = ledger.accounts;
    }

    ResultCode convert(Convert c, long nowMs) {
        TransferKind kind = c.toAccount == null ? TransferKind.RECONVERSION : TransferKind.CONVERSION;
        TransferRecord known = ledger.known(c.idHi, c.idLo);
        if (known != null) {
            // The same conversion sent again: a rejected one answers its first rejection, an applied one only to the
            // member whose accounts it moved; anyone else meets a taken id, and nothing of what it did.
            int from = accounts.indexOf(known.debitAccount());
            int actor = ledger.members.indexOf(c.actorMemberId);
            boolean same = known.kind() == kind && Objects.equals(known.debitAccount(), c.fromAccount)
                    && Objects.equals(known.creditAccount(), c.toAccount) && known.amount() == c.amount
                    && Objects.equals(known.memo(), c.reference)
                    && (known.status() == TransferStatus.REJECTED || (from >= 0 && accounts.owner[from] == actor));
            c.outcome = outcomeOf(known, same, nowMs);
            return knownCode(known, same);
        }
        int from = accounts.indexOf(c.fromAccount);
        int to = c.toAccount == null ? -1 : accounts.indexOf(c.toAccount);
        ResultCode rc = checkConversion(c, kind, from, to, nowMs);
        long fee = 0;
        if (rc == ResultCode.OK) {
            ConversionPolicy policy = ledger.config.conversions().get(checkedPair);
            fee = policy.feeOn(c.amount);
            planConversion(kind, from, to, c.amount - fee, fee);
            rc = legIdsFree(c.idHi, c.idLo) ? applyLegs(nowMs) : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
            if (rc == ResultCode.OK) ledger.windows.record(accounts.owner[from], checkedPair, nowMs, c.amount);
        }
        String[] raw = from < 0 || (c.toAccount != null && to < 0)
                ? new String[] {c.fromAccount, c.toAccount, null} : null;
        int currency = from < 0 ? -1 : accounts.currency[from];
        c.outcome = recordGroup(c.idHi, c.idLo, kind, from, to, currency, c.amount, fee, c.reference, raw, rc, nowMs);
        return rc;
    }

    /** Every rule of a conversion before its legs; on OK, {@link #checkedPair} names the pair. */
    private ResultCode checkConversion(Convert c, TransferKind kind, int from, int to, long nowMs) {
        if (c.amount <= 0 || c.amount > MAX_AMOUNT) return ResultCode.INVALID_AMOUNT;
        boolean toReference = c.toCurrency != null && c.toCurrency.equals(ledger.config.referenceCurrency().code());
        if ((kind == TransferKind.RECONVERSION) != toReference) return ResultCode.CONVERSION_NOT_ALLOWED;
        if (from < 0 || (kind == TransferKind.CONVERSION && to < 0)) return ResultCode.UNKNOWN_ACCOUNT;
        int actor = ledger.members.indexOf(c.actorMemberId);
        if (actor < 0 || accounts.owner[from] != actor || (to >= 0 && accounts.owner[to] != actor)) {
            return ResultCode.NOT_PERMITTED;
        }
        // The currency's own maximum, like a transfer's; read once the accounts are known to be the sender's.
        if (c.amount > ledger.currencies[accounts.currency[from]].maxAmount()) return ResultCode.INVALID_AMOUNT;
        checkedPair = pairOf(from, to, c.toCurrency);
        if (checkedPair < 0) return ResultCode.CONVERSION_NOT_ALLOWED;
        ConversionPolicy policy = ledger.config.conversions().get(checkedPair);
        if (!policy.allowed().contains(ledger.members.kind(actor))) return ResultCode.CONVERSION_NOT_ALLOWED;
        long net = c.amount - policy.feeOn(c.amount);
        if (net <= 0) return ResultCode.INVALID_AMOUNT;
        ConversionPolicy.Cap cap = capFor(actor, policy);
        long used = ledger.windows.usedInWindow(actor, checkedPair, nowMs, cap.windowMs());
        if (c.amount > cap.amount() - used) return ResultCode.CONVERSION_CAP_EXCEEDED;
        if (kind == TransferKind.CONVERSION) {
            // The target pool pays out; if it has a floor (MLC's does: 0), MLC created here must be MLC held there.
            int pool = ledger.systemAccount(SystemRole.CONVERSION_POOL, policy.to());
            if (!Money.fitsIn(net, accounts.balanceNetOfPendingDebits(pool) - accounts.floor[pool])) {
                return ResultCode.CONVERSION_POOL_INSUFFICIENT;
            }
        }
        return ResultCode.OK;
    }

    /** Index of the configured pair from one account's currency to the other's (or to the named currency). */
    private int pairOf(int from, int to, String toCurrency) {
        String fromCode = ledger.currencies[accounts.currency[from]].code();
        String toCode = to >= 0 ? ledger.currencies[accounts.currency[to]].code() : toCurrency;
        var pairs = ledger.config.conversions();
        for (int p = 0; p < pairs.size(); p++) {
            if (pairs.get(p).from().equals(fromCode) && pairs.get(p).to().equals(toCode)) return p;
        }
        return -1;
    }

    /** The member's own cap on the pair if the back office set one, else the config default. */
    private ConversionPolicy.Cap capFor(int member, ConversionPolicy policy) {
        CapOverride[] overrides = ledger.members.capOverrides(member);
        if (overrides != null) {
            for (CapOverride o : overrides) {
                if (o.from().equals(policy.from()) && o.to().equals(policy.to())) return o.cap();
            }
        }
        return policy.cap();
    }

    /**
     * Reconversion: member → issuance (net), member → fees (fee), reserve → world (net): MLC leaves circulation and
     * the same euros leave the fund. Between currencies: member → its currency's pool (net), member → fees (fee),
     * the other currency's pool → member (net).
     */
    private void planConversion(TransferKind kind, int from, int to, long net, long fee) {
        String fromCode = ledger.currencies[accounts.currency[from]].code();
        legCount = 0;
        if (kind == TransferKind.RECONVERSION) {
            String euro = ledger.config.referenceCurrency().code();
            addLeg(from, ledger.systemAccount(SystemRole.ISSUANCE, fromCode), net);
            if (fee > 0) addLeg(from, ledger.systemAccount(SystemRole.FEES, fromCode), fee);
            addLeg(ledger.systemAccount(SystemRole.EURO_RESERVE, euro), ledger.systemAccount(SystemRole.EURO_WORLD, euro),
                    net);
        } else {
            String toCode = ledger.currencies[accounts.currency[to]].code();
            addLeg(from, ledger.systemAccount(SystemRole.CONVERSION_POOL, fromCode), net);
            if (fee > 0) addLeg(from, ledger.systemAccount(SystemRole.FEES, fromCode), fee);
            addLeg(ledger.systemAccount(SystemRole.CONVERSION_POOL, toCode), to, net);
        }
    }

    ResultCode issue(Issue c, long nowMs) {
        TransferRecord known = ledger.known(c.idHi, c.idLo);
        if (known != null) {
            boolean same = known.kind() == TransferKind.ISSUANCE && Objects.equals(known.creditAccount(), c.toAccount)
                    && known.amount() == c.amount && Objects.equals(known.memo(), c.reference);
            c.outcome = outcomeOf(known, same, nowMs);
            return knownCode(known, same);
        }
        int to = accounts.indexOf(c.toAccount);
        ResultCode rc = checkIssue(c, to);
        if (rc == ResultCode.OK) {
            String euro = ledger.config.referenceCurrency().code();
            String code = ledger.currencies[accounts.currency[to]].code();
            legCount = 0;
            addLeg(ledger.systemAccount(SystemRole.EURO_WORLD, euro), ledger.systemAccount(SystemRole.EURO_RESERVE, euro),
                    c.amount);
            addLeg(ledger.systemAccount(SystemRole.ISSUANCE, code), to, c.amount);
            rc = legIdsFree(c.idHi, c.idLo) ? applyLegs(nowMs) : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        String[] raw = to < 0 ? new String[] {null, c.toAccount, null} : null;
        int currency = to < 0 ? -1 : accounts.currency[to];
        c.outcome = recordGroup(c.idHi, c.idLo, TransferKind.ISSUANCE, -1, to, currency, c.amount, 0, c.reference, raw,
                rc, nowMs);
        return rc;
    }

    private ResultCode checkIssue(Issue c, int to) {
        if (c.amount <= 0) return ResultCode.INVALID_AMOUNT;
        if (to < 0) return ResultCode.UNKNOWN_ACCOUNT;
        if (accounts.owner[to] == Accounts.SYSTEM_OWNER) return ResultCode.NOT_PERMITTED;
        if (ledger.currencies[accounts.currency[to]].kind() != CurrencyKind.EURO_BACKED) {
            return ResultCode.CURRENCY_MISMATCH;
        }
        return ResultCode.OK;
    }

    /**
     * Whether the ids the planned legs would take are all new. A client chooses a group's id, so it can send a
     * transfer with one of its legs' ids first; applying the group then would apply that id twice.
     */
    private boolean legIdsFree(long hi, long lo) {
        for (int i = 0; i < legCount; i++) {
            long[] id = GroupIds.leg(hi, lo, i);
            if (ledger.isKnown(id[0], id[1])) return false;
        }
        return true;
    }

    private void addLeg(int debit, int credit, long amount) {
        Invariants.check(debit >= 0 && credit >= 0 && amount > 0, "a conversion leg without accounts or amount");
        legDebit[legCount] = debit;
        legCredit[legCount] = credit;
        legAmount[legCount] = amount;
        legCount++;
    }

    /** Applies the planned legs all or nothing; the code of the first leg that fails, or OK. */
    private ResultCode applyLegs(long nowMs) {
        Postings postings = ledger.postings;
        postings.begin();
        for (int i = 0; i < legCount; i++) {
            ResultCode rc = postings.check(legDebit[i], legCredit[i], legAmount[i], false);
            if (rc != ResultCode.OK) {
                postings.rollback();
                legCount = i + 1;
                return rc;
            }
            postings.apply(legDebit[i], legCredit[i], legAmount[i], false, nowMs);
            legDebitAfter[i] = accounts.balance(legDebit[i]);
            legCreditAfter[i] = accounts.balance(legCredit[i]);
        }
        postings.commit();
        return ResultCode.OK;
    }

    /** Writes the group's outcome, and when it applied, its legs with ids derived from the group's id. */
    private GroupOutcome recordGroup(long hi, long lo, TransferKind kind, int from, int to, int currency, long amount,
                                     long fee, String reference, String[] raw, ResultCode rc, long nowMs) {
        long pos = ledger.appendToLog(hi, lo, kind, from, to, currency, amount, 0, reference, null, raw, nowMs);
        if (rc != ResultCode.OK) {
            ledger.log.setOutcome(pos, TransferStatus.REJECTED, rc, 0);
            return new GroupOutcome(TransferStatus.REJECTED, 0, nowMs, 0);
        }
        ledger.log.setOutcome(pos, TransferStatus.POSTED, ResultCode.OK, 0);
        ledger.log.setFee(pos, fee);
        for (int i = 0; i < legCount; i++) {
            long[] id = GroupIds.leg(hi, lo, i);
            long legPos = ledger.appendToLog(id[0], id[1], TransferKind.LEG, legDebit[i], legCredit[i],
                    accounts.currency[legDebit[i]], legAmount[i], 0, null, null, null, nowMs);
            long seq = ++ledger.lastSequence;
            ledger.log.setOutcome(legPos, TransferStatus.POSTED, ResultCode.OK, seq);
            ledger.entry(id[0], id[1], seq, TransferKind.LEG, TransferStatus.POSTED, legDebit[i], legCredit[i],
                    legAmount[i], legDebitAfter[i], legCreditAfter[i], 0, reference, null, nowMs);
        }
        return new GroupOutcome(TransferStatus.POSTED, fee, nowMs, legCount);
    }

    /**
     * The outcome of a group id seen before: the original's for the same group sent again; for anything else (another
     * member's conversion, a plain transfer's id) a bare refusal, with none of the original's contents.
     */
    private static GroupOutcome outcomeOf(TransferRecord known, boolean same, long nowMs) {
        if (!same) return new GroupOutcome(TransferStatus.REJECTED, 0, nowMs, 0);
        int legs = known.status() == TransferStatus.REJECTED ? 0 : known.kind() == TransferKind.ISSUANCE ? 2
                : known.fee() > 0 ? 3 : 2;
        return new GroupOutcome(known.status(), known.fee(), known.timestampMs(), legs);
    }

    /** The answer to a group id seen before: its original outcome if the fields match, else a conflict. */
    private static ResultCode knownCode(TransferRecord known, boolean same) {
        if (!same) return ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        return known.status() == TransferStatus.REJECTED ? known.code() : ResultCode.EXISTS;
    }
}
