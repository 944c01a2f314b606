package fr.mlml.ledger.core;

/**
 * A conversion by a member (DESIGN.md §3): between its MLC and MIE accounts ({@code toAccount}), or a reconversion
 * of MLC into euros ({@code toCurrency} the euro, {@code toAccount} null). Applied as one atomic group of transfers.
 */
public final class Convert extends SignedCommand {
    public final long idHi;
    public final long idLo;
    public final String actorMemberId;
    public final String fromAccount;
    /** The member's account in the target currency, or null for a reconversion. */
    public final String toAccount;
    /** The euro's code for a reconversion, or null. */
    public final String toCurrency;
    public final long amount;
    public final String reference;

    GroupOutcome outcome;

    public Convert(long idHi, long idLo, String actorMemberId, String fromAccount, String toAccount, String toCurrency,
                   long amount, String reference) {
        this.idHi = idHi;
        this.idLo = idLo;
        this.actorMemberId = actorMemberId;
        this.fromAccount = fromAccount;
        this.toAccount = toAccount;
        this.toCurrency = toCurrency;
        this.amount = amount;
        this.reference = reference;
    }

    public GroupOutcome outcome() {
        return outcome;
    }

    @Override
    String signerMemberId() {
        return actorMemberId;
    }

    @Override
    void refused(ResultCode rc, long nowMs) {
        outcome = new GroupOutcome(TransferStatus.REJECTED, 0, nowMs, 0);
    }

    @Override
    ResultCode applySigned(Ledger ledger, long nowMs) {
        return ledger.convert(this, nowMs);
    }
}
