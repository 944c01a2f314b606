package fr.mlml.ledger.core;

/**
 * Which members a list holds: {@code text} found in the id or the name whatever the case, of {@code kind}; null
 * for either means any.
 */
public record MemberQuery(String text, MemberKind kind) {
    boolean matches(String id, String name, MemberKind k) {
        return (kind == null || kind == k) && (text == null || contains(id, text) || contains(name, text));
    }

    private static boolean contains(String s, String part) {
        for (int i = 0; i + part.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, part, 0, part.length())) return true;
        }
        return false;
    }
}
