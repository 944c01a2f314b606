package fr.mlml.ledger.core;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bearer tokens (their SHA-256 only) and members' signing keys. They are ledger state, journaled in order with the
 * transfers, so a key revoked before a transfer is applied never signs it, and a replay sees the same keys.
 * Insertion-ordered maps keep snapshots and digests deterministic.
 */
final class Credentials {
    /** A token's hash and what it may do; {@code member} is a member index, -1 for admin and auditor tokens. */
    record Token(byte[] hash, TokenRole role, int member, String terminalId, long refundLimit) {
        boolean sameAs(Token o) {
            return MessageDigest.isEqual(hash, o.hash) && role == o.role && member == o.member
                    && java.util.Objects.equals(terminalId, o.terminalId) && refundLimit == o.refundLimit;
        }
    }

    /** A member's public key, or one of its terminals' (terminal id set); revoked for good once revoked. */
    static final class SigningKey {
        final String id;
        final int member;
        final byte[] publicKey;
        final String terminalId;
        boolean revoked;

        SigningKey(String id, int member, byte[] publicKey, String terminalId) {
            this.id = id;
            this.member = member;
            this.publicKey = publicKey;
            this.terminalId = terminalId;
        }
    }

    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final Map<String, SigningKey> keys = new LinkedHashMap<>();

    ResultCode addToken(Token t) {
        String hex = HexFormat.of().formatHex(t.hash);
        Token existing = tokens.get(hex);
        if (existing != null) return existing.sameAs(t) ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        tokens.put(hex, t);
        return ResultCode.OK;
    }

    ResultCode addKey(SigningKey k) {
        SigningKey existing = keys.get(k.id);
        if (existing != null) {
            boolean same = existing.member == k.member && Arrays.equals(existing.publicKey, k.publicKey)
                    && java.util.Objects.equals(existing.terminalId, k.terminalId);
            return same ? ResultCode.EXISTS : ResultCode.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        keys.put(k.id, k);
        return ResultCode.OK;
    }

    /** Revokes a key of the member; revoking it again changes nothing. */
    ResultCode revoke(String keyId, int member) {
        SigningKey k = keys.get(keyId);
        if (k == null || member < 0 || k.member != member) return ResultCode.UNKNOWN_SIGNING_KEY;
        k.revoked = true;
        return ResultCode.OK;
    }

    /** Whether a signed command may apply: no key named (not made from a request), or a live key of the member. */
    ResultCode checkKey(String keyId, int member) {
        if (keyId == null) return ResultCode.OK;
        SigningKey k = keys.get(keyId);
        if (k == null || member < 0 || k.member != member) return ResultCode.UNKNOWN_SIGNING_KEY;
        return k.revoked ? ResultCode.SIGNING_KEY_REVOKED : ResultCode.OK;
    }

    Collection<Token> tokens() {
        return tokens.values();
    }

    Collection<SigningKey> keys() {
        return keys.values();
    }
}
