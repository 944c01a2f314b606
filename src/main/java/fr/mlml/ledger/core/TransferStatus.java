package fr.mlml.ledger.core;

/** Where a transfer id stands. A rejected id stays rejected forever (DESIGN.md §2, invariant 5). */
public enum TransferStatus {
    POSTED(0, "posted"),
    PENDING(1, "pending"),
    VOIDED(2, "voided"),
    EXPIRED(3, "expired"),
    REJECTED(4, "rejected");

    private static final TransferStatus[] VALUES = values();
    private static final TransferStatus[] BY_WIRE = WireNumbers.table(VALUES, e -> e.wire);

    /** Its number in stored records: never changes, never reused ({@link WireNumbers}). */
    public final int wire;
    public final String code;

    TransferStatus(int wire, String code) {
        this.wire = wire;
        this.code = code;
    }

    public static TransferStatus ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The constant stored as {@code code}; {@code where} names the record and field in the refusal of an unknown one. */
    public static TransferStatus ofCode(String code, String where) {
        return WireNumbers.byCode(VALUES, e -> e.code, code, "transfer status", where);
    }

    /** The constant stored as {@code wire}; {@code where} names the record and field in the refusal of an unknown one. */
    public static TransferStatus ofWire(int wire, String where) {
        return WireNumbers.lookup(BY_WIRE, wire, where);
    }
}
