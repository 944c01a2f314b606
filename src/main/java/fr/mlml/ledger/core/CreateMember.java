package fr.mlml.ledger.core;

/** Opens a member (back office). */
public final class CreateMember extends Command {
    public final String id;
    public final String name;
    public final MemberKind kind;

    public CreateMember(String id, String name, MemberKind kind) {
        this.id = id;
        this.name = name;
        this.kind = kind;
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.createMember(this);
    }
}
