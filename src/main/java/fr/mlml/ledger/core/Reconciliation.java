package fr.mlml.ledger.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The books at one instant, as the back office and auditors check them: per currency the sum of balances (0), for
 * the euro-backed currency the MLC outstanding against the euro reserve (equal), fees and conversion pools; accounts
 * breaching a limit (none); mutual-credit accounts negative for longer than the configured period; and whether every
 * invariant holds; and how many transfers were refused as ceiling probes ({@code ceiling_probe_limited}: one sender
 * searching another's balance). Sums use BigInteger: partial sums of longs may overflow even when the total is 0.
 */
public record Reconciliation(long asOfMs, List<CurrencyTotals> currencies, List<String> accountsBreachingLimits,
                             List<String> longNegativeAccounts, boolean invariantsOk, long ceilingProbesRefused) {

    /**
     * One currency's totals. {@code outstanding}, {@code reserve} and {@code backingRatio} concern a euro-backed
     * currency only (null otherwise); the ratio is exact to six decimals, never floating point.
     */
    public record CurrencyTotals(String currency, int scale, CurrencyKind kind, BigInteger sumOfBalances,
                                 Long outstanding, Long reserve, String backingRatio, long fees, long conversionPool) {
        boolean ok() {
            return sumOfBalances.signum() == 0 && (outstanding == null || outstanding.equals(reserve));
        }
    }

    static Reconciliation of(Ledger ledger, long nowMs) {
        Accounts a = ledger.accounts;
        List<CurrencyTotals> totals = new ArrayList<>();
        for (int cur = 0; cur < ledger.currencies.length; cur++) totals.add(totalsOf(ledger, cur));
        List<String> breaching = new ArrayList<>();
        List<String> longNegative = new ArrayList<>();
        for (int i = 0; i < a.count(); i++) {
            if (!a.withinLimits(i)) breaching.add(a.ids[i]);
            if (longNegative(ledger, i, nowMs)) longNegative.add(a.ids[i]);
        }
        boolean ok = breaching.isEmpty() && totals.stream().allMatch(CurrencyTotals::ok);
        return new Reconciliation(nowMs, totals, breaching, longNegative, ok, ledger.probes.refusedCount());
    }

    /** A member's mutual-credit account negative for longer than the configured period. */
    private static boolean longNegative(Ledger ledger, int i, long nowMs) {
        Accounts a = ledger.accounts;
        long periodMs = ledger.config.negativePeriodDays() * 86_400_000L;
        boolean mutualCredit = ledger.currencies[a.currency[i]].kind() == CurrencyKind.MUTUAL_CREDIT;
        return mutualCredit && a.owner[i] != Accounts.SYSTEM_OWNER && a.negativeSinceMs[i] != Accounts.NOT_NEGATIVE
                && nowMs - a.negativeSinceMs[i] > periodMs; // "negative for longer than the period"
    }

    /** An account this report lists, as breaching a limit or as negative for too long. */
    static boolean breaches(Ledger ledger, int i, long nowMs) {
        return !ledger.accounts.withinLimits(i) || longNegative(ledger, i, nowMs);
    }

    private static CurrencyTotals totalsOf(Ledger ledger, int cur) {
        Accounts a = ledger.accounts;
        CurrencyPolicy policy = ledger.currencies[cur];
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < a.count(); i++) {
            if (a.currency[i] != cur) continue;
            sum = sum.add(BigInteger.valueOf(a.creditsPosted[i])).subtract(BigInteger.valueOf(a.debitsPosted[i]));
        }
        Long outstanding = null;
        Long reserve = null;
        String ratio = null;
        if (policy.kind() == CurrencyKind.EURO_BACKED) {
            String euro = ledger.config.referenceCurrency().code();
            outstanding = -balanceOf(ledger, SystemRole.ISSUANCE, policy.code());
            reserve = balanceOf(ledger, SystemRole.EURO_RESERVE, euro);
            ratio = outstanding == 0 ? null : new BigDecimal(reserve)
                    .divide(new BigDecimal(outstanding), 6, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
        }
        return new CurrencyTotals(policy.code(), policy.scale(), policy.kind(), sum, outstanding, reserve, ratio,
                balanceOf(ledger, SystemRole.FEES, policy.code()),
                balanceOf(ledger, SystemRole.CONVERSION_POOL, policy.code()));
    }

    private static long balanceOf(Ledger ledger, SystemRole role, String currency) {
        int i = ledger.systemAccount(role, currency);
        return i < 0 ? 0 : ledger.accounts.balance(i);
    }
}
