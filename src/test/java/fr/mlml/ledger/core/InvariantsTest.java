package fr.mlml.ledger.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks that guard money and liveness hold in every JVM, {@code -ea} or not, and end the loops they bound. */
class InvariantsTest {
    @Test
    void aBrokenCheckIsAnErrorWithItsMessage() {
        Invariants.check(true, "never thrown");
        Invariants.Broken e = assertThrows(Invariants.Broken.class, () -> Invariants.check(false, "money vanished"));
        assertEquals("money vanished", e.getMessage());
    }

    @Test
    void removingAnIdTheIndexDoesNotHoldFailsInsteadOfLoopingForever() {
        long[] hi = new long[8];
        long[] lo = new long[8];
        RecentIdIndex index = new RecentIdIndex(hi, lo);
        for (int s = 0; s < 8; s++) {
            hi[s] = 7;
            lo[s] = s;
            index.add(s);
        }
        lo[3] = 99; // slot 3 now holds an id that was never indexed
        Invariants.Broken e = assertThrows(Invariants.Broken.class, () -> index.remove(3));
        assertEquals("removing an id that is not indexed", e.getMessage());
    }

    @Test
    void aPostingBeyondTheLimitsItWasCheckedAgainstIsRefusedWhole() {
        Accounts accounts = new Accounts();
        int debit = accounts.add("mlc:a", 0, 0, new Limits(0, Limits.NO_CEILING));
        int credit = accounts.add("mlc:b", 0, 0, Limits.NONE);
        Postings postings = new Postings(accounts);
        assertEquals(ResultCode.EXCEEDS_FLOOR, postings.check(debit, credit, 10, false));
        assertThrows(Invariants.Broken.class, () -> postings.apply(debit, credit, 10, false, 0));
    }
}
