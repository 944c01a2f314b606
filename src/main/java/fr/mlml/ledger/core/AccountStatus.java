package fr.mlml.ledger.core;

/** Active accounts move money; frozen ones move nothing; closed ones never reopen. */
public enum AccountStatus {
    ACTIVE(0, "active"),
    FROZEN(1, "frozen"),
    CLOSED(2, "closed");

    private static final AccountStatus[] VALUES = values();
    private static final AccountStatus[] BY_WIRE = WireNumbers.table(VALUES, e -> e.wire);

    /** Its number in stored records: never changes, never reused ({@link WireNumbers}). */
    public final int wire;
    public final String code;

    AccountStatus(int wire, String code) {
        this.wire = wire;
        this.code = code;
    }

    public static AccountStatus ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static AccountStatus ofCode(String code) {
        for (AccountStatus s : VALUES) {
            if (s.code.equals(code)) return s;
        }
        return null;
    }

    /** The constant stored as {@code wire}; {@code where} names the record and field in the refusal of an unknown one. */
    public static AccountStatus ofWire(int wire, String where) {
        return WireNumbers.lookup(BY_WIRE, wire, where);
    }
}
