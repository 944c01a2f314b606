package fr.mlml.ledger.core;

import java.util.List;

/** Replaces a member's own conversion caps; pairs it does not name fall back to the config default. */
public final class SetConversionCaps extends Command {
    public final String memberId;
    public final List<CapOverride> caps;

    public SetConversionCaps(String memberId, List<CapOverride> caps) {
        this.memberId = memberId;
        this.caps = List.copyOf(caps);
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ledger.setConversionCaps(this);
    }
}
