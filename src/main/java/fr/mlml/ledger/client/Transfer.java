package fr.mlml.ledger.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One payment to send. Its {@code id} is chosen by the caller and must be stored by the caller before sending (with
 * the invoice or the payroll line it pays): sending the same id again can never pay twice, the ledger answers
 * {@code exists}.
 */
public record Transfer(String id, String debitAccount, String creditAccount, long amount, String currency,
                       String memo) {
    public Transfer {
        if (amount <= 0) throw new IllegalArgumentException("an amount is a positive number of minor units");
    }

    /** A fresh id for a new transfer: store it before {@link LedgerClient#pay}. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    Map<String, Object> json() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("debit_account", debitAccount);
        t.put("credit_account", creditAccount);
        t.put("amount", amount);
        t.put("currency", currency);
        if (memo != null) t.put("memo", memo);
        return t;
    }
}
