package fr.mlml.ledger.core;

/** What a system account does in conversions and reconciliation (DESIGN.md §3). */
public enum SystemRole {
    /** Euros outside the fund. */
    EURO_WORLD("euro_world"),
    /** The guarantee fund. */
    EURO_RESERVE("euro_reserve"),
    /** Its negative balance is the euro-backed currency in circulation. */
    ISSUANCE("issuance"),
    /** The association's fee income in one currency. */
    FEES("fees"),
    /** Holds one currency against the other created by conversion. */
    CONVERSION_POOL("conversion_pool");

    public final String code;

    SystemRole(String code) {
        this.code = code;
    }

    public static SystemRole ofCode(String code) {
        for (SystemRole r : values()) {
            if (r.code.equals(code)) return r;
        }
        return null;
    }
}
