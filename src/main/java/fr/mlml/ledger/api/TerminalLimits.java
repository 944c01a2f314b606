package fr.mlml.ledger.api;

import fr.mlml.ledger.core.TokenRole;

/**
 * What a terminal's token (or enrollment code) says of the device: its id and how much it may refund, in one
 * request and over any 24 hours (0: no daily bound). Only a terminal has them.
 */
record TerminalLimits(String terminalId, long refundLimit, long refundLimitPerDay) {
    static final TerminalLimits NONE = new TerminalLimits(null, 0, 0);

    /** The limits in a body asking for a token or code of {@code role}: refused for anything but a terminal. */
    static TerminalLimits of(JsonInput in, TokenRole role) {
        if (role != TokenRole.TERMINAL) {
            for (String field : new String[] {"terminal_id", "refund_limit", "refund_limit_per_day"}) {
                if (in.has(field)) throw ApiProblem.invalid(field, "only for a terminal");
            }
            return NONE;
        }
        return new TerminalLimits(in.id("terminal_id"), in.integerOr("refund_limit", 0, Long.MAX_VALUE, 0),
                in.integerOr("refund_limit_per_day", 1, Long.MAX_VALUE, 0));
    }
}
