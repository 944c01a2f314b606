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

    public CreateAccount(String id, String memberId, String currency, Long floor, Long ceiling) {
        this.id = id;
        this.memberId = memberId;
        this.currency = currency;
        this.floor = floor;
        this.ceiling = ceiling;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.createAccount(this);
    }
}
