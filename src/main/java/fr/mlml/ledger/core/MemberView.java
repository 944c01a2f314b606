package fr.mlml.ledger.core;

import java.util.List;

/** A member as clients see it, with the ids of its accounts and its own conversion caps. */
public record MemberView(String id, String name, MemberKind kind, List<String> accountIds, List<CapOverride> caps) {
}
