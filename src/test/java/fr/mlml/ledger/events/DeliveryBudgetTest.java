package fr.mlml.ledger.events;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryBudgetTest {
    @Test
    void aTenthOfASecondAtOnceThenItsPace() {
        DeliveryBudget budget = new DeliveryBudget(1_000);
        long startNs = System.nanoTime();
        int taken = 0;
        for (int i = 0; i < 100; i++) {
            assertTrue(budget.take(), "the burst: a tenth of a second's worth, delivery " + (i + 1));
            taken++;
        }
        for (int i = 0; i < 10_000; i++) {
            if (budget.take()) taken++;
        }
        long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        assertTrue(taken <= 100 + elapsedMs + 1, taken + " taken in " + elapsedMs + " ms");
    }

    @Test
    void emptyItSaysHowLongToWait() {
        DeliveryBudget budget = new DeliveryBudget(1);
        assertTrue(budget.take());
        assertFalse(budget.take());
        long waitMs = budget.waitMs();
        assertTrue(waitMs >= 1 && waitMs <= 1_000, "wait " + waitMs + " ms");
    }
}
