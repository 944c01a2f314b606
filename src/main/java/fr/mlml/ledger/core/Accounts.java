package fr.mlml.ledger.core;

import java.util.Arrays;

/**
 * Every account as parallel primitive arrays (struct of arrays): the hot path reads and writes longs, never boxes.
 * Indexed densely from 0 in creation order; accounts are never removed (closed is a status).
 * Balance = credits posted − debits posted; pending amounts are kept apart.
 */
final class Accounts {
    /** Owner of system accounts: no member. */
    static final int SYSTEM_OWNER = -1;
    /** {@code negativeSinceMs} of an account that is not negative. */
    static final long NOT_NEGATIVE = Long.MIN_VALUE;
    /** No account: the end of a member's chain. */
    static final int NONE = -1;

    private final StringIntMap index = new StringIntMap(4096);
    String[] ids = new String[4096];
    int[] owner = new int[4096];
    int[] currency = new int[4096];
    byte[] status = new byte[4096];
    long[] floor = new long[4096];
    long[] ceiling = new long[4096];
    long[] debitsPosted = new long[4096];
    long[] creditsPosted = new long[4096];
    long[] debitsPending = new long[4096];
    long[] creditsPending = new long[4096];
    long[] negativeSinceMs = new long[4096];
    /** Each member's accounts in creation order: the chain from {@link #firstOf} through {@link #nextOfOwner}. */
    private int[] nextOfOwner = new int[4096];
    private int[] firstOf = new int[0];
    private int[] lastOf = new int[0];
    /** The accounts in id order, for the back office's lists. */
    final IdOrder order = new IdOrder(a -> ids[a]);
    private boolean[] touched = new boolean[4096];
    private int[] touchedList = new int[4096];
    private int touchedCount;
    private int count;

    int indexOf(String id) {
        return index.get(id);
    }

    int add(String id, int ownerMember, int currencyIndex, Limits limits) {
        if (count == ids.length) grow();
        int a = count++;
        ids[a] = id;
        owner[a] = ownerMember;
        currency[a] = currencyIndex;
        status[a] = (byte) AccountStatus.ACTIVE.ordinal();
        floor[a] = limits.floor();
        ceiling[a] = limits.ceiling();
        negativeSinceMs[a] = NOT_NEGATIVE;
        index.putNew(id, a);
        order.add(a);
        if (ownerMember != SYSTEM_OWNER) chain(a, ownerMember);
        touch(a);
        return a;
    }

    private void chain(int a, int m) {
        if (m >= firstOf.length) {
            int n = Math.max(1024, 2 * (m + 1));
            int old = firstOf.length;
            firstOf = Arrays.copyOf(firstOf, n);
            lastOf = Arrays.copyOf(lastOf, n);
            Arrays.fill(firstOf, old, n, NONE);
        }
        nextOfOwner[a] = NONE;
        if (firstOf[m] == NONE) firstOf[m] = a;
        else nextOfOwner[lastOf[m]] = a;
        lastOf[m] = a;
    }

    /** Member {@code m}'s first account, or {@link #NONE}. */
    int firstOf(int m) {
        return m < firstOf.length ? firstOf[m] : NONE;
    }

    /** The next account of the same member after {@code a}, in creation order, or {@link #NONE}. */
    int nextOfOwner(int a) {
        return nextOfOwner[a];
    }

    /** Notes that an account changed, so the journal can store its row once per batch. */
    void touch(int a) {
        if (touched[a]) return;
        touched[a] = true;
        touchedList[touchedCount++] = a;
    }

    /** The accounts changed since the last call, in the order they first changed; forgets them. */
    int[] takeTouched() {
        int[] out = Arrays.copyOf(touchedList, touchedCount);
        for (int a : out) touched[a] = false;
        touchedCount = 0;
        return out;
    }

    int count() {
        return count;
    }

    long balance(int a) {
        return creditsPosted[a] - debitsPosted[a];
    }

    AccountStatus status(int a) {
        return AccountStatus.ofOrdinal(status[a]);
    }

    /** Lowest the balance may go once pending debits settle; the floor rule counts them. */
    long balanceNetOfPendingDebits(int a) {
        return creditsPosted[a] - debitsPosted[a] - debitsPending[a];
    }

    /** Highest the balance may reach once pending credits settle; the ceiling rule counts them. */
    long balanceWithPendingCredits(int a) {
        return creditsPosted[a] + creditsPending[a] - debitsPosted[a];
    }

    boolean withinLimits(int a) {
        return balanceNetOfPendingDebits(a) >= floor[a] && balanceWithPendingCredits(a) <= ceiling[a];
    }

    /** Records since when the posted balance is negative: set on crossing below zero, cleared on coming back. */
    void trackNegative(int a, long nowMs) {
        boolean negative = balance(a) < 0;
        if (negative && negativeSinceMs[a] == NOT_NEGATIVE) negativeSinceMs[a] = nowMs;
        else if (!negative) negativeSinceMs[a] = NOT_NEGATIVE;
    }

    private void grow() {
        int n = ids.length * 2;
        ids = Arrays.copyOf(ids, n);
        owner = Arrays.copyOf(owner, n);
        currency = Arrays.copyOf(currency, n);
        status = Arrays.copyOf(status, n);
        floor = Arrays.copyOf(floor, n);
        ceiling = Arrays.copyOf(ceiling, n);
        debitsPosted = Arrays.copyOf(debitsPosted, n);
        creditsPosted = Arrays.copyOf(creditsPosted, n);
        debitsPending = Arrays.copyOf(debitsPending, n);
        creditsPending = Arrays.copyOf(creditsPending, n);
        negativeSinceMs = Arrays.copyOf(negativeSinceMs, n);
        nextOfOwner = Arrays.copyOf(nextOfOwner, n);
        touched = Arrays.copyOf(touched, n);
        touchedList = Arrays.copyOf(touchedList, n);
    }
}
