package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconciliation report: the books balance, MLC is fully backed, and long-negative accounts are listed. */
class ReconciliationTest {
    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
        f.business("shop");
        f.business("baker");
        f.citizen("claire");
    }

    private Reconciliation report() {
        return f.ledger.reconciliation(f.now);
    }

    private static Reconciliation.CurrencyTotals totals(Reconciliation r, String currency) {
        return r.currencies().stream().filter(t -> t.currency().equals(currency)).findFirst().orElseThrow();
    }

    private void convert(String actor, String from, String to, String toCurrency, long amount) {
        UUID id = f.newId();
        assertEquals(ResultCode.OK, f.apply(new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                actor, from, to, toCurrency, amount, null)));
    }

    @Test
    void anEmptyLedgerReconciles() {
        Reconciliation r = report();
        assertEquals(f.now, r.asOfMs());
        assertEquals(List.of("MIE", "MLC", "EUR"), r.currencies().stream().map(Reconciliation.CurrencyTotals::currency)
                .toList());
        for (Reconciliation.CurrencyTotals t : r.currencies()) assertEquals(BigInteger.ZERO, t.sumOfBalances());
        assertEquals(0L, totals(r, "MLC").outstanding());
        assertEquals(0L, totals(r, "MLC").reserve());
        assertNull(totals(r, "MLC").backingRatio(), "no ratio of nothing to nothing");
        assertNull(totals(r, "MIE").outstanding());
        assertEquals(List.of(), r.accountsBreachingLimits());
        assertEquals(List.of(), r.longNegativeAccounts());
        assertTrue(r.invariantsOk());
    }

    @Test
    void afterADayOfTradeTheBooksBalanceAndMlcIsFullyBacked() {
        f.issue("mlc:claire", 20_000);
        f.issue("mlc:shop", 50_000);
        f.send("claire", "mlc:claire", "mlc:shop", 7_500);
        f.send("baker", "mie:baker", "mie:shop", 40_000);
        f.hold("claire", "mlc:claire", "mlc:baker", 1_000, 600);
        convert("shop", "mlc:shop", null, "EUR", 1_999);
        convert("shop", "mlc:shop", "mie:shop", null, 10_000);
        convert("baker", "mie:baker", "mlc:baker", null, 4_000);

        Reconciliation r = report();

        for (Reconciliation.CurrencyTotals t : r.currencies()) {
            assertEquals(BigInteger.ZERO, t.sumOfBalances(), t.currency());
        }
        Reconciliation.CurrencyTotals mlc = totals(r, "MLC");
        assertEquals(CurrencyKind.EURO_BACKED, mlc.kind());
        assertEquals(70_000 - 1_899, mlc.outstanding());
        assertEquals(70_000 - 1_899, mlc.reserve());
        assertEquals("1", mlc.backingRatio());
        assertEquals(100, mlc.fees());
        assertEquals(10_000 - 4_000, mlc.conversionPool());
        Reconciliation.CurrencyTotals mie = totals(r, "MIE");
        assertEquals(0, mie.fees());
        assertEquals(-10_000 + 4_000, mie.conversionPool());
        assertEquals(List.of(), r.accountsBreachingLimits());
        assertTrue(r.invariantsOk());
        assertEquals(-f.balance("mlc:issuance"), f.balance("eur:reserve"));
    }

    @Test
    void negativeSinceIsSetWhenABalanceGoesBelowZeroAndClearedWhenItComesBack() {
        long start = f.now;
        f.send("baker", "mie:baker", "mie:shop", 10_000);
        assertEquals(start, f.view("mie:baker").negativeSinceMs());
        assertNull(f.view("mie:shop").negativeSinceMs());

        f.advanceDays(3);
        f.send("baker", "mie:baker", "mie:shop", 5_000);
        assertEquals(start, f.view("mie:baker").negativeSinceMs(), "still negative since the first time");

        f.send("shop", "mie:shop", "mie:baker", 15_000);
        assertEquals(0, f.balance("mie:baker"));
        assertNull(f.view("mie:baker").negativeSinceMs(), "zero is not negative");

        f.advanceDays(1);
        f.send("baker", "mie:baker", "mie:shop", 1);
        assertEquals(f.now, f.view("mie:baker").negativeSinceMs(), "a new episode starts now");
    }

    @Test
    void mieAccountsNegativeForLongerThanThePeriodAreListed() {
        f.send("baker", "mie:baker", "mie:shop", 10_000);
        assertEquals(365, f.ledger.config().negativePeriodDays());

        f.advanceDays(364);
        assertEquals(List.of(), report().longNegativeAccounts());
        f.advanceDays(2);
        Reconciliation late = report();
        assertEquals(List.of("mie:baker"), late.longNegativeAccounts());
        assertTrue(late.invariantsOk(), "a long-negative account is reported, not an invariant broken");

        f.send("shop", "mie:shop", "mie:baker", 10_000);
        assertEquals(List.of(), report().longNegativeAccounts());
    }

    @Test
    void negativeForExactlyThePeriodIsNotYetLongerThanIt() {
        f.send("baker", "mie:baker", "mie:shop", 10_000);
        long period = 365 * LedgerFixture.DAY_MS;
        assertEquals(List.of(), f.ledger.reconciliation(f.now + period).longNegativeAccounts());
        assertEquals(List.of("mie:baker"), f.ledger.reconciliation(f.now + period + 1).longNegativeAccounts());
    }

    @Test
    void systemAccountsAreNeverListedAsLongNegative() {
        f.issue("mlc:shop", 50_000);
        convert("shop", "mlc:shop", "mie:shop", null, 10_000);
        f.advanceDays(400);
        Reconciliation r = report();
        assertTrue(f.balance("mie:conversion") < 0);
        assertTrue(f.balance("mlc:issuance") < 0);
        assertEquals(List.of(), r.longNegativeAccounts());
    }

    @Test
    void theReportTellsAccountsBreachingALimit() {
        f.send("baker", "mie:baker", "mie:shop", 50_000);
        // Only a bug could breach a limit; force one to see that the report catches it.
        int baker = f.ledger.accounts.indexOf("mie:baker");
        f.ledger.accounts.floor[baker] = -10_000;

        Reconciliation r = report();
        assertEquals(List.of("mie:baker"), r.accountsBreachingLimits());
        assertEquals(false, r.invariantsOk());
    }

    @Test
    void theReportTellsMlcThatIsNotBacked() {
        f.issue("mlc:shop", 50_000);
        // Only a bug could unbalance the fund; force one to see that the report catches it.
        int reserve = f.ledger.accounts.indexOf("eur:reserve");
        int world = f.ledger.accounts.indexOf("eur:world");
        f.ledger.accounts.debitsPosted[reserve] += 10_000;
        f.ledger.accounts.creditsPosted[world] += 10_000;

        Reconciliation.CurrencyTotals mlc = totals(report(), "MLC");
        assertEquals(50_000, mlc.outstanding());
        assertEquals(40_000, mlc.reserve());
        assertEquals("0.8", mlc.backingRatio());
        assertEquals(false, report().invariantsOk());
    }
}
