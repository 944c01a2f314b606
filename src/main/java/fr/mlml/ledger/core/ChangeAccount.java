package fr.mlml.ledger.core;

/** Changes an account's limits or status (back office); null leaves a field as it is. */
public final class ChangeAccount extends Command {
    public final String id;
    public final Long floor;
    public final Long ceiling;
    public final AccountStatus status;
    /** The admin token that made the change, by its id or handle (never the token): journaled, for its history. */
    private String changedBy;

    public ChangeAccount(String id, Long floor, Long ceiling, AccountStatus status) {
        this.id = id;
        this.floor = floor;
        this.ceiling = ceiling;
        this.status = status;
    }

    /** Names the admin token that changes the account. */
    public void changedBy(String tokenHandle) {
        this.changedBy = tokenHandle;
    }

    public String changedBy() {
        return changedBy;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.changeAccount(this);
    }
}
