package fr.mlml.ledger.core;

/** The three kinds of money the ledger books (DESIGN.md §1). */
public enum CurrencyKind {
    /** Inter-enterprise mutual credit: created by spending on a credit line, sums to zero. */
    MUTUAL_CREDIT("mutual_credit"),
    /** Citizen currency issued 1:1 against euros in the guarantee fund. */
    EURO_BACKED("euro_backed"),
    /** The euro itself: only the guarantee fund's movements are booked. */
    REFERENCE("reference");

    public final String code;

    CurrencyKind(String code) {
        this.code = code;
    }

    public static CurrencyKind ofCode(String code) {
        for (CurrencyKind k : values()) {
            if (k.code.equals(code)) return k;
        }
        return null;
    }
}
