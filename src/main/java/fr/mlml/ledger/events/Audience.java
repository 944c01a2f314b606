package fr.mlml.ledger.events;

import java.util.List;

/**
 * Who besides admin and auditor sees an event (DESIGN.md §9): the members whose accounts, requests or keys it is
 * about; the terminals that created the request it is about ({@code member/terminal}); and the member to whose
 * business a hold was made, whose terminals all see it.
 */
public record Audience(List<String> members, List<String> terminals, String holdsOf) {
    static final Audience NOBODY = new Audience(List.of(), List.of(), null);

    static String terminal(String memberId, String terminalId) {
        return memberId + "/" + terminalId;
    }

    boolean admits(Viewer viewer) {
        if (viewer.everything()) return true;
        if (viewer.terminalId() == null) return viewer.memberId() != null && members.contains(viewer.memberId());
        return viewer.memberId().equals(holdsOf) || terminals.contains(terminal(viewer.memberId(), viewer.terminalId()));
    }
}
