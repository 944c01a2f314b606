package fr.mlml.ledger.api;

import fr.mlml.ledger.core.TokenRole;

import java.util.function.BooleanSupplier;

/**
 * Who sent a request, from its token: the role, the member a member or terminal token acts for, a terminal's
 * device and refund limits (per request, and over any 24 hours: 0 for none), a handle for per-token rate limits
 * (a prefix of the token's hash, never the token), the token's number in the ledger (its id {@code tok_<number>};
 * 0 for the first admin token, configuration rather than ledger state), and whether the token still works, for
 * requests that outlast their start (a long poll, an event stream) and must stop once it is revoked or expired.
 */
record Caller(TokenRole role, String memberId, String terminalId, long refundLimit, String handle,
              long refundLimitPerDay, long tokenNumber, BooleanSupplier liveness) {

    /** False once the token is revoked or expired. */
    boolean live() {
        return liveness.getAsBoolean();
    }

    boolean isMember(String id) {
        return memberId != null && memberId.equals(id);
    }

    /**
     * How a journaled change names the token that made it (an account's history): its id, or its handle for the
     * first admin token, which has none.
     */
    String actor() {
        return tokenNumber > 0 ? JsonViews.tokenId(tokenNumber) : handle;
    }

    /** Admin and auditor read everything (DESIGN.md §4). */
    boolean readsEverything() {
        return role == TokenRole.ADMIN || role == TokenRole.AUDITOR;
    }
}
