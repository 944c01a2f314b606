package fr.mlml.ledger.core;

/** What an id in the transfer log stands for. */
public enum TransferKind {
    /** A transfer sent by a member or terminal. */
    TRANSFER,
    /** One transfer of a conversion or issuance group; its id is derived from the group's id. */
    LEG,
    /** A conversion between two member accounts (MLC↔MIE). */
    CONVERSION,
    /** A reconversion of MLC into euros. */
    RECONVERSION,
    /** Euros received at an exchange office, issued as MLC. */
    ISSUANCE;

    private static final TransferKind[] VALUES = values();

    public static TransferKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public boolean isGroup() {
        return this == CONVERSION || this == RECONVERSION || this == ISSUANCE;
    }
}
