package fr.mlml.ledger.core;

/** What a bearer token may do (DESIGN.md §4). */
public enum TokenRole {
    ADMIN(0, "admin"),
    AUDITOR(1, "auditor"),
    MEMBER(2, "member"),
    TERMINAL(3, "terminal");

    private static final TokenRole[] VALUES = values();
    private static final TokenRole[] BY_WIRE = WireNumbers.table(VALUES, e -> e.wire);

    /** Its number in stored records: never changes, never reused ({@link WireNumbers}). */
    public final int wire;
    public final String code;

    TokenRole(int wire, String code) {
        this.wire = wire;
        this.code = code;
    }

    /** Member and terminal tokens act for one member; admin and auditor tokens for none. */
    public boolean actsForMember() {
        return this == MEMBER || this == TERMINAL;
    }

    public static TokenRole ofCode(String code) {
        for (TokenRole r : VALUES) {
            if (r.code.equals(code)) return r;
        }
        return null;
    }

    /** The constant stored as {@code wire}; {@code where} names the record and field in the refusal of an unknown one. */
    public static TokenRole ofWire(int wire, String where) {
        return WireNumbers.lookup(BY_WIRE, wire, where);
    }
}
