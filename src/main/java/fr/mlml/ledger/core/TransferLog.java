package fr.mlml.ledger.core;

/**
 * The most recent transfer ids and their outcomes, as a ring of primitive arrays plus an id index: idempotency for
 * recent ids costs one hash probe and no allocation. Older entries are forgotten to the {@link TransferArchive}, so
 * memory stays bounded however long the ledger runs; a still-pending entry goes to {@link PendingTransfers}, which
 * must keep it until it is resolved.
 * Positions are absolute and grow forever; an entry at position p lives in slot {@code p & mask} until
 * position {@code p + capacity} is written.
 */
final class TransferLog {
    static final long MISSING = -1;
    /** Account index stored for an id that named an unknown account; the raw ids are kept in {@code rawIds}. */
    static final int UNRESOLVED = -1;

    private final int capacity;
    private final int mask;
    private final RecentIdIndex index;
    private final long[] idHi;
    private final long[] idLo;
    private final byte[] kind;
    private final byte[] status;
    private final byte[] code;
    private final int[] debit;
    private final int[] credit;
    private final int[] currency;
    private final long[] amount;
    private final long[] postedAmount;
    private final long[] fee;
    private final int[] pendingTimeoutS;
    private final String[] memo;
    private final String[] paymentRequest;
    private final String[][] rawIds;
    private final long[] timestampMs;
    private final long[] sequence;
    private long head;

    TransferLog(int capacity) {
        Invariants.check(Integer.bitCount(capacity) == 1, "the id log's capacity is a power of two");
        this.capacity = capacity;
        this.mask = capacity - 1;
        idHi = new long[capacity];
        idLo = new long[capacity];
        this.index = new RecentIdIndex(idHi, idLo);
        kind = new byte[capacity];
        status = new byte[capacity];
        code = new byte[capacity];
        debit = new int[capacity];
        credit = new int[capacity];
        currency = new int[capacity];
        amount = new long[capacity];
        postedAmount = new long[capacity];
        fee = new long[capacity];
        pendingTimeoutS = new int[capacity];
        memo = new String[capacity];
        paymentRequest = new String[capacity];
        rawIds = new String[capacity][];
        timestampMs = new long[capacity];
        sequence = new long[capacity];
    }

    /** Position of an id still in memory, or {@link #MISSING}. */
    long find(long hi, long lo) {
        int s = index.get(hi, lo);
        return s == RecentIdIndex.MISSING ? MISSING : head - 1 - ((head - 1 - s) & mask);
    }

    /**
     * Loads into cache the index slots the ids of these requests will probe and those of
     * the entries their appends will evict. Changes nothing; returns a value only so the loads are not optimised
     * away.
     */
    long prefetch(TransferRequest[] requests) {
        long sink = 0;
        for (TransferRequest t : requests) sink += index.touch(t.idHi, t.idLo);
        for (long pos = head - capacity; pos < head - capacity + requests.length; pos++) {
            if (pos >= 0) sink += index.touch(idHi[slot(pos)], idLo[slot(pos)]);
        }
        return sink;
    }

    /** The position the next append will take: lets a caller that must undo appends know where it started. */
    long head() {
        return head;
    }

    /**
     * Appends an entry (outcome filled in afterwards with {@link #setOutcome}) and returns its position. When the
     * ring is full this overwrites the oldest entry: the caller hands that one on first.
     */
    long append(long hi, long lo, TransferKind k, int debitAccount, int creditAccount, int currencyIndex,
                long amountMinor, int timeoutS, String memoText, String request, String[] raw, long nowMs) {
        if (head >= capacity) index.remove(slot(head - capacity));
        long pos = head++;
        int s = slot(pos);
        idHi[s] = hi;
        idLo[s] = lo;
        kind[s] = (byte) k.ordinal();
        debit[s] = debitAccount;
        credit[s] = creditAccount;
        currency[s] = currencyIndex;
        amount[s] = amountMinor;
        postedAmount[s] = 0;
        fee[s] = 0;
        pendingTimeoutS[s] = timeoutS;
        memo[s] = memoText;
        paymentRequest[s] = request;
        rawIds[s] = raw;
        timestampMs[s] = nowMs;
        sequence[s] = 0;
        status[s] = (byte) TransferStatus.REJECTED.ordinal();
        code[s] = (byte) ResultCode.OK.ordinal();
        index.add(s);
        return pos;
    }

