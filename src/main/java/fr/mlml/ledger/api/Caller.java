package fr.mlml.ledger.api;

import fr.mlml.ledger.core.TokenRole;

/**
 * Who sent a request, from its token: the role, the member a member or terminal token acts for, a terminal's
 * device and refund limit, and a handle for per-token rate limits (a prefix of the token's hash, never the token).
 */
record Caller(TokenRole role, String memberId, String terminalId, long refundLimit, String handle) {

    boolean isMember(String id) {
        return memberId != null && memberId.equals(id);
    }

    /** How a journaled change names the token that made it (an account's history): its handle. */
    String actor() {
        return handle;
    }

    /** Admin and auditor read everything (DESIGN.md §4). */
    boolean readsEverything() {
        return role == TokenRole.ADMIN || role == TokenRole.AUDITOR;
    }
}
