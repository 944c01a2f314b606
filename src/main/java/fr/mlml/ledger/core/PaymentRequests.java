package fr.mlml.ledger.core;

import java.util.HashMap;
import java.util.Map;

/** Open payment requests of terminals: a transfer that names one must match its account and amount, once. */
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

    Entry get(String id) {
        return byId.get(id);
    }

    void add(Entry e) {
        byId.put(e.id, e);
    }

    Iterable<Entry> all() {
        return byId.values();
    }
}
