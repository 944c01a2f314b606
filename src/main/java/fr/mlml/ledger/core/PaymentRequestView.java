package fr.mlml.ledger.core;

/**
 * A payment request as clients see it: open, paid (by the transfer named) or expired. {@code id} is the creator's own,
 * unique within {@code memberId}; {@code memberId~id} names it for anyone.
 */
public record PaymentRequestView(String id, String memberId, String creditAccount, long amount, String memo,
                                 long createdMs, long expiresAtMs, String status, Long paidByHi, Long paidByLo,
                                 String terminalId) {

    static PaymentRequestView of(PaymentRequests.Entry e, String memberId, String creditAccount, long nowMs) {
        String status = e.paid ? "paid" : nowMs >= e.expiresAtMs ? "expired" : "open";
        return new PaymentRequestView(e.id, memberId, creditAccount, e.amount, e.memo, e.createdMs, e.expiresAtMs,
                status, e.paid ? e.paidByHi : null, e.paid ? e.paidByLo : null, e.terminalId);
    }
}
