package fr.mlml.ledger.core;

/**
 * The outcome of a command, with the stable snake_case code clients see (DESIGN.md §6).
 * Result codes, not exceptions, carry rule violations: the core never throws for a broken rule.
 */
public enum ResultCode {
    OK(0, "ok"),
    EXISTS(1, "exists"),
    EXISTS_WITH_DIFFERENT_FIELDS(2, "exists_with_different_fields"),
    UNKNOWN_ACCOUNT(3, "unknown_account"),
    UNKNOWN_MEMBER(4, "unknown_member"),
    UNKNOWN_CURRENCY(5, "unknown_currency"),
    CURRENCY_MISMATCH(6, "currency_mismatch"),
    SAME_ACCOUNT(7, "same_account"),
    INVALID_AMOUNT(8, "invalid_amount"),
    INVALID_LIMITS(9, "invalid_limits"),
    INVALID_ID(10, "invalid_id"),
    INVALID_TIMEOUT(11, "invalid_timeout"),
    EXCEEDS_FLOOR(12, "exceeds_floor"),
    EXCEEDS_CEILING(13, "exceeds_ceiling"),
    ACCOUNT_FROZEN(14, "account_frozen"),
    ACCOUNT_CLOSED(15, "account_closed"),
    ACCOUNT_NOT_EMPTY(16, "account_not_empty"),
    NOT_PERMITTED(17, "not_permitted"),
    LINKED_FAILED(18, "linked_failed"),
    PAYMENT_REQUEST_MISMATCH(19, "payment_request_mismatch"),
    PENDING_NOT_FOUND(20, "pending_not_found"),
    PENDING_ALREADY_RESOLVED(21, "pending_already_resolved"),
    PENDING_EXPIRED(22, "pending_expired"),
    CONVERSION_NOT_ALLOWED(23, "conversion_not_allowed"),
    CONVERSION_CAP_EXCEEDED(24, "conversion_cap_exceeded"),
    CONVERSION_POOL_INSUFFICIENT(25, "conversion_pool_insufficient"),
    OVERFLOW(26, "overflow"),
    UNKNOWN_SIGNING_KEY(27, "unknown_signing_key"),
    SIGNING_KEY_REVOKED(28, "signing_key_revoked"),
    /** A refund whose {@code refund_of} names no posted payment from its payee into its payer. */
    REFUND_MISMATCH(29, "refund_mismatch"),
    /** The refunds of one payment would come to more than it paid. */
    REFUND_EXCEEDS_PAYMENT(30, "refund_exceeds_payment"),
    /**
     * The sender met this payee's ceiling too often today: its transfers to that account are refused unevaluated
     * until the next day (UTC), so ceilings cannot be searched for another's balance.
     */
    CEILING_PROBE_LIMITED(31, "ceiling_probe_limited"),
    /** No live token has this id (never made, or forgotten since it was revoked or expired). */
    UNKNOWN_TOKEN(32, "unknown_token"),
    /** An enrollment code unknown, already used or expired: all three alike, so a refusal tells nothing. */
    ENROLLMENT_INVALID(33, "enrollment_invalid"),
    /** The sending terminal's refunds over the last 24 hours would pass its {@code refund_limit_per_day}. */
    REFUND_LIMIT_PER_DAY_EXCEEDED(34, "refund_limit_per_day_exceeded");

    private static final ResultCode[] VALUES = values();
    private static final ResultCode[] BY_WIRE = WireNumbers.table(VALUES, e -> e.wire);

    /** Its number in stored records: never changes, never reused ({@link WireNumbers}). */
    public final int wire;
    public final String code;

    ResultCode(int wire, String code) {
        this.wire = wire;
        this.code = code;
    }

    /** True for the outcomes that leave the command applied: created now, or found already applied. */
    public boolean succeeded() {
        return this == OK || this == EXISTS;
    }

    public static ResultCode ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The constant stored as {@code wire}; {@code where} names the record and field in the refusal of an unknown one. */
    public static ResultCode ofWire(int wire, String where) {
        return WireNumbers.lookup(BY_WIRE, wire, where);
    }
}
