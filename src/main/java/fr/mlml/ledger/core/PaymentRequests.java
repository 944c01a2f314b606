package fr.mlml.ledger.core;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Open payment requests of terminals and members: a transfer that names one must match its account and amount, once.
 * Ids are scoped to the member that creates them (kept as {@code <member>~<id>}, a separator no id may hold), so no
 * member can take or read another's.
 */
final class PaymentRequests {
    /** One request; {@code paidByHi/Lo} name the transfer that paid it. */
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
    }

    private final Map<String, Entry> byId = new HashMap<>();
    /**
     * Requests by deadline, so their expiry is a moment the ledger sees pass (an event) rather than only a status
     * read later. Paid ones leave it lazily, when their deadline comes. Not stored: rebuilt as requests are added.
     */
    private final TreeSet<Entry> byDeadline = new TreeSet<>(
            Comparator.<Entry>comparingLong(e -> e.expiresAtMs).thenComparingInt(e -> e.creditAccount)
                    .thenComparing(e -> e.id));

    /** The request {@code id} of member {@code member} (its index), or null. */
    Entry get(int member, String id) {
        return byId.get(key(member, id));
    }

    void add(int member, Entry e) {
        byId.put(key(member, e.id), e);
        byDeadline.add(e);
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
}
