package fr.mlml.ledger.api;

import fr.mlml.ledger.core.RecordTokenUse;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.crypto.Ed25519;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The tokens the event loops authenticate with: a copy of the ledger's live ones, kept by SHA-256 only, filled at
 * start, extended as tokens are registered and shrunk, before the answer of a revocation goes out, as they are
 * revoked. A presented token is hashed and looked up by a prefix of its hash; the whole hash is then compared in
 * constant time. An expired token authenticates nothing from its expiry on, by the service's clock.
 *
 * <p>When each token was last used is kept here, per second, without a journal write per request; {@link #takeUses}
 * hands the uses since its last call to be journaled now and then ({@link RecordTokenUse}), so a restart loses at
 * most that period's.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long NO_EXPIRY = Long.MAX_VALUE;

    private final class Entry {
        final byte[] hash;
        final Caller caller;
        final long expiresAtMs;
        volatile long lastUsedMs;
        volatile boolean revoked;
        /** The last use handed to {@link #takeUses}; read and written by its caller only. */
        long takenMs;

        /** {@code caller}: the caller this token authenticates, but for its liveness, which is this entry's. */
        Entry(byte[] hash, Caller caller, long expiresAtMs, long lastUsedMs) {
            this.hash = hash;
            this.caller = new Caller(caller.role(), caller.memberId(), caller.terminalId(), caller.refundLimit(),
                    caller.handle(), caller.refundLimitPerDay(), caller.tokenNumber(), this::live);
            this.expiresAtMs = expiresAtMs;
            this.lastUsedMs = lastUsedMs;
            this.takenMs = lastUsedMs;
        }

        boolean live() {
            return !revoked && clock.getAsLong() < expiresAtMs;
        }
    }

    private final Map<String, Entry> byPrefix = new ConcurrentHashMap<>();
    private final Map<Long, String> prefixOfNumber = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    /** Told the handle of each token removed. */
    private final Consumer<String> removed;

    Tokens(LongSupplier clock, Consumer<String> removed) {
        this.clock = clock;
        this.removed = removed;
    }

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

    /** A token of the ledger; one revoked is not kept. */
    void add(TokenView t) {
        if (t.revokedMs() != null) return;
        String prefix = prefix(t.hash());
        byPrefix.put(prefix, new Entry(t.hash().clone(), new Caller(t.role(), t.memberId(), t.terminalId(),
                t.refundLimit(), prefix, t.refundLimitPerDay(), t.number(), null),
                t.expiresAtMs() == null ? NO_EXPIRY : t.expiresAtMs(), t.lastUsedMs() == null ? 0 : t.lastUsedMs()));
        prefixOfNumber.put(t.number(), prefix);
    }

    /** The first admin token, from the environment or the admin-token file: configuration, not ledger state. */
    void addBootstrapAdmin(String token) {
        byte[] hash = hash(token);
        String prefix = prefix(hash);
        byPrefix.put(prefix, new Entry(hash, new Caller(TokenRole.ADMIN, null, null, 0, prefix, 0, 0, null), NO_EXPIRY,
                0));
    }

    /** Stops a token revoked (or found expired) from authenticating, on every event loop, from the next request on. */
    void remove(long number) {
        String prefix = prefixOfNumber.remove(number);
        Entry e = prefix == null ? null : byPrefix.remove(prefix);
        if (e == null) return;
        e.revoked = true;
        removed.accept(prefix);
    }

    /** The caller a {@code Bearer} header names, or null; notes the token's use. */
    Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        byte[] hash = hash(authorization.substring(7).trim());
        Entry e = byPrefix.get(prefix(hash));
        if (e == null || !MessageDigest.isEqual(e.hash, hash) || !e.live()) return null;
        long now = clock.getAsLong();
        // Per second: a token used by every event loop at once writes its shared field once a second, not per call.
        if (now - e.lastUsedMs >= 1000) e.lastUsedMs = now;
        return e.caller;
    }

    /** When the token was last used, as seen here (fresher than the ledger's), or null if never. */
    Long lastUsedMs(long number) {
        String prefix = prefixOfNumber.get(number);
        Entry e = prefix == null ? null : byPrefix.get(prefix);
        return e == null || e.lastUsedMs == 0 ? null : e.lastUsedMs;
    }

    /**
     * The uses not yet handed out, as commands of at most {@link RecordTokenUse#MAX_TOKENS} tokens, and forgets the
     * tokens expired since (the ledger forgets them too, later). One caller at a time.
     */
    List<RecordTokenUse> takeUses() {
        long now = clock.getAsLong();
        List<long[]> uses = new ArrayList<>();
        for (Map.Entry<Long, String> n : prefixOfNumber.entrySet()) {
            Entry e = byPrefix.get(n.getValue());
            if (e == null) continue;
            if (!e.live()) {
                remove(n.getKey());
                continue;
            }
            long used = e.lastUsedMs;
            if (used != e.takenMs) {
                e.takenMs = used;
                uses.add(new long[] {n.getKey(), used});
            }
        }
        List<RecordTokenUse> commands = new ArrayList<>();
        for (int from = 0; from < uses.size(); from += RecordTokenUse.MAX_TOKENS) {
            List<long[]> part = uses.subList(from, Math.min(uses.size(), from + RecordTokenUse.MAX_TOKENS));
            commands.add(new RecordTokenUse(part.stream().mapToLong(u -> u[0]).toArray(),
                    part.stream().mapToLong(u -> u[1]).toArray()));
        }
        return commands;
    }

    private static String prefix(byte[] hash) {
        return HexFormat.of().formatHex(hash, 0, 16);
    }
}
