package fr.mlml.ledger.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Payment requests of terminals and members: a transfer that names one must match its account and amount, once.
 * Ids are scoped to the member that creates them (kept as {@code <member>~<id>}, a separator no id may hold), so no
 * member can take or read another's.
 *
 * <p>A request paid or expired leaves memory once the retention period has passed since (at the first command whose
 * time is past it, so a replay drops it at the same point); its id stays taken, in {@link RetiredRequests}.
 */
final class PaymentRequests {
    /** One request; {@code paidByHi/Lo} name the transfer that paid it, at {@code paidAtMs}. */
    static final class Entry {
        final String id;
        final int creditAccount;
        final long amount;
        final String memo;
        final long createdMs;
        final long expiresAtMs;
        /** The terminal that created it; null when the member did. */
        final String terminalId;
        boolean paid;
        long paidByHi;
        long paidByLo;
        long paidAtMs;

        Entry(String id, int creditAccount, long amount, String memo, long createdMs, long expiresAtMs,
              String terminalId) {
            this.terminalId = terminalId;
            this.id = id;
            this.creditAccount = creditAccount;
            this.amount = amount;
            this.memo = memo;
            this.createdMs = createdMs;
            this.expiresAtMs = expiresAtMs;
        }

        boolean payableBy(int account, long amountMinor, long nowMs) {
            return !paid && nowMs < expiresAtMs && account == creditAccount && amountMinor == amount;
        }

        /** When it stopped being payable (or will): paid, or its deadline. */
        long resolvedAtMs() {
            return paid ? paidAtMs : expiresAtMs;
        }
    }

    /**
     * A request that may leave memory once {@code resolvedAtMs} is older than the retention period. A payment adds a
     * second, earlier one; whichever no longer matches the entry when it comes up is skipped.
     */
    private record Due(long resolvedAtMs, String key, Entry entry) {
    }

    private final Map<String, Entry> byId = new HashMap<>();
    /**
     * Requests by deadline, so their expiry is a moment the ledger sees pass (an event) rather than only a status
     * read later. Paid ones leave it lazily, when their deadline comes. Not stored: rebuilt as requests are added.
     */
    private final TreeSet<Entry> byDeadline = new TreeSet<>(
            Comparator.<Entry>comparingLong(e -> e.expiresAtMs).thenComparingInt(e -> e.creditAccount)
                    .thenComparing(e -> e.id));
    private final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparingLong(Due::resolvedAtMs));
    final RetiredRequests retired = new RetiredRequests();
    private final MessageDigest sha = sha256();

    /** The request {@code id} of member {@code member} (its index), or null (never created, or retired). */
    Entry get(int member, String id) {
        return byId.get(key(member, id));
    }

    /**
     * How a create of {@code id} with these fields answers when the id is taken, kept or retired: {@code exists} for
     * the same fields, else {@code exists_with_different_fields}; null when the id is free.
     */
    ResultCode taken(int member, String id, int creditAccount, long amount, String memo) {
        Entry e = get(member, id);
        if (e != null) {
            boolean same = e.creditAccount == creditAccount && e.amount == amount && Objects.equals(e.memo, memo);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        long fields = retired.fieldsOf(fingerprint(key(member, id)));
        if (fields == 0) return null;
        return fields == fieldsFingerprint(creditAccount, amount, memo) ? ResultCode.EXISTS
                : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
    }

    void add(int member, Entry e) {
        String key = key(member, e.id);
        byId.put(key, e);
        due.add(new Due(e.resolvedAtMs(), key, e));
        byDeadline.add(e);
    }

    void pay(int member, Entry e, long transferHi, long transferLo, long nowMs) {
        e.paid = true;
        e.paidByHi = transferHi;
        e.paidByLo = transferLo;
        e.paidAtMs = nowMs;
        due.add(new Due(nowMs, key(member, e.id), e));
    }

    /** Takes a payment back (its atomic group failed): the request is payable again until its deadline. */
    void unpay(Entry e) {
        e.paid = false;
        e.paidByHi = 0;
        e.paidByLo = 0;
        e.paidAtMs = 0;
    }

    /** Retires every request resolved at or before {@code nowMs - retentionMs}. */
    void retire(long nowMs, long retentionMs) {
        long horizon = nowMs - retentionMs;
        if (horizon > nowMs) return; // before the start of time: nothing is that old
        while (!due.isEmpty() && due.peek().resolvedAtMs <= horizon) {
            Due d = due.poll();
            Entry e = byId.get(d.key);
            if (e == d.entry && e.resolvedAtMs() <= horizon) {
                byId.remove(d.key);
                retired.add(fingerprint(d.key), fieldsFingerprint(e.creditAccount, e.amount, e.memo));
            }
        }
    }

    int count() {
        return byId.size();
    }

    /** No request expires before this instant ({@link Long#MAX_VALUE} when none waits). */
    long earliestDeadlineMs() {
        return byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.first().expiresAtMs;
    }

    /**
     * Takes out every request whose deadline is at or before {@code nowMs}; those still unpaid whose deadline came
     * after {@code previousMs} (the time of the command before) expired just now and go to {@code expired}. The
     * others expired at an earlier command, which matters after a snapshot: it does not say which were taken out.
     */
    void expireDue(long previousMs, long nowMs, List<Entry> expired) {
        while (!byDeadline.isEmpty() && byDeadline.first().expiresAtMs <= nowMs) {
            Entry e = byDeadline.pollFirst();
            if (!e.paid && e.expiresAtMs > previousMs && expired != null) expired.add(e);
        }
    }

    private static String key(int member, String id) {
        return member + "~" + id;
    }

    Iterable<Entry> all() {
        return byId.values();
    }

    private long fingerprint(String key) {
        return fingerprint(key.getBytes(StandardCharsets.UTF_8));
    }

    private long fieldsFingerprint(int creditAccount, long amount, String memo) {
        String fields = creditAccount + "/" + amount + "/" + (memo == null ? "" : "+" + memo);
        return fingerprint(fields.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256's first 8 bytes, never 0 (the table's empty slot). */
    private long fingerprint(byte[] bytes) {
        byte[] h = sha.digest(bytes);
        long f = 0;
        for (int i = 0; i < 8; i++) f = f << 8 | (h[i] & 0xff);
        return f == 0 ? 1 : f;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
