package fr.mlml.ledger.api;

import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.journal.History;

import java.util.UUID;

/**
 * A statement as CSV for spreadsheets and accounting software (RFC 4180, UTF-8, header first): an {@code opening}
 * row, one row per entry with the account's balance after it, a {@code closing} row. Amounts are minor units.
 * A memo that a spreadsheet would run as a formula is written as text ({@link #field}).
 */
final class StatementCsv {
    static final String HEADER = "timestamp,id,status,debit_account,credit_account,amount,balance_after,memo\r\n";
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private StatementCsv() {
    }

    static String of(History.Statement s) {
        StringBuilder out = new StringBuilder(HEADER.length() + 128 * (s.entries().size() + 2)).append(HEADER);
        balanceRow(out, s.fromMs(), "opening", s.opening());
        for (Entry e : s.entries()) {
            out.append(JsonViews.instant(e.timestampMs())).append(',').append(new UUID(e.idHi(), e.idLo()))
                    .append(',').append(e.status().code).append(',').append(e.debitAccount()).append(',')
                    .append(e.creditAccount()).append(',').append(e.amount()).append(',')
                    .append(e.balanceAfter(s.account())).append(',');
            field(out, e.memo());
            out.append("\r\n");
        }
        balanceRow(out, s.toMs(), "closing", s.closing());
        return out.toString();
    }

    private static void balanceRow(StringBuilder out, long atMs, String status, long balance) {
        out.append(JsonViews.instant(atMs)).append(",,").append(status).append(",,,,").append(balance).append(",\r\n");
    }

    /**
     * A free-text field (the memo, the only cell a client writes), quoted when it holds a comma, a quote or a line
     * break (quotes doubled). One that starts as a formula would ({@code = + - @}, a tab or a carriage return) is
     * neutralised as OWASP's CSV-injection rule says: a single quote before it, and quoted, so a spreadsheet shows
     * it as text instead of running it. Amounts and balances are numbers the service writes itself, never neutralised,
     * so a negative balance stays a number; ids and statuses cannot start with those characters.
     */
    private static void field(StringBuilder out, String text) {
        if (text == null) return;
        boolean formula = !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0;
        if (!formula && text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            out.append(text);
            return;
        }
        out.append('"');
        if (formula) out.append('\'');
        out.append(text.replace("\"", "\"\"")).append('"');
    }
}
