package fr.mlml.ledger.core;

/** What an id in the transfer log stands for. */
public enum TransferKind {
    /** A transfer sent by a member or terminal. */
    TRANSFER(0, "transfer"),
    /** One transfer of a conversion or issuance group; its id is derived from the group's id. */
    LEG(1, "leg"),
    /** A conversion between two member accounts (MLC↔MIE). */
    CONVERSION(2, "conversion"),
    /** A reconversion of MLC into euros. */
    RECONVERSION(3, "reconversion"),
    /** Euros received at an exchange office, issued as MLC. */
    ISSUANCE(4, "issuance");

    private static final TransferKind[] VALUES = values();
    private static final TransferKind[] BY_WIRE = WireNumbers.table(VALUES, e -> e.wire);

    /** Its number in stored records: never changes, never reused ({@link WireNumbers}). */
    public final int wire;
    /** Its name in PostgreSQL's entries table: never changes either. */
    public final String code;

    TransferKind(int wire, String code) {
        this.wire = wire;
        this.code = code;
    }

    public static TransferKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public boolean isGroup() {
        return this == CONVERSION || this == RECONVERSION || this == ISSUANCE;
    }

    /** The constant stored as {@code code}; {@code where} names the record and field in the refusal of an unknown one. */
    public static TransferKind ofCode(String code, String where) {
        return WireNumbers.byCode(VALUES, e -> e.code, code, "transfer kind", where);
    }

    /** The constant stored as {@code wire}; {@code where} names the record and field in the refusal of an unknown one. */
    public static TransferKind ofWire(int wire, String where) {
        return WireNumbers.lookup(BY_WIRE, wire, where);
    }
}