    /** Puts back an entry read from a snapshot, after {@link #restoreHead}; positions come in increasing order. */
    void restore(long pos, TransferRecord r, int debitAccount, int creditAccount, int currencyIndex, String[] raw) {
        Invariants.check(pos < head && pos >= head - capacity, "a restored id outside the log's window");
        int s = slot(pos);
        idHi[s] = r.idHi();
        idLo[s] = r.idLo();
        kind[s] = (byte) r.kind().ordinal();
        status[s] = (byte) r.status().ordinal();
        code[s] = (byte) r.code().ordinal();
        debit[s] = debitAccount;
        credit[s] = creditAccount;
        currency[s] = currencyIndex;
        amount[s] = r.amount();
        postedAmount[s] = r.postedAmount();
        fee[s] = r.fee();
        pendingTimeoutS[s] = r.pendingTimeoutS();
        memo[s] = r.memo();
        paymentRequest[s] = r.paymentRequest();
        rawIds[s] = raw;
        timestampMs[s] = r.timestampMs();
        sequence[s] = r.sequence();
        index.add(s);
    }

    /** Sets the next position, before entries are restored from a snapshot into an empty log. */
    void restoreHead(long next) {
        Invariants.check(head == 0, "a log restored twice");
        head = next;
    }

    int capacity() {
        return capacity;
    }

    /** True while the entry at {@code pos} is still in memory. */
    boolean holds(long pos) {
        return pos >= head - capacity && pos < head;
    }

    void setOutcome(long pos, TransferStatus st, ResultCode rc, long seq) {
        int s = slot(pos);
        status[s] = (byte) st.ordinal();
        code[s] = (byte) rc.ordinal();
        sequence[s] = seq;
    }

    void setResolution(long pos, TransferStatus st, long posted) {
        int s = slot(pos);
        status[s] = (byte) st.ordinal();
        postedAmount[s] = posted;
    }

    void setFee(long pos, long feeMinor) {
        fee[slot(pos)] = feeMinor;
    }

    TransferKind kind(long pos) {
        return TransferKind.ofOrdinal(kind[slot(pos)]);
    }

    TransferStatus status(long pos) {
        return TransferStatus.ofOrdinal(status[slot(pos)]);
    }

    ResultCode code(long pos) {
        return ResultCode.ofOrdinal(code[slot(pos)]);
    }

    int debit(long pos) {
        return debit[slot(pos)];
    }

    int credit(long pos) {
        return credit[slot(pos)];
    }

    int currency(long pos) {
        return currency[slot(pos)];
    }

    long amount(long pos) {
        return amount[slot(pos)];
    }

    long postedAmount(long pos) {
        return postedAmount[slot(pos)];
    }

    long fee(long pos) {
        return fee[slot(pos)];
    }

    int pendingTimeoutS(long pos) {
        return pendingTimeoutS[slot(pos)];
    }

    String memo(long pos) {
        return memo[slot(pos)];
    }

    String paymentRequest(long pos) {
        return paymentRequest[slot(pos)];
    }

    /** The account and currency strings as sent, for an entry rejected before they resolved; else null. */
    String[] rawIds(long pos) {
        return rawIds[slot(pos)];
    }

    long timestampMs(long pos) {
        return timestampMs[slot(pos)];
    }

    long sequence(long pos) {
        return sequence[slot(pos)];
    }

    long idHi(long pos) {
        return idHi[slot(pos)];
    }

    long idLo(long pos) {
        return idLo[slot(pos)];
    }

    private int slot(long pos) {
        return (int) pos & mask;
    }
}
