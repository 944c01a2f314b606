package fr.mlml.ledger.api;

import fr.mlml.ledger.config.FecChart;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.SystemRole;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The association's books over a period as a French Fichier des écritures comptables (article A47 A-1 of the Livre
 * des procédures fiscales): a header line naming the 18 fields, then one line per line of an écriture, fields
 * separated by a tab, lines by CR LF, dates {@code AAAAMMJJ} in the chart's time zone, amounts with a decimal comma
 * and no thousands separator. The first écriture carries the balances at the period's start (the à-nouveaux, when
 * anything moved before it); then one écriture per movement committed in the period, in commit order, numbered on
 * from 1 without a gap. Each movement is one debit and one credit of the same amount, so every écriture balances;
 * every currency is booked at par with the euro, its own amount and code repeated in {@code Montantdevise} and
 * {@code Idevise} (blank for the euro). Text is written as it is, except what would split a field or a line.
 *
 * <p>One instance writes one file, page by page: {@link #prepare} then {@link #write} for each page of entries.
 */
final class FecExport {
    static final List<String> FIELDS = List.of("JournalCode", "JournalLib", "EcritureNum", "EcritureDate",
            "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit",
            "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise");
    static final String SEPARATOR = "\t";
    static final String LINE_END = "\r\n";
    static final String HEADER = String.join(SEPARATOR, FIELDS) + LINE_END;

    /** An account's balance at the period's start, in its currency. */
    private record Opening(String currency, long balance) {
    }

    private final FecChart chart;
    private final Map<String, Integer> scales;
    private final Map<String, SystemRole> roles;
    private final String euro;
    private final long fromMs;
    private final long toMs;
    private final DateTimeFormatter day;
    /** Balances before the period, by account, until the opening écriture is written; then null. */
    private TreeMap<String, Opening> opening = new TreeMap<>();
    private long nextNumber = 1;

    /** {@code roles}: each system account's role, {@code euro} the reference currency's code. */
    FecExport(FecChart chart, Map<String, Integer> scales, Map<String, SystemRole> roles, String euro, long fromMs,
              long toMs) {
        this.chart = chart;
        this.scales = scales;
        this.roles = roles;
        this.euro = euro;
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.day = DateTimeFormatter.ofPattern("uuuuMMdd").withZone(chart.timeZone());
    }

    /** The file's name, as the tax administration names one: {@code <SIREN>FEC<closing day>.txt}. */
    String fileName() {
        return (chart.siren() == null ? "" : chart.siren()) + "FEC" + date(toMs - 1) + ".txt";
    }

    /**
     * Takes in the balances the page's entries before the period leave; answers the member accounts whose owners'
     * names {@link #write} will need for this page.
     */
    Set<String> prepare(List<Entry> page, boolean last) {
        Set<String> named = new HashSet<>();
        for (Entry e : page) {
            if (e.timestampMs() < fromMs) {
                opening.put(e.debitAccount(), new Opening(e.currency(), e.debitBalanceAfter()));
                opening.put(e.creditAccount(), new Opening(e.currency(), e.creditBalanceAfter()));
            } else if (e.timestampMs() < toMs && e.movedMoney()) {
                named.add(e.debitAccount());
                named.add(e.creditAccount());
            }
        }
        if (opening != null && (last || reachesPeriod(page))) named.addAll(opening.keySet());
        named.removeIf(chart.systemAccounts()::containsKey);
        return named;
    }

    /** The page's écritures (and the opening one first, once the period is reached); {@code names} from the ledger. */
    ExportHandlers.Part write(List<Entry> page, boolean last, Map<String, String> names) {
        StringBuilder out = new StringBuilder(512 * page.size());
        for (Entry e : page) {
            if (e.timestampMs() < fromMs) continue;
            writeOpening(out, names);
            if (e.timestampMs() >= toMs) return new ExportHandlers.Part(out.toString(), false);
            if (e.movedMoney()) movement(out, e, names);
        }
        if (last) writeOpening(out, names);
        return new ExportHandlers.Part(out.toString(), !last);
    }

    private boolean reachesPeriod(List<Entry> page) {
        return !page.isEmpty() && page.get(page.size() - 1).timestampMs() >= fromMs;
    }

    /** The à-nouveaux: every account's balance at the period's start, income and expenses into the result. */
    private void writeOpening(StringBuilder out, Map<String, String> names) {
        if (opening == null) return;
        String number = null;
        String date = null;
        for (Map.Entry<String, Opening> a : opening.entrySet()) {
            Opening o = a.getValue();
            if (o.balance() == 0) continue;
            if (number == null) {
                number = Long.toString(nextNumber++);
                date = date(fromMs);
            }
            FecChart.Account account = chart.accountOf(a.getKey(), o.currency());
            if (account.number().charAt(0) == '6' || account.number().charAt(0) == '7') {
                account = chart.resultCarriedForward();
            }
            long debitBalance = chart.currencies().get(o.currency()).reversed() ? o.balance() : -o.balance();
            line(out, chart.opening(), number, date, account, a.getKey(), names, "AN" + date,
                    "Reprise des soldes au " + date, debitBalance, o.currency());
        }
        opening = null;
    }

    /** One movement: a debit and a credit of its amount, on the sides its currency's books have them. */
    private void movement(StringBuilder out, Entry e, Map<String, String> names) {
        FecChart.Book book = chart.currencies().get(e.currency());
        String number = Long.toString(nextNumber++);
        String date = date(e.timestampMs());
        String piece = new UUID(e.idHi(), e.idLo()).toString();
        String label = label(e);
        String debited = book.reversed() ? e.creditAccount() : e.debitAccount();
        String credited = book.reversed() ? e.debitAccount() : e.creditAccount();
        line(out, book.journal(), number, date, chart.accountOf(debited, e.currency()), debited, names, piece, label,
                e.amount(), e.currency());
        line(out, book.journal(), number, date, chart.accountOf(credited, e.currency()), credited, names, piece,
                label, -e.amount(), e.currency());
    }

    /** One line: {@code debit} positive is a debit, negative a credit of its opposite. */
    private void line(StringBuilder out, FecChart.Journal journal, String number, String date,
                      FecChart.Account account, String ledgerAccount, Map<String, String> names, String piece,
                      String label, long debit, String currency) {
        int scale = scales.get(currency);
        boolean member = !chart.systemAccounts().containsKey(ledgerAccount);
        String zero = Decimals.of(0, scale, ',');
        String amount = Decimals.of(Math.abs(debit), scale, ',');
        out.append(journal.code()).append(SEPARATOR).append(journal.label()).append(SEPARATOR)
                .append(number).append(SEPARATOR).append(date).append(SEPARATOR)
                .append(account.number()).append(SEPARATOR).append(account.label()).append(SEPARATOR)
                .append(member ? ledgerAccount : "").append(SEPARATOR)
                .append(member ? text(names.getOrDefault(ledgerAccount, ledgerAccount)) : "").append(SEPARATOR)
                .append(piece).append(SEPARATOR).append(date).append(SEPARATOR)
                .append(label).append(SEPARATOR)
                .append(debit > 0 ? amount : zero).append(SEPARATOR)
                .append(debit > 0 ? zero : amount).append(SEPARATOR)
                .append(SEPARATOR) // EcritureLet: no lettering
                .append(SEPARATOR) // DateLet
                .append(date).append(SEPARATOR) // ValidDate: a movement is final once committed
                .append(currency.equals(euro) ? "" : amount).append(SEPARATOR)
                .append(currency.equals(euro) ? "" : currency).append(LINE_END);
    }

    /** The memo as it is, or what the movement was when it has none (a leg: by the system account it moves). */
    private String label(Entry e) {
        String memo = e.memo() == null ? "" : text(e.memo()).strip();
        if (!memo.isEmpty()) return memo;
        SystemRole debited = roles.get(e.debitAccount());
        SystemRole credited = roles.get(e.creditAccount());
        if (debited == SystemRole.ISSUANCE) return "Émission";
        if (credited == SystemRole.ISSUANCE) return "Reconversion";
        if (debited == SystemRole.EURO_WORLD) return "Euros versés au fonds de garantie";
        if (credited == SystemRole.EURO_WORLD) return "Euros rendus par le fonds de garantie";
        if (credited == SystemRole.FEES) return "Commission";
        if (debited == SystemRole.CONVERSION_POOL || credited == SystemRole.CONVERSION_POOL) return "Conversion";
        return "Paiement";
    }

    /** Text as it is, but for the tab and line breaks (and other control characters) that would split it. */
    private static String text(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                if (out == null) out = new StringBuilder(s);
                out.setCharAt(i, ' ');
            }
        }
        return out == null ? s : out.toString();
    }

    private String date(long ms) {
        return day.format(Instant.ofEpochMilli(ms));
    }
}
