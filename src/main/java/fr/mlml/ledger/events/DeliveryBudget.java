package fr.mlml.ledger.events;

/**
 * What all webhook endpoints together may be sent: {@code perSecond} deliveries a second on average, bursts of a
 * tenth of a second's worth. Endpoints behind the head would otherwise deliver as fast as the processors let them
 * and take them from the ledger's payments; with it, catching up takes longer and payments go on at their pace.
 * Used on one thread (the deliveries' context); time is {@link System#nanoTime()}.
 */
final class DeliveryBudget {
    private final long nsPerDelivery;
    /** How far ahead of now the budget may be spent: the burst, less the delivery that fills it. */
    private final long aheadNs;
    /** When the budget spent so far is paid back (a generic cell rate algorithm's theoretical arrival time). */
    private long paidBackNs;

    DeliveryBudget(int perSecond) {
        assert perSecond > 0;
        nsPerDelivery = 1_000_000_000L / perSecond;
        aheadNs = Math.max(nsPerDelivery, 100_000_000L) - nsPerDelivery;
        paidBackNs = System.nanoTime();
    }

    /** Takes one delivery if the budget has it. */
    boolean take() {
        long now = System.nanoTime();
        if (paidBackNs - now > aheadNs) return false;
        paidBackNs = Math.max(paidBackNs, now) + nsPerDelivery;
        return true;
    }

    /** Milliseconds (at least 1) until {@link #take} can succeed. */
    long waitMs() {
        return Math.max(1, (paidBackNs - aheadNs - System.nanoTime() + 999_999) / 1_000_000);
    }
}
