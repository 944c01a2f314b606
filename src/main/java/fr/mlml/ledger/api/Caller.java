package fr.mlml.ledger.api;

import fr.mlml.ledger.core.TokenRole;

/**
 * Who sent a request, from its token: the role, the member a member or terminal token acts for, a terminal's
 * device and refund limits, the token's id (0 for the first admin token, which is configuration, not ledger state)
 * and a handle for per-token rate limits (a prefix of the token's hash, never the token).
 */
record Caller(TokenRole role, String memberId, String terminalId, long refundLimit, String handle, long tokenNumber,
              long refundLimitPerDay) {

    boolean isMember(String id) {
        return memberId != null && memberId.equals(id);
    }

    /** Admin and auditor read everything (DESIGN.md §4). */
    boolean readsEverything() {
        return role == TokenRole.ADMIN || role == TokenRole.AUDITOR;
    }
}
