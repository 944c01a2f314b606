package fr.mlml.ledger.core;

/** Who a member is; decides which currencies it may hold and which conversions it may make. */
public enum MemberKind {
    BUSINESS(0, "business"),
    CITIZEN(1, "citizen"),
    ASSOCIATION(2, "association"),
    PUBLIC_BODY(3, "public_body");

    private static final MemberKind[] VALUES = values();
    private static final MemberKind[] BY_WIRE = WireNumbers.table(VALUES, e -> e.wire);

    /** Its number in stored records: never changes, never reused ({@link WireNumbers}). */
    public final int wire;
    public final String code;

    MemberKind(int wire, String code) {
        this.wire = wire;
        this.code = code;
    }

    public static MemberKind ofCode(String code) {
        for (MemberKind k : values()) {
            if (k.code.equals(code)) return k;
        }
        return null;
    }

    /** The constant stored as {@code wire}; {@code where} names the record and field in the refusal of an unknown one. */
    public static MemberKind ofWire(int wire, String where) {
        return WireNumbers.lookup(BY_WIRE, wire, where);
    }
}
