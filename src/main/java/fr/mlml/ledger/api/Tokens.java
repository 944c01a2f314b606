package fr.mlml.ledger.api;

import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.crypto.Ed25519;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the event loops authenticate with: a copy of the ledger's, kept by SHA-256 only, filled at start and
 * extended as tokens are registered. A presented token is hashed and looked up by a prefix of its hash; the whole
 * hash is then compared in constant time.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(byte[] hash, Caller caller) {
    }

    private final Map<String, Entry> byPrefix = new ConcurrentHashMap<>();

    /** A new token: 32 random bytes, base64url. Shown once to whoever asked for it. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Ed25519.base64url(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    void add(TokenView t) {
        String prefix = prefix(t.hash());
        byPrefix.put(prefix, new Entry(t.hash().clone(),
                new Caller(t.role(), t.memberId(), t.terminalId(), t.refundLimit(), prefix)));
    }

    /** The first admin token, from the environment or the admin-token file: configuration, not ledger state. */
    void addBootstrapAdmin(String token) {
        add(new TokenView(hash(token), TokenRole.ADMIN, null, null, 0));
    }

    /** The caller a {@code Bearer} header names, or null. */
    Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        byte[] hash = hash(authorization.substring(7).trim());
        Entry e = byPrefix.get(prefix(hash));
        return e != null && MessageDigest.isEqual(e.hash, hash) ? e.caller : null;
    }

    private static String prefix(byte[] hash) {
        return HexFormat.of().formatHex(hash, 0, 16);
    }
}
