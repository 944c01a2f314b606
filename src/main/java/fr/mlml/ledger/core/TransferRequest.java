package fr.mlml.ledger.core;

/**
 * One transfer as a client sent it, and after applying, its outcome: the result code, and for a created or
 * existing transfer its status, timestamp and sequence (those of the original for {@code exists}).
 */
public final class TransferRequest {
    /** A pending transfer waits at most this long for its payee to post or void it. */
    public static final int MAX_PENDING_TIMEOUT_S = 90 * 86_400;

    public final long idHi;
    public final long idLo;
    public final String debitAccount;
    public final String creditAccount;
    public final long amount;
    public final String currency;
    /** Null when absent. */
    public final String memo;
    /** The payment request this transfer pays, or null. */
    public final String paymentRequest;
    /** 0 for a posted transfer; otherwise pending until posted, voided or this many seconds pass. */
    public final int pendingTimeoutS;
    /** The payment this transfer refunds (it goes back to that payment's payer), or null. */
    public final java.util.UUID refundOf;

    ResultCode result;
    TransferStatus status;
    long timestampMs;
    long sequence;

    public TransferRequest(long idHi, long idLo, String debitAccount, String creditAccount, long amount,
                           String currency, String memo, String paymentRequest, int pendingTimeoutS) {
        this(idHi, idLo, debitAccount, creditAccount, amount, currency, memo, paymentRequest, pendingTimeoutS, null);
    }

    public TransferRequest(long idHi, long idLo, String debitAccount, String creditAccount, long amount,
                           String currency, String memo, String paymentRequest, int pendingTimeoutS,
                           java.util.UUID refundOf) {
        this.refundOf = refundOf;
        this.idHi = idHi;
        this.idLo = idLo;
        this.debitAccount = debitAccount;
        this.creditAccount = creditAccount;
        this.amount = amount;
        this.currency = currency;
        this.memo = memo;
        this.paymentRequest = paymentRequest;
        this.pendingTimeoutS = pendingTimeoutS;
    }

    public ResultCode result() {
        return result;
    }

    /** Status of the transfer this id names after applying: {@link TransferStatus#REJECTED} when rejected. */
    public TransferStatus status() {
        return status;
    }

    public long timestampMs() {
        return timestampMs;
    }

    /** Position of the transfer in the ledger's total order; 0 for a rejected id. */
    public long sequence() {
        return sequence;
    }

    void answer(ResultCode rc, TransferStatus st, long tsMs, long seq) {
        result = rc;
        status = st;
        timestampMs = tsMs;
        sequence = seq;
    }

    /** Same fields as a recorded transfer: a resubmission answers {@code exists}, otherwise a conflict. */
    boolean sameFieldsAs(TransferRecord r) {
        return r.kind() == TransferKind.TRANSFER && amount == r.amount() && pendingTimeoutS == r.pendingTimeoutS()
                && debitAccount.equals(r.debitAccount()) && creditAccount.equals(r.creditAccount())
                && currency.equals(r.currency()) && java.util.Objects.equals(memo, r.memo())
                && java.util.Objects.equals(paymentRequest, r.paymentRequest())
                && java.util.Objects.equals(refundOf, r.refundOf());
    }
}
