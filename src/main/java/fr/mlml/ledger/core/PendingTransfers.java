package fr.mlml.ledger.core;

import java.util.Arrays;

/**
 * Pending transfers until they are posted, voided or expire, with a min-heap of deadlines so expiry costs
 * O(log n) per pending and nothing per command when none is due. Kept apart from the bounded {@link TransferLog}:
 * a hold may outlive its log entry, and then its record is parked here until it resolves.
 */
final class PendingTransfers {
    static final int NONE = -1;

    private UuidIndex index = new UuidIndex(1024);
    private int indexCapacity = 1024;
    private long[] idHi = new long[1024];
    private long[] idLo = new long[1024];
    private int[] debit = new int[1024];
    private int[] credit = new int[1024];
    private long[] amount = new long[1024];
    private long[] deadlineMs = new long[1024];
    private long[] logPos = new long[1024];
    private int[] generation = new int[1024];
    private TransferRecord[] parked = new TransferRecord[1024];
    private int[] freeSlots = new int[1024];
    private int freeCount;
    private int slotCount;
    private int live;

    // Expiry heap: (deadline, log position, slot, generation at insertion), ordered by deadline then log position
    // so that holds due together expire in one order however the heap was built (a snapshot rebuilds it
    // differently); entries of resolved pendings are skipped lazily.
    private long[] heapDeadline = new long[1024];
    private long[] heapPos = new long[1024];
    private int[] heapSlot = new int[1024];
    private int[] heapGeneration = new int[1024];
    private int heapSize;

    int find(long hi, long lo) {
        long s = index.get(hi, lo);
        return s == UuidIndex.MISSING ? NONE : (int) s;
    }

    int add(long hi, long lo, int debitAccount, int creditAccount, long amountMinor, long deadline, long pos) {
        int s = freeCount > 0 ? freeSlots[--freeCount] : newSlot();
        idHi[s] = hi;
        idLo[s] = lo;
        debit[s] = debitAccount;
        credit[s] = creditAccount;
        amount[s] = amountMinor;
        deadlineMs[s] = deadline;
        logPos[s] = pos;
        parked[s] = null;
        if ((live + 1) * 2 > indexCapacity) rebuildIndex(indexCapacity * 2);
        index.put(hi, lo, s);
        live++;
        heapPush(deadline, pos, s, generation[s]);
        return s;
    }

    void remove(int s) {
        index.remove(idHi[s], idLo[s]);
        generation[s]++;
        parked[s] = null;
        live--;
        if (freeCount == freeSlots.length) freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        freeSlots[freeCount++] = s;
    }

    /** The slot of a pending transfer whose deadline is at or before {@code nowMs}, or {@link #NONE}. */
    int nextDue(long nowMs) {
        while (heapSize > 0 && heapDeadline[0] <= nowMs) {
            int s = heapSlot[0];
            int gen = heapGeneration[0];
            heapPop();
            if (generation[s] == gen) return s;
        }
        return NONE;
    }

    int count() {
        return live;
    }

    /** The earliest deadline still in the heap ({@link Long#MAX_VALUE} if none); it may belong to a resolved hold. */
    long earliestDeadlineMs() {
        return heapSize == 0 ? Long.MAX_VALUE : heapDeadline[0];
    }

    /** Keeps the record of a pending transfer whose log entry is being forgotten. */
    void park(int s, TransferRecord record) {
        parked[s] = record;
    }

    TransferRecord parked(int s) {
        return parked[s];
    }

    long idHi(int s) {
        return idHi[s];
    }

    long idLo(int s) {
        return idLo[s];
    }

    int debit(int s) {
        return debit[s];
    }

    int credit(int s) {
        return credit[s];
    }

    long amount(int s) {
        return amount[s];
    }

    long deadlineMs(int s) {
        return deadlineMs[s];
    }

    long logPos(int s) {
        return logPos[s];
    }

    /** Calls back every live pending, in slot order (deterministic: slots are reused in a fixed order). */
    void forEach(java.util.function.IntConsumer action) {
        for (int s = 0; s < slotCount; s++) {
            if (index.get(idHi[s], idLo[s]) == s) action.accept(s);
        }
    }

    private void rebuildIndex(int newCapacity) {
        UuidIndex bigger = new UuidIndex(newCapacity);
        for (int s = 0; s < slotCount; s++) {
            if (index.get(idHi[s], idLo[s]) == s) bigger.put(idHi[s], idLo[s], s);
        }
        index = bigger;
        indexCapacity = newCapacity;
    }

    private int newSlot() {
        if (slotCount == idHi.length) {
            int n = idHi.length * 2;
            idHi = Arrays.copyOf(idHi, n);
            idLo = Arrays.copyOf(idLo, n);
            debit = Arrays.copyOf(debit, n);
            credit = Arrays.copyOf(credit, n);
            amount = Arrays.copyOf(amount, n);
            deadlineMs = Arrays.copyOf(deadlineMs, n);
            logPos = Arrays.copyOf(logPos, n);
            generation = Arrays.copyOf(generation, n);
            parked = Arrays.copyOf(parked, n);
        }
        return slotCount++;
    }

    private void heapPush(long deadline, long pos, int s, int gen) {
        if (heapSize == heapDeadline.length) {
            int n = heapDeadline.length * 2;
            heapDeadline = Arrays.copyOf(heapDeadline, n);
            heapPos = Arrays.copyOf(heapPos, n);
            heapSlot = Arrays.copyOf(heapSlot, n);
            heapGeneration = Arrays.copyOf(heapGeneration, n);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(deadline, pos, parent)) break;
            moveHeap(parent, i);
            i = parent;
        }
        setHeap(i, deadline, pos, s, gen);
    }

    private void heapPop() {
        int last = --heapSize;
        long d = heapDeadline[last];
        long p = heapPos[last];
        int s = heapSlot[last];
        int g = heapGeneration[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) break;
            if (child + 1 < heapSize && before(heapDeadline[child + 1], heapPos[child + 1], child)) child++;
            if (!before(heapDeadline[child], heapPos[child], d, p)) break;
            moveHeap(child, i);
            i = child;
        }
        if (heapSize > 0) setHeap(i, d, p, s, g);
    }

    private boolean before(long deadline, long pos, int i) {
        return before(deadline, pos, heapDeadline[i], heapPos[i]);
    }

    private static boolean before(long d1, long p1, long d2, long p2) {
        return d1 < d2 || (d1 == d2 && p1 < p2);
    }

    private void moveHeap(int from, int to) {
        setHeap(to, heapDeadline[from], heapPos[from], heapSlot[from], heapGeneration[from]);
    }

    private void setHeap(int i, long d, long p, int s, int g) {
        heapDeadline[i] = d;
        heapPos[i] = p;
        heapSlot[i] = s;
        heapGeneration[i] = g;
    }
}
