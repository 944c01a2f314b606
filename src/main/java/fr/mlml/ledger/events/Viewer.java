package fr.mlml.ledger.events;

/** Who reads a feed: admin and auditor see everything, a member its own, a terminal what §9 gives it. */
public record Viewer(boolean everything, String memberId, String terminalId) {
    public static final Viewer EVERYTHING = new Viewer(true, null, null);

    public static Viewer member(String memberId) {
        return new Viewer(false, memberId, null);
    }

    public static Viewer terminal(String memberId, String terminalId) {
        return new Viewer(false, memberId, terminalId);
    }
}
