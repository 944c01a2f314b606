package fr.mlml.ledger.core;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Bearer tokens (their SHA-256 only), members' signing keys and enrollment codes. They are ledger state, journaled in
 * order with the transfers, so a key revoked before a transfer is applied never signs it, and a replay sees the same
 * keys. Insertion-ordered maps keep snapshots and digests deterministic. A token revoked or expired is still listed
 * for {@link #RETENTION_MS}, then forgotten: memory holds the live tokens and the recent past, not every token ever
 * made. Revoked keys stay, so a key id is never reused.
 */
final class Credentials {
    /** How long a revoked or expired token stays listed (as such) before the ledger forgets it. */
    static final long RETENTION_MS = 30L * 24 * 3600 * 1000;
    /** No expiry, no revocation, no use yet. */
    static final long NEVER = Long.MAX_VALUE;

    /** A token's hash and what it may do; {@code member} is a member index, -1 for admin and auditor tokens. */
    static final class Token {
        /** The token's id: numbered in registration order, never reused. */
        final long number;
        final byte[] hash;
        final TokenRole role;
        final int member;
        final String terminalId;
        final long refundLimit;
        /** The most a terminal refunds over any 24 hours; 0 for no such bound. */
        final long refundLimitPerDay;
        final long createdMs;
        final long expiresAtMs;
        long lastUsedMs = NEVER;
        long revokedMs = NEVER;
        /** What an enrolled device calls itself; null for a token made by the back office. */
        String deviceName;

        Token(long number, byte[] hash, TokenRole role, int member, String terminalId, long refundLimit,
              long refundLimitPerDay, long createdMs, long expiresAtMs) {
            this.number = number;
            this.hash = hash;
            this.role = role;
            this.member = member;
            this.terminalId = terminalId;
            this.refundLimit = refundLimit;
            this.refundLimitPerDay = refundLimitPerDay;
            this.createdMs = createdMs;
            this.expiresAtMs = expiresAtMs;
        }

        boolean sameAs(Token o) {
            return MessageDigest.isEqual(hash, o.hash) && role == o.role && member == o.member
                    && Objects.equals(terminalId, o.terminalId) && refundLimit == o.refundLimit
                    && refundLimitPerDay == o.refundLimitPerDay;
        }

        /** When it stopped working (revoked or expired), or {@link #NEVER}. */
        long endMs() {
            return Math.min(expiresAtMs, revokedMs);
        }
    }

    /** A member's public key, or one of its terminals' (terminal id set); revoked for good once revoked. */
    static final class SigningKey {
        final String id;
        final int member;
        final byte[] publicKey;
        final String terminalId;
        final long registeredMs;
        long revokedMs = NEVER;

        SigningKey(String id, int member, byte[] publicKey, String terminalId, long registeredMs) {
            this.id = id;
            this.member = member;
            this.publicKey = publicKey;
            this.terminalId = terminalId;
            this.registeredMs = registeredMs;
        }

        boolean revoked() {
            return revokedMs != NEVER;
        }
    }

    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final Map<Long, Token> byNumber = new HashMap<>();
    private final Map<String, SigningKey> keys = new LinkedHashMap<>();
    final Enrollments enrollments = new Enrollments();
    long lastTokenNumber;
    /** No token leaves memory and no enrollment code expires before this instant. */
    private long nextSweepMs = NEVER;

    ResultCode addToken(Token t) {
        String hex = HexFormat.of().formatHex(t.hash);
        Token existing = tokens.get(hex);
        if (existing != null) return existing.sameAs(t) ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        tokens.put(hex, t);
        byNumber.put(t.number, t);
        lastTokenNumber = Math.max(lastTokenNumber, t.number);
        nextSweepMs = Math.min(nextSweepMs, sweepAt(t));
        return ResultCode.OK;
    }

    /** The token numbered {@code number}, or null (never made, or forgotten). */
    Token token(long number) {
        return byNumber.get(number);
    }

    /** Revokes a live token; revoking it again, or one expired, changes nothing and says so. */
    ResultCode revokeToken(long number, long nowMs) {
        Token t = byNumber.get(number);
        if (t == null) return ResultCode.UNKNOWN_TOKEN;
        if (t.endMs() <= nowMs) return ResultCode.EXISTS;
        t.revokedMs = nowMs;
        nextSweepMs = Math.min(nextSweepMs, sweepAt(t));
        return ResultCode.OK;
    }

    /** Records that a token was used at {@code atMs} (never moving its last use back); unknown numbers are skipped. */
    void used(long number, long atMs) {
        Token t = byNumber.get(number);
        if (t != null && (t.lastUsedMs == NEVER || atMs > t.lastUsedMs)) t.lastUsedMs = atMs;
    }

    ResultCode addKey(SigningKey k) {
        SigningKey existing = keys.get(k.id);
        if (existing != null) {
            boolean same = existing.member == k.member && Arrays.equals(existing.publicKey, k.publicKey)
                    && Objects.equals(existing.terminalId, k.terminalId);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        keys.put(k.id, k);
        return ResultCode.OK;
    }

    /** The key with this id, or null. */
    SigningKey key(String keyId) {
        return keys.get(keyId);
    }

    /** Revokes a key of the member; revoking it again changes nothing. */
    ResultCode revoke(String keyId, int member, long nowMs) {
        SigningKey k = keys.get(keyId);
        if (k == null || member < 0 || k.member != member) return ResultCode.UNKNOWN_SIGNING_KEY;
        if (!k.revoked()) k.revokedMs = nowMs;
        return ResultCode.OK;
    }

    /** Whether a signed command may apply: no key named (not made from a request), or a live key of the member. */
    ResultCode checkKey(String keyId, int member) {
        if (keyId == null) return ResultCode.OK;
        SigningKey k = keys.get(keyId);
        if (k == null || member < 0 || k.member != member) return ResultCode.UNKNOWN_SIGNING_KEY;
        return k.revoked() ? ResultCode.SIGNING_KEY_REVOKED : ResultCode.OK;
    }

    /**
     * Forgets the tokens ended longer than {@link #RETENTION_MS} ago and the expired enrollment codes, once something
     * is due: a command costs one comparison otherwise.
     */
    void sweep(long nowMs) {
        if (nowMs < nextSweepMs) return;
        tokens.values().removeIf(t -> {
            boolean gone = sweepAt(t) <= nowMs;
            if (gone) byNumber.remove(t.number);
            return gone;
        });
        enrollments.expire(nowMs);
        recomputeNextSweep();
    }

    void recomputeNextSweep() {
        long next = enrollments.earliestExpiryMs();
        for (Token t : tokens.values()) next = Math.min(next, sweepAt(t));
        nextSweepMs = next;
    }

    void enrollmentAdded(long expiresAtMs) {
        nextSweepMs = Math.min(nextSweepMs, expiresAtMs);
    }

    private static long sweepAt(Token t) {
        long end = t.endMs();
        return end == NEVER ? NEVER : end + RETENTION_MS;
    }

    Collection<Token> tokens() {
        return tokens.values();
    }

    Collection<SigningKey> keys() {
        return keys.values();
    }
}
