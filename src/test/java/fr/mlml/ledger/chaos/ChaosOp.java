package fr.mlml.ledger.chaos;

/**
 * One money-moving request, fixed once made: a retry sends exactly these bytes (same ids, same signature).
 * {@code holdId} names the hold a post or void resolves.
 */
record ChaosOp(Kind kind, String path, String token, String body, String holdId) {
    enum Kind { TRANSFERS, CONVERSION, POST, VOID }

    static ChaosOp of(Kind kind, String path, String token, String body) {
        return new ChaosOp(kind, path, token, body, null);
    }

    /** Transfers and conversions carry ids of their own: resending them must answer {@code exists}. */
    boolean idempotentById() {
        return kind == Kind.TRANSFERS || kind == Kind.CONVERSION;
    }
}
