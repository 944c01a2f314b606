package fr.mlml.ledger.core;

/** A registered token as the API needs it to authenticate: the hash of the token, never the token. */
public record TokenView(byte[] hash, TokenRole role, String memberId, String terminalId, long refundLimit) {
}
