package fr.mlml.ledger.core;

/**
 * Posts (fully or partly) or voids a pending transfer. The payee may post; the payee or the payer may void.
 * After applying, {@link #status()} and {@link #postedAmount()} describe the transfer.
 */
public final class ResolvePending extends SignedCommand {
    public final String actorMemberId;
    public final long idHi;
    public final long idLo;
    public final boolean post;
    /** For a post: the amount to post, 0 for the whole pending amount. */
    public final long amount;

    TransferStatus status;
    long postedAmount;

    private ResolvePending(String actorMemberId, long idHi, long idLo, boolean post, long amount) {
        this.actorMemberId = actorMemberId;
        this.idHi = idHi;
        this.idLo = idLo;
        this.post = post;
        this.amount = amount;
    }

    public static ResolvePending post(String actorMemberId, long idHi, long idLo, long amount) {
        return new ResolvePending(actorMemberId, idHi, idLo, true, amount);
    }

    public static ResolvePending voiding(String actorMemberId, long idHi, long idLo) {
        return new ResolvePending(actorMemberId, idHi, idLo, false, 0);
    }

    public TransferStatus status() {
        return status;
    }

    public long postedAmount() {
        return postedAmount;
    }

    @Override
    String signerMemberId() {
        return actorMemberId;
    }

    @Override
    ResultCode applySigned(Ledger ledger, long nowMs) {
        return ledger.resolvePending(this, nowMs);
    }
}
