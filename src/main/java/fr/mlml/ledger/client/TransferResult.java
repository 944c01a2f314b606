package fr.mlml.ledger.client;

import java.util.Map;

/**
 * What became of one transfer: {@code created} now, {@code exists} (sent before: nothing moved twice), or
 * {@code rejected} with the rule's {@code code}.
 */
public record TransferResult(String id, String status, String code, Map<String, Object> transfer) {
    /** Created now or before: the money moved, once. */
    public boolean done() {
        return "created".equals(status) || "exists".equals(status);
    }
}
