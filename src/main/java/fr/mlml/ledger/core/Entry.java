package fr.mlml.ledger.core;

/**
 * One change the ledger made to a transfer, with both accounts' balances after it: a row of history. A transfer
 * gives one entry when it is created ({@code status} posted or pending) and, if it was pending, one more when it is
 * posted (all or part: {@code amount} is what was posted), voided or expired ({@code amount} is what was released).
 * Conversion and issuance legs are transfers too. Balances are posted balances (credits − debits posted), so a
 * statement's running balance follows from one entry to the next. A leg's memo is its group's reference.
 *
 * <p>{@code number} orders every entry of the ledger (1, 2, 3…; time never runs back along it): the cursor of an
 * account's history and the key of its rows in storage.
 */
public record Entry(long number, long idHi, long idLo, long transferSequence, TransferKind kind,
                    TransferStatus status, String debitAccount, String creditAccount, String currency, long amount,
                    long debitBalanceAfter, long creditBalanceAfter, int pendingTimeoutS, String memo,
                    String paymentRequest, long timestampMs) {

    /** Whether this change moved money (a transfer posted at once, or a hold's capture): what the books record. */
    public boolean movedMoney() {
        return status == TransferStatus.POSTED;
    }

    /** The balance of {@code account}, one of the two parties, after this entry. */
    public long balanceAfter(String account) {
        if (account.equals(debitAccount)) return debitBalanceAfter;
        assert account.equals(creditAccount) : account + " is not a party of entry " + number;
        return creditBalanceAfter;
    }
}
