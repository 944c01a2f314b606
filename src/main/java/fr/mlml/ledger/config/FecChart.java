package fr.mlml.ledger.config;

import fr.mlml.ledger.core.CurrencyKind;
import fr.mlml.ledger.core.CurrencyPolicy;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.SystemAccount;
import io.vertx.core.json.JsonObject;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the ledger is booked in the association's general ledger, for the FEC export (the {@code fec} section of
 * {@code config/ledger.json}): the chart-of-accounts number of each system account, and per currency its journal,
 * the number its members' accounts are booked to (each member account an auxiliary account under it) and whether
 * its sides are reversed. What the section leaves out gets the default of {@link #of}, so every account is booked.
 *
 * @param timeZone           the days of the books (dates are local days, as the tax administration reads them)
 * @param siren              the association's SIREN, for the file's name; null when not set
 * @param charset            ISO-8859-15 (what article A47 A-1 names) or UTF-8
 * @param resultCarriedForward where the opening entry carries income and expense accounts (classes 6 and 7)
 */
public record FecChart(ZoneId timeZone, String siren, Charset charset, Journal opening, Account resultCarriedForward,
                       Map<String, Book> currencies, Map<String, Account> systemAccounts) {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{3}[0-9A-Z]{0,17}");
    private static final Pattern JOURNAL_CODE = Pattern.compile("[0-9A-Z]{1,10}");
    private static final Pattern SIREN = Pattern.compile("[0-9]{9}");

    /** A chart-of-accounts number (its first three characters are digits of the plan comptable) and its label. */
    public record Account(String number, String label) {
    }

    /** A journal's code and label. */
    public record Journal(String code, String label) {
    }

    /**
     * A currency's books. {@code members} is null for a currency members do not hold. {@code reversed}: the
     * currency's accounts hold the association's own money (the euro fund), so what comes into one of them, a
     * credit in the ledger, is a debit in the association's books; a currency's sides turn all together, so its
     * entries stay balanced.
     */
    public record Book(Journal journal, Account members, boolean reversed) {
    }

    public FecChart {
        currencies = Map.copyOf(currencies);
        systemAccounts = Map.copyOf(systemAccounts);
    }

    /** The account a ledger account is booked to: its system account's, else its currency's members'. */
    public Account accountOf(String ledgerAccount, String currency) {
        Account system = systemAccounts.get(ledgerAccount);
        return system != null ? system : currencies.get(currency).members();
    }

    /** The chart of the {@code fec} section {@code json} (null: every default) for the ledger {@code config}. */
    public static FecChart of(JsonObject json, LedgerConfig config) {
        JsonObject fec = json == null ? new JsonObject() : json;
        JsonObject books = fec.getJsonObject("currencies", new JsonObject());
        JsonObject numbers = fec.getJsonObject("system_accounts", new JsonObject());
        Map<String, Book> currencies = new LinkedHashMap<>();
        for (int i = 0; i < config.currencies().size(); i++) {
            CurrencyPolicy c = config.currencies().get(i);
            currencies.put(c.code(), book(books.getJsonObject(c.code(), new JsonObject()), c, suffix(i)));
        }
        Map<String, Account> systemAccounts = new LinkedHashMap<>();
        for (SystemAccount a : config.systemAccounts()) {
            String defaultNumber = switch (a.role()) {
                case EURO_RESERVE -> "5121";
                case EURO_WORLD -> "5801";
                case ISSUANCE -> "5802";
                case CONVERSION_POOL -> "5803";
                case FEES -> "7061";
            } + suffix(config.currencies().indexOf(config.currency(a.currency())));
            String defaultLabel = switch (a.role()) {
                case EURO_RESERVE -> "Banque - fonds de garantie";
                case EURO_WORLD -> "Virements internes - euros hors du fonds";
                case ISSUANCE -> "Virements internes - " + a.currency() + " en circulation";
                case CONVERSION_POOL -> "Virements internes - conversions " + a.currency();
                case FEES -> "Commissions perçues en " + a.currency();
            };
            systemAccounts.put(a.id(), account(numbers.getJsonObject(a.id()), "fec.system_accounts." + a.id(),
                    defaultNumber, defaultLabel));
        }
        unknownKeys(books, currencies.keySet(), "fec.currencies");
        unknownKeys(numbers, systemAccounts.keySet(), "fec.system_accounts");
        String siren = fec.getString("siren");
        if (siren != null && !SIREN.matcher(siren).matches()) throw new IllegalArgumentException("fec.siren: 9 digits");
        FecChart chart = new FecChart(zone(fec.getString("time_zone", "Europe/Paris")), siren,
                charset(fec.getString("encoding", "ISO-8859-15")),
                journal(fec.getJsonObject("opening_journal"), "fec.opening_journal", "AN", "A-nouveaux"),
                account(fec.getJsonObject("result_carried_forward"), "fec.result_carried_forward", "110000",
                        "Report à nouveau (solde créditeur)"),
                currencies, systemAccounts);
        chart.checkNumbersDistinct();
        return chart;
    }

    private static Book book(JsonObject json, CurrencyPolicy c, String suffix) {
        String where = "fec.currencies." + c.code();
        String sides = json.getString("sides", c.kind() == CurrencyKind.REFERENCE ? "reversed" : "ledger");
        if (!sides.equals("reversed") && !sides.equals("ledger")) {
            throw new IllegalArgumentException(where + ".sides: ledger or reversed");
        }
        Account members = c.holders().isEmpty() && !json.containsKey("members") ? null
                : account(json.getJsonObject("members"), where + ".members", "4671" + suffix,
                "Adhérents - comptes en " + c.code());
        return new Book(journal(json.getJsonObject("journal"), where + ".journal", c.code(),
                "Mouvements en " + c.code()), members, sides.equals("reversed"));
    }

    private static Account account(JsonObject json, String where, String number, String label) {
        JsonObject o = json == null ? new JsonObject() : json;
        Account a = new Account(o.getString("number", number), text(o.getString("label", label), where + ".label"));
        if (!NUMBER.matcher(a.number()).matches()) {
            throw new IllegalArgumentException(where + ".number: three digits of the plan comptable, then up to 17"
                    + " digits or capital letters");
        }
        return a;
    }

    private static Journal journal(JsonObject json, String where, String code, String label) {
        JsonObject o = json == null ? new JsonObject() : json;
        Journal j = new Journal(o.getString("code", code), text(o.getString("label", label), where + ".label"));
        if (!JOURNAL_CODE.matcher(j.code()).matches()) {
            throw new IllegalArgumentException(where + ".code: 1 to 10 digits or capital letters");
        }
        return j;
    }

    /** A label goes into the file as it is: nothing that would split a field or a line. */
    private static String text(String label, String where) {
        if (label.isEmpty() || label.length() > 100 || label.chars().anyMatch(Character::isISOControl)
                || label.indexOf('|') >= 0) {
            throw new IllegalArgumentException(where + ": 1 to 100 characters, no control character nor |");
        }
        return label;
    }

    private void checkNumbersDistinct() {
        Set<String> seen = new HashSet<>();
        seen.add(resultCarriedForward.number());
        for (Map.Entry<String, Account> a : systemAccounts.entrySet()) {
            if (!seen.add(a.getValue().number())) {
                throw new IllegalArgumentException("fec.system_accounts." + a.getKey() + ": number "
                        + a.getValue().number() + " is already used (each account of the FEC is one ledger account's)");
            }
        }
        for (Map.Entry<String, Book> b : currencies.entrySet()) {
            Account members = b.getValue().members();
            if (members != null && !seen.add(members.number())) {
                throw new IllegalArgumentException("fec.currencies." + b.getKey() + ".members: number "
                        + members.number() + " is already used");
            }
        }
    }

    private static void unknownKeys(JsonObject json, Set<String> known, String where) {
        for (String key : json.fieldNames()) {
            if (!known.contains(key)) throw new IllegalArgumentException(where + ": unknown " + key);
        }
    }

    private static String suffix(int index) {
        return String.format("%02d", index + 1);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("fec.time_zone: unknown zone " + id);
        }
    }

    private static Charset charset(String name) {
        return switch (name) {
            case "ISO-8859-15" -> Charset.forName("ISO-8859-15");
            case "UTF-8" -> StandardCharsets.UTF_8;
            default -> throw new IllegalArgumentException("fec.encoding: ISO-8859-15 or UTF-8");
        };
    }
}
