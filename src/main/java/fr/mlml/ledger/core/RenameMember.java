package fr.mlml.ledger.core;

/** Changes a member's name (back office). */
public final class RenameMember extends Command {
    public final String id;
    public final String name;

    public RenameMember(String id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.renameMember(this);
    }
}
