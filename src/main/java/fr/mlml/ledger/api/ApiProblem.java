package fr.mlml.ledger.api;

/**
 * A refused request, answered as an RFC 9457 problem ({@link Problems}). Thrown by parsing and checks before
 * anything reaches the engine, so a refused request never changes state.
 */
final class ApiProblem extends RuntimeException {
    final int status;
    final String code;
    /** The request field at fault, or null. */
    final String field;
    /** Seconds for {@code Retry-After}, or 0 for none. */
    final long retryAfterS;

    ApiProblem(int status, String code, String detail, String field, long retryAfterS) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterS = retryAfterS;
    }

    static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(400, "invalid_request", detail, field, 0);
    }

    static ApiProblem unauthorized() {
        return new ApiProblem(401, "unauthorized", "a valid bearer token is required", null, 0);
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", detail, null, 0);
    }

    static ApiProblem badSignature(String detail) {
        return new ApiProblem(403, "bad_signature", detail, "signature", 0);
    }

    /** More than the service takes at once: retry in a second. */
    static ApiProblem overloaded(String detail) {
        return new ApiProblem(503, "overloaded", detail, null, 1);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not_found", detail, null, 0);
    }
}
