package fr.mlml.ledger.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the core needs from {@code config/}: currencies, system accounts, conversion pairs, the period after
 * which a negative mutual-credit account is listed, how many recent transfer ids stay in memory, and how long a paid or
 * expired payment request stays in memory.
 * Checked once here so the core can trust it.
 */
public record LedgerConfig(List<CurrencyPolicy> currencies, List<SystemAccount> systemAccounts,
                           List<ConversionPolicy> conversions, int negativePeriodDays, int recentTransfersCapacity,
                           int paymentRequestRetentionDays) {
    public static final int DEFAULT_PAYMENT_REQUEST_RETENTION_DAYS = 30;
    /** Room for the largest command (a thousand transfers) twice over, so a command never evicts its own ids. */
    public static final int MIN_RECENT_CAPACITY = 2048;

    public LedgerConfig {
        currencies = List.copyOf(currencies);
        systemAccounts = List.copyOf(systemAccounts);
        conversions = List.copyOf(conversions);
        if (negativePeriodDays < 1) throw new IllegalArgumentException("negative_period_days must be positive");
        if (Integer.bitCount(recentTransfersCapacity) != 1 || recentTransfersCapacity < MIN_RECENT_CAPACITY) {
            throw new IllegalArgumentException("recent_transfers_capacity: a power of two >= " + MIN_RECENT_CAPACITY);
        }
        if (paymentRequestRetentionDays < 1) {
            throw new IllegalArgumentException("payment_request_retention_days must be positive");
        }
        checkCurrencies(currencies);
        checkSystemAccounts(currencies, systemAccounts);
        checkConversions(currencies, systemAccounts, conversions);
    }

    /** With the default retention of payment requests. */
    public LedgerConfig(List<CurrencyPolicy> currencies, List<SystemAccount> systemAccounts,
                        List<ConversionPolicy> conversions, int negativePeriodDays, int recentTransfersCapacity) {
        this(currencies, systemAccounts, conversions, negativePeriodDays, recentTransfersCapacity,
                DEFAULT_PAYMENT_REQUEST_RETENTION_DAYS);
    }

    long paymentRequestRetentionMs() {
        return paymentRequestRetentionDays * 86_400_000L;
    }

    public CurrencyPolicy currency(String code) {
        for (CurrencyPolicy c : currencies) {
            if (c.code().equals(code)) return c;
        }
        return null;
    }

    /** The system account of a role in a currency, or null. */
    public SystemAccount systemAccount(SystemRole role, String currency) {
        for (SystemAccount a : systemAccounts) {
            if (a.role() == role && a.currency().equals(currency)) return a;
        }
        return null;
    }

    public ConversionPolicy conversion(String from, String to) {
        for (ConversionPolicy p : conversions) {
            if (p.from().equals(from) && p.to().equals(to)) return p;
        }
        return null;
    }

    /** The reference currency (the euro), whose only accounts are the fund's. */
    public CurrencyPolicy referenceCurrency() {
        for (CurrencyPolicy c : currencies) {
            if (c.kind() == CurrencyKind.REFERENCE) return c;
        }
        throw new IllegalStateException("unreachable: checked at construction");
    }

    private static void checkCurrencies(List<CurrencyPolicy> currencies) {
        Set<String> codes = new HashSet<>();
        int references = 0;
        for (CurrencyPolicy c : currencies) {
            if (!codes.add(c.code())) throw new IllegalArgumentException("duplicate currency " + c.code());
            if (c.kind() == CurrencyKind.REFERENCE) {
                references++;
                if (!c.holders().isEmpty()) throw new IllegalArgumentException("members may not hold " + c.code());
            }
        }
        if (references != 1) throw new IllegalArgumentException("exactly one reference currency is required");
    }

    private static void checkSystemAccounts(List<CurrencyPolicy> currencies, List<SystemAccount> accounts) {
        Set<String> ids = new HashSet<>();
        Set<String> roles = new HashSet<>();
        for (SystemAccount a : accounts) {
            if (!ids.add(a.id())) throw new IllegalArgumentException("duplicate system account " + a.id());
            if (!roles.add(a.role() + "/" + a.currency())) {
                throw new IllegalArgumentException("two system accounts for " + a.role() + " in " + a.currency());
            }
            if (currencies.stream().noneMatch(c -> c.code().equals(a.currency()))) {
                throw new IllegalArgumentException(a.id() + ": unknown currency " + a.currency());
            }
        }
        for (CurrencyPolicy c : currencies) {
            if (c.kind() == CurrencyKind.REFERENCE) {
                require(roles, SystemRole.EURO_WORLD, c.code());
                require(roles, SystemRole.EURO_RESERVE, c.code());
            }
            if (c.kind() == CurrencyKind.EURO_BACKED) require(roles, SystemRole.ISSUANCE, c.code());
        }
    }

    private static void checkConversions(List<CurrencyPolicy> currencies, List<SystemAccount> accounts,
                                         List<ConversionPolicy> conversions) {
        Set<String> pairs = new HashSet<>();
        Set<String> roles = new HashSet<>();
        for (SystemAccount a : accounts) roles.add(a.role() + "/" + a.currency());
        for (ConversionPolicy p : conversions) {
            if (!pairs.add(p.from() + "->" + p.to())) throw new IllegalArgumentException("duplicate pair " + p.from() + "->" + p.to());
            CurrencyKind from = kindOf(currencies, p.from());
            CurrencyKind to = kindOf(currencies, p.to());
            if (from == CurrencyKind.REFERENCE) {
                throw new IllegalArgumentException("conversions from the euro are issuances, not a conversion pair");
            }
            if (to == CurrencyKind.REFERENCE && from != CurrencyKind.EURO_BACKED) {
                throw new IllegalArgumentException("only a euro-backed currency converts to the euro");
            }
            require(roles, SystemRole.FEES, p.from());
            if (to != CurrencyKind.REFERENCE) {
                require(roles, SystemRole.CONVERSION_POOL, p.from());
                require(roles, SystemRole.CONVERSION_POOL, p.to());
            }
        }
    }

    private static CurrencyKind kindOf(List<CurrencyPolicy> currencies, String code) {
        for (CurrencyPolicy c : currencies) {
            if (c.code().equals(code)) return c.kind();
        }
        throw new IllegalArgumentException("conversion names unknown currency " + code);
    }

    private static void require(Set<String> roles, SystemRole role, String currency) {
        if (!roles.contains(role + "/" + currency)) {
            throw new IllegalArgumentException("missing system account " + role.code + " for " + currency);
        }
    }
}
