package fr.mlml.ledger.core;

/**
 * Up to {@link #MAX_TRANSFERS} transfers sent together by one member, all debiting its accounts. Each gets its own
 * result; when {@code atomic}, either all apply or none does (the others answer {@code linked_failed}).
 */
public final class SubmitTransfers extends SignedCommand {
    public static final int MAX_TRANSFERS = 1000;

    /** The member on whose behalf the transfers are sent (the signer's member). */
    public final String actorMemberId;
    public final boolean atomic;
    public final TransferRequest[] transfers;
    /** The most the sending terminal may refund over any 24 hours, this batch included; 0 for no such bound. */
    private long refundLimitPerDay;

    public SubmitTransfers(String actorMemberId, boolean atomic, TransferRequest... transfers) {
        if (transfers.length == 0 || transfers.length > MAX_TRANSFERS) {
            throw new IllegalArgumentException("1 to " + MAX_TRANSFERS + " transfers per command");
        }
        this.actorMemberId = actorMemberId;
        this.atomic = atomic;
        this.transfers = transfers;
    }

    /** Bounds the sending terminal's refunds over any 24 hours (its token's {@code refund_limit_per_day}). */
    public void limitDailyRefunds(long limit) {
        this.refundLimitPerDay = limit;
    }

    public long refundLimitPerDay() {
        return refundLimitPerDay;
    }

    @Override
    public int transferCount() {
        return transfers.length;
    }

    @Override
    String signerMemberId() {
        return actorMemberId;
    }

    /** Refused before any transfer was looked at: each answers the refusal, and no id is taken. */
    @Override
    void refused(ResultCode rc, long nowMs) {
        for (TransferRequest t : transfers) t.answer(rc, TransferStatus.REJECTED, nowMs, 0);
    }

    @Override
    ResultCode applySigned(Ledger ledger, long nowMs) {
        ledger.submitTransfers(this, nowMs);
        return ResultCode.OK;
    }
}
