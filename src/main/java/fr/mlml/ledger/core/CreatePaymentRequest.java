package fr.mlml.ledger.core;

/** A terminal or member asks to be paid an exact amount into one of its accounts before a deadline. */
public final class CreatePaymentRequest extends Command {
    public static final int MAX_EXPIRES_IN_S = 7 * 86_400;

    public final String id;
    public final String actorMemberId;
    public final String creditAccount;
    public final long amount;
    public final String memo;
    public final int expiresInS;
    /** The terminal that creates it (null: the member itself), which alone of the member's terminals reads it. */
    private String terminalId;

    public CreatePaymentRequest(String id, String actorMemberId, String creditAccount, long amount, String memo,
                                int expiresInS) {
        this.id = id;
        this.actorMemberId = actorMemberId;
        this.creditAccount = creditAccount;
        this.amount = amount;
        this.memo = memo;
        this.expiresInS = expiresInS;
    }

    /** Names the terminal that creates the request; not one of the fields a retry must repeat. */
    public void byTerminal(String terminalId) {
        this.terminalId = terminalId;
    }

    public String terminalId() {
        return terminalId;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.createPaymentRequest(this, nowMs);
    }
}
