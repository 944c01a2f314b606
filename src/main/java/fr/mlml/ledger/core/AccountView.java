package fr.mlml.ledger.core;

/** An account as clients see it (DESIGN.md §6); {@code memberId} is null for a system account. */
public record AccountView(String id, String memberId, String currency, long balance, long debitsPosted,
                          long creditsPosted, long debitsPending, long creditsPending, long floor, long ceiling,
                          AccountStatus status, Long negativeSinceMs) {
}
