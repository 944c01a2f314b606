package fr.mlml.ledger.core;

import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enrollment codes not yet used (DESIGN.md §10), by the SHA-256 of the code only. A code is single use: enrolling
 * removes it, so a used code and one never made look alike. An expired code is refused at once and forgotten at the
 * next sweep, so memory holds only the codes that may still be used.
 */
final class Enrollments {
    /** What the back office asked for the device that will use the code; {@code member} is a member index. */
    record Code(byte[] hash, int member, TokenRole role, String terminalId, long refundLimit, long refundLimitPerDay,
                long createdMs, long expiresAtMs) {
    }

    private final Map<String, Code> byHash = new LinkedHashMap<>();

    /** False if a code with this hash is already waiting (a code is random: only a replayed command repeats one). */
    boolean add(Code c) {
        return byHash.putIfAbsent(HexFormat.of().formatHex(c.hash()), c) == null;
    }

    /** The code with this hash if it may still be used at {@code nowMs}, or null. */
    Code usable(byte[] hash, long nowMs) {
        Code c = byHash.get(HexFormat.of().formatHex(hash));
        return c == null || c.expiresAtMs() <= nowMs ? null : c;
    }

    void remove(Code c) {
        byHash.remove(HexFormat.of().formatHex(c.hash()));
    }

    void expire(long nowMs) {
        byHash.values().removeIf(c -> c.expiresAtMs() <= nowMs);
    }

    long earliestExpiryMs() {
        long next = Credentials.NEVER;
        for (Code c : byHash.values()) next = Math.min(next, c.expiresAtMs());
        return next;
    }

    Collection<Code> all() {
        return byHash.values();
    }
}
