package fr.mlml.ledger.api;

import fr.mlml.ledger.core.ResultCode;

/**
 * The one table from the core's result codes to HTTP answers, for commands with a single outcome. (Transfers,
 * conversions and issuances answer 200 with each outcome in the body; only a refused key makes them fail whole.)
 */
final class ResultStatus {
    private ResultStatus() {
    }

    static int status(ResultCode rc) {
        return switch (rc) {
            case OK -> 200;
            case INVALID_ID, INVALID_AMOUNT, INVALID_LIMITS, INVALID_TIMEOUT, UNKNOWN_CURRENCY, CURRENCY_MISMATCH,
                    SAME_ACCOUNT -> 400;
            case NOT_PERMITTED, UNKNOWN_SIGNING_KEY, SIGNING_KEY_REVOKED, REFUND_LIMIT_PER_DAY_EXCEEDED -> 403;
            case UNKNOWN_ACCOUNT, UNKNOWN_MEMBER, PENDING_NOT_FOUND, UNKNOWN_TOKEN, ENROLLMENT_INVALID -> 404;
            // An id already taken, or a request the ledger's current state refuses: DESIGN.md §6 has 409 for these,
            // so clients meet no status the design does not name.
            case EXISTS, EXISTS_WITH_DIFFERENT_FIELDS, PENDING_ALREADY_RESOLVED, PENDING_EXPIRED, EXCEEDS_FLOOR,
                    EXCEEDS_CEILING, ACCOUNT_FROZEN, ACCOUNT_CLOSED, ACCOUNT_NOT_EMPTY, LINKED_FAILED,
                    PAYMENT_REQUEST_MISMATCH, CONVERSION_NOT_ALLOWED, CONVERSION_CAP_EXCEEDED,
                    CONVERSION_POOL_INSUFFICIENT, OVERFLOW, REFUND_MISMATCH, REFUND_EXCEEDS_PAYMENT,
                    CEILING_PROBE_LIMITED -> 409;
        };
    }

    /** A key the ledger no longer accepts is a bad signature to the client, whichever way it is bad. */
    static String code(ResultCode rc) {
        return isKeyRefusal(rc) ? "bad_signature" : rc.code;
    }

    private static boolean isKeyRefusal(ResultCode rc) {
        return rc == ResultCode.UNKNOWN_SIGNING_KEY || rc == ResultCode.SIGNING_KEY_REVOKED;
    }

    /** Fails a signed command the ledger refused for its key (revoked since the signature was checked). */
    static void requireKeyAccepted(ResultCode rc) {
        if (isKeyRefusal(rc)) throw problem(rc);
    }

    /** The problem for a command that did not succeed. */
    static ApiProblem problem(ResultCode rc) {
        return new ApiProblem(status(rc), code(rc), "the ledger answered " + rc.code, null, 0);
    }

    /** Fails with the problem unless the command applied now. */
    static void requireOk(ResultCode rc) {
        if (rc != ResultCode.OK) throw problem(rc);
    }
}
