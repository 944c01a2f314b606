package fr.mlml.ledger.core;

/** Opens an account for a member in one currency; limits not given come from the currency policy. */
public final class CreateAccount extends Command {
    public final String id;
    public final String memberId;
    public final String currency;
    /** Null for the policy default; {@link Limits#NO_FLOOR} for none. */
    public final Long floor;
    /** Null for the policy default; {@link Limits#NO_CEILING} for none. */
    public final Long ceiling;
    /** The admin token that opened the account, by its id or handle (never the token): journaled, for its history. */
    private String createdBy;
    /** The limits the account was opened with, the policy's defaults filled in; set once it is. */
    Limits limits;

    public CreateAccount(String id, String memberId, String currency, Long floor, Long ceiling) {
        this.id = id;
        this.memberId = memberId;
        this.currency = currency;
        this.floor = floor;
        this.ceiling = ceiling;
    }

    /** Names the admin token that opens the account. */
    public void createdBy(String tokenHandle) {
        this.createdBy = tokenHandle;
    }

    public String createdBy() {
        return createdBy;
    }

    /** The floor and ceiling it was opened with, once opened (null before, or if refused). */
    public Limits limits() {
        return limits;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.createAccount(this);
    }
}
