package fr.mlml.ledger.core;

/**
 * What a conversion or issuance did: its status ({@link TransferStatus#POSTED} or {@link TransferStatus#REJECTED}),
 * fee, and the ids of its transfers, which are derived from the group's id ({@link GroupIds}).
 */
public record GroupOutcome(TransferStatus status, long fee, long timestampMs, int legCount) {
}
