package fr.mlml.ledger.core;

/** Where a transfer id stands. A rejected id stays rejected forever (DESIGN.md §2, invariant 5). */
public enum TransferStatus {
    POSTED("posted"),
    PENDING("pending"),
    VOIDED("voided"),
    EXPIRED("expired"),
    REJECTED("rejected");

    private static final TransferStatus[] VALUES = values();

    public final String code;

    TransferStatus(String code) {
        this.code = code;
    }

    public static TransferStatus ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
