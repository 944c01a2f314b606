package fr.mlml.ledger.core;

/**
 * A registered token as the API needs it to authenticate and to list it: the hash of the token, never the token.
 * {@code number} is its id; the times are null when they do not apply (no expiry, never used, not revoked), and so
 * is {@code deviceName} but for an enrolled device's token.
 */
public record TokenView(long number, byte[] hash, TokenRole role, String memberId, String terminalId,
                        long refundLimit, long refundLimitPerDay, long createdMs, Long expiresAtMs, Long lastUsedMs,
                        Long revokedMs, String deviceName) {
    /** {@code active}, {@code expired} or {@code revoked} at {@code nowMs}. */
    public String status(long nowMs) {
        if (revokedMs != null) return "revoked";
        return expiresAtMs != null && expiresAtMs <= nowMs ? "expired" : "active";
    }
}
