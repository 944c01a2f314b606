package fr.mlml.ledger.core;

/** Euros received at an exchange office, issued 1:1 as MLC into a member's account (back office). */
public final class Issue extends Command {
    public final long idHi;
    public final long idLo;
    public final String toAccount;
    public final long amount;
    public final String reference;

    /** The admin token that issued, as a handle (a prefix of its hash, never the token): journaled for auditors. */
    private String issuedBy;

    GroupOutcome outcome;

    public Issue(long idHi, long idLo, String toAccount, long amount, String reference) {
        this.idHi = idHi;
        this.idLo = idLo;
        this.toAccount = toAccount;
        this.amount = amount;
        this.reference = reference;
    }

    /** Names the admin token that issues; not one of the fields a retry must repeat. */
    public void issuedBy(String tokenHandle) {
        this.issuedBy = tokenHandle;
    }

    public String issuedBy() {
        return issuedBy;
    }

    public GroupOutcome outcome() {
        return outcome;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.issue(this, nowMs);
    }
}
