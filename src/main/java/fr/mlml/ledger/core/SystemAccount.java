package fr.mlml.ledger.core;

/** A system account created at genesis from config, owned by no member. */
public record SystemAccount(String id, String currency, SystemRole role, Limits limits) {
    public SystemAccount {
        if (!AccountIds.isValid(id)) throw new IllegalArgumentException("bad system account id: " + id);
        if (!limits.admitsZero()) throw new IllegalArgumentException(id + ": limits must admit a zero balance");
    }
}
