package fr.mlml.ledger.core;

import java.util.HashMap;
import java.util.Map;

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

    /** The request {@code id} of member {@code member} (its index), or null. */
    Entry get(int member, String id) {
        return byId.get(key(member, id));
    }

    void add(int member, Entry e) {
        byId.put(key(member, e.id), e);
    }

    private static String key(int member, String id) {
        return member + "~" + id;
    }

    Iterable<Entry> all() {
        return byId.values();
    }
}
