package fr.mlml.ledger.core;

/**
 * One id of the transfer log as a value: what an answer, the journal and the archive of old ids carry.
 * For a group (conversion, issuance) {@code amount} is the gross amount, {@code fee} its fee and {@code memo} its
 * reference; {@code creditAccount} is null for a reconversion (the euros leave the ledger).
 * {@code postedAmount} is what a pending transfer finally posted (0 until then). {@code code} is the rejection code
 * of a rejected id, {@link ResultCode#OK} otherwise. {@code sequence} orders created transfers (0 for a rejected id
 * or a group); {@code position} is the id's place in the ledger's log of every id, rejected ones included.
 * {@code refundOf} is the payment a refund returns and {@code terminalId} the terminal that sent it (null otherwise).
 */
public record TransferRecord(long idHi, long idLo, TransferKind kind, TransferStatus status, ResultCode code,
                             String debitAccount, String creditAccount, String currency, long amount,
                             long postedAmount, long fee, int pendingTimeoutS, String memo, String paymentRequest,
                             long timestampMs, long sequence, long position, java.util.UUID refundOf,
                             String terminalId) {

    public TransferRecord withResolution(TransferStatus newStatus, long newPostedAmount) {
        return new TransferRecord(idHi, idLo, kind, newStatus, code, debitAccount, creditAccount, currency, amount,
                newPostedAmount, fee, pendingTimeoutS, memo, paymentRequest, timestampMs, sequence, position, refundOf,
                terminalId);
    }
}
