package fr.mlml.ledger.core;

/**
 * The outcome of a command, with the stable snake_case code clients see (DESIGN.md §6).
 * Result codes, not exceptions, carry rule violations: the core never throws for a broken rule.
 */
public enum ResultCode {
    OK("ok"),
    EXISTS("exists"),
    EXISTS_WITH_DIFFERENT_FIELDS("exists_with_different_fields"),
    UNKNOWN_ACCOUNT("unknown_account"),
    UNKNOWN_MEMBER("unknown_member"),
    UNKNOWN_CURRENCY("unknown_currency"),
    CURRENCY_MISMATCH("currency_mismatch"),
    SAME_ACCOUNT("same_account"),
    INVALID_AMOUNT("invalid_amount"),
    INVALID_LIMITS("invalid_limits"),
    INVALID_ID("invalid_id"),
    INVALID_TIMEOUT("invalid_timeout"),
    EXCEEDS_FLOOR("exceeds_floor"),
    EXCEEDS_CEILING("exceeds_ceiling"),
    ACCOUNT_FROZEN("account_frozen"),
    ACCOUNT_CLOSED("account_closed"),
    ACCOUNT_NOT_EMPTY("account_not_empty"),
    NOT_PERMITTED("not_permitted"),
    LINKED_FAILED("linked_failed"),
    PAYMENT_REQUEST_MISMATCH("payment_request_mismatch"),
    PENDING_NOT_FOUND("pending_not_found"),
    PENDING_ALREADY_RESOLVED("pending_already_resolved"),
    PENDING_EXPIRED("pending_expired"),
    CONVERSION_NOT_ALLOWED("conversion_not_allowed"),
    CONVERSION_CAP_EXCEEDED("conversion_cap_exceeded"),
    CONVERSION_POOL_INSUFFICIENT("conversion_pool_insufficient"),
    OVERFLOW("overflow"),
    UNKNOWN_SIGNING_KEY("unknown_signing_key"),
    SIGNING_KEY_REVOKED("signing_key_revoked");

    private static final ResultCode[] VALUES = values();

    public final String code;

    ResultCode(String code) {
        this.code = code;
    }

    /** True for the outcomes that leave the command applied: created now, or found already applied. */
    public boolean succeeded() {
        return this == OK || this == EXISTS;
    }

    public static ResultCode ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
