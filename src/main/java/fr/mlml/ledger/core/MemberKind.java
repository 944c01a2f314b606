package fr.mlml.ledger.core;

/** Who a member is; decides which currencies it may hold and which conversions it may make. */
public enum MemberKind {
    BUSINESS("business"),
    CITIZEN("citizen"),
    ASSOCIATION("association"),
    PUBLIC_BODY("public_body");

    public final String code;

    MemberKind(String code) {
        this.code = code;
    }

    public static MemberKind ofCode(String code) {
        for (MemberKind k : values()) {
            if (k.code.equals(code)) return k;
        }
        return null;
    }
}
