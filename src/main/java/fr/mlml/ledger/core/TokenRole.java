package fr.mlml.ledger.core;

/** What a bearer token may do (DESIGN.md §4). */
public enum TokenRole {
    ADMIN("admin"),
    AUDITOR("auditor"),
    MEMBER("member"),
    TERMINAL("terminal");

    private static final TokenRole[] VALUES = values();

    public final String code;

    TokenRole(String code) {
        this.code = code;
    }

    /** Member and terminal tokens act for one member; admin and auditor tokens for none. */
    public boolean actsForMember() {
        return this == MEMBER || this == TERMINAL;
    }

    public static TokenRole ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static TokenRole ofCode(String code) {
        for (TokenRole r : VALUES) {
            if (r.code.equals(code)) return r;
        }
        return null;
    }
}
