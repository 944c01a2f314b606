package fr.mlml.ledger.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * The history the ledger hands to the journal ({@link Entry}) over random command sequences ({@link LedgerOps}).
 */
class EntryPropertiesTest {

    /*
     * Each account's entries are its statement: entries are numbered 1, 2, 3… with time never running back; along
     * one account's entries, a posted entry moves its balance by exactly its amount (down for the debit side, up for
     * the credit side) and any other entry (a hold made, voided or expired) leaves it where it was; and after every
     * command the last entry of each account shows the account's balance. Rejected transfers leave no entry.
     */
    @Test
    void eachAccountsEntriesChainFromZeroToItsBalance() {
        qt().withExamples(LedgerInvariantsPropertiesTest.EXAMPLES).withShrinkCycles(LedgerInvariantsPropertiesTest.SHRINKS)
                .withFixedSeed(LedgerInvariantsPropertiesTest.SEED)
                .forAll(LedgerOps.sequences())
                .checkAssert(s -> {
                    List<Command> commands = LedgerOps.materialize(s);
                    Ledger ledger = LedgerOps.newLedger();
                    List<Entry> entries = new ArrayList<>();
                    ledger.onEntries(entries::add);
                    Map<String, Long> running = new HashMap<>();
                    long[] last = {0, Long.MIN_VALUE};
                    for (Command c : commands) {
                        entries.clear();
                        ledger.apply(c);
                        for (Entry e : entries) {
                            assertEquals(last[0] + 1, e.number(), "entries are numbered without gaps");
                            assertTrue(e.timestampMs() >= last[1], "time never runs back along entries");
                            last[0] = e.number();
                            last[1] = e.timestampMs();
                            long moved = e.status() == TransferStatus.POSTED ? e.amount() : 0;
                            assertTrue(e.amount() > 0, "an entry moves or holds a positive amount");
                            long debitBefore = running.getOrDefault(e.debitAccount(), 0L);
                            long creditBefore = running.getOrDefault(e.creditAccount(), 0L);
                            assertEquals(debitBefore - moved, e.debitBalanceAfter(), () -> "debit side of " + e);
                            assertEquals(creditBefore + moved, e.creditBalanceAfter(), () -> "credit side of " + e);
                            running.put(e.debitAccount(), e.debitBalanceAfter());
                            running.put(e.creditAccount(), e.creditBalanceAfter());
                        }
                        for (int a = 0; a < ledger.accountCount(); a++) {
                            AccountView v = ledger.accountAt(a);
                            assertEquals(v.balance(), running.getOrDefault(v.id(), 0L),
                                    () -> "balance of " + v.id() + " after " + LedgerOps.describe(c));
                        }
                    }
                });
    }
}
