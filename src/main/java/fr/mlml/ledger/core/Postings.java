package fr.mlml.ledger.core;

/**
 * The one place balances change: checks a movement between two accounts against status, floor, ceiling and
 * overflow, applies it, and keeps an undo log so an atomic group can be taken back whole.
 * The floor counts pending debits and the ceiling pending credits, so posting a pending transfer can never breach.
 */
final class Postings {
    /** Bounds one atomic group: a command's transfers plus the legs of a conversion. */
    static final int MAX_GROUP = 4096;

    private final Accounts accounts;
    private final int[] undoDebit = new int[MAX_GROUP];
    private final int[] undoCredit = new int[MAX_GROUP];
    private final long[] undoAmount = new long[MAX_GROUP];
    private final boolean[] undoPending = new boolean[MAX_GROUP];
    private final long[] undoDebitNegativeSince = new long[MAX_GROUP];
    private final long[] undoCreditNegativeSince = new long[MAX_GROUP];
    private int undoCount;
    private boolean recording;

    Postings(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Whether {@code amount} may move from debit to credit now, as posted or as pending. */
    ResultCode check(int debit, int credit, long amount, boolean pending) {
        Accounts a = accounts;
        if (a.status[debit] == AccountStatus.CLOSED.ordinal() || a.status[credit] == AccountStatus.CLOSED.ordinal()) {
            return ResultCode.ACCOUNT_CLOSED;
        }
        if (a.status[debit] == AccountStatus.FROZEN.ordinal() || a.status[credit] == AccountStatus.FROZEN.ordinal()) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        long[] debitSide = pending ? a.debitsPending : a.debitsPosted;
        long[] creditSide = pending ? a.creditsPending : a.creditsPosted;
        if (Money.addOverflows(debitSide[debit], amount) || Money.addOverflows(creditSide[credit], amount)) {
            return ResultCode.OVERFLOW;
        }
        if (!Money.fitsIn(amount, a.balanceNetOfPendingDebits(debit) - a.floor[debit])) return ResultCode.EXCEEDS_FLOOR;
        if (!Money.fitsIn(amount, a.ceiling[credit] - a.balanceWithPendingCredits(credit))) {
            return ResultCode.EXCEEDS_CEILING;
        }
        return ResultCode.OK;
    }

    /** Applies a movement that {@link #check} accepted. */
    void apply(int debit, int credit, long amount, boolean pending, long nowMs) {
        Accounts a = accounts;
        if (recording) record(debit, credit, amount, pending);
        a.touch(debit);
        a.touch(credit);
        if (pending) {
            a.debitsPending[debit] += amount;
            a.creditsPending[credit] += amount;
        } else {
            a.debitsPosted[debit] += amount;
            a.creditsPosted[credit] += amount;
            a.trackNegative(debit, nowMs);
            a.trackNegative(credit, nowMs);
        }
        Invariants.check(a.withinLimits(debit) && a.withinLimits(credit), "a posting left an account beyond its limits");
    }

    /** Whether a pending amount may settle: nothing moves on a frozen account, and totals must not overflow. */
    ResultCode checkSettle(int debit, int credit, long posted) {
        Accounts a = accounts;
        if (a.status[debit] == AccountStatus.FROZEN.ordinal() || a.status[credit] == AccountStatus.FROZEN.ordinal()) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        if (Money.addOverflows(a.debitsPosted[debit], posted) || Money.addOverflows(a.creditsPosted[credit], posted)) {
            return ResultCode.OVERFLOW;
        }
        return ResultCode.OK;
    }

    /** Releases a pending amount and posts {@code posted} of it (0 for a void or an expiry). */
    void settle(int debit, int credit, long pendingAmount, long posted, long nowMs) {
        Accounts a = accounts;
        Invariants.check(posted >= 0 && posted <= pendingAmount, "settling more than was pending");
        a.touch(debit);
        a.touch(credit);
        a.debitsPending[debit] -= pendingAmount;
        a.creditsPending[credit] -= pendingAmount;
        if (posted > 0) {
            a.debitsPosted[debit] += posted;
            a.creditsPosted[credit] += posted;
            a.trackNegative(debit, nowMs);
            a.trackNegative(credit, nowMs);
        }
        Invariants.check(a.debitsPending[debit] >= 0 && a.creditsPending[credit] >= 0, "pending totals went negative");
        Invariants.check(a.withinLimits(debit) && a.withinLimits(credit), "a settlement left an account beyond its limits");
    }

    /** Starts recording movements so that {@link #rollback} can undo them. */
    void begin() {
        Invariants.check(!recording, "an atomic group begun inside another");
        recording = true;
        undoCount = 0;
    }

    void commit() {
        recording = false;
    }

    /** Takes back every movement since {@link #begin}, newest first, restoring {@code negative_since} too. */
    void rollback() {
        Accounts a = accounts;
        for (int i = undoCount - 1; i >= 0; i--) {
            int debit = undoDebit[i];
            int credit = undoCredit[i];
            long amount = undoAmount[i];
            if (undoPending[i]) {
                a.debitsPending[debit] -= amount;
                a.creditsPending[credit] -= amount;
            } else {
                a.debitsPosted[debit] -= amount;
                a.creditsPosted[credit] -= amount;
            }
            a.negativeSinceMs[debit] = undoDebitNegativeSince[i];
            a.negativeSinceMs[credit] = undoCreditNegativeSince[i];
        }
        recording = false;
    }

    private void record(int debit, int credit, long amount, boolean pending) {
        int i = undoCount++;
        undoDebit[i] = debit;
        undoCredit[i] = credit;
        undoAmount[i] = amount;
        undoPending[i] = pending;
        undoDebitNegativeSince[i] = accounts.negativeSinceMs[debit];
        undoCreditNegativeSince[i] = accounts.negativeSinceMs[credit];
    }
}
