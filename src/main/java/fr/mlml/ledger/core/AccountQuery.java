package fr.mlml.ledger.core;

/**
 * Which accounts a list holds: of member {@code memberId}, in {@code currency}, with {@code status}, and breaching
 * or not ({@code breach}: outside its floor or ceiling, or negative for too long, as reconciliation reports them);
 * null for any of them means any.
 */
public record AccountQuery(String memberId, String currency, AccountStatus status, Boolean breach) {
}
