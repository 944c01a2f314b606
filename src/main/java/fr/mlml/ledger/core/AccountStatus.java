package fr.mlml.ledger.core;

/** Active accounts move money; frozen ones move nothing; closed ones never reopen. */
public enum AccountStatus {
    ACTIVE("active"),
    FROZEN("frozen"),
    CLOSED("closed");

    private static final AccountStatus[] VALUES = values();

    public final String code;

    AccountStatus(String code) {
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
}
