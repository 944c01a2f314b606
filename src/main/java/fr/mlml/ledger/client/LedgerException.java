package fr.mlml.ledger.client;

/**
 * A refusal by the ledger (an RFC 9457 problem: its status, stable {@code code}, message and the field it names), or
 * a failure to reach it that outlasted the retries ({@code status} 0, {@code code} {@code unreachable}).
 */
public final class LedgerException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public LedgerException(int status, String code, String detail, String field) {
        super(status == 0 ? detail : status + " " + code + ": " + detail + (field == null ? "" : " (" + field + ")"));
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field the problem names, or null. */
    public String field() {
        return field;
    }
}
