package fr.mlml.ledger.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV of payments, such as a payroll, as a spreadsheet saves it: a header naming the columns (`id` optional,
 * `debit_account`, `credit_account`, `amount`, `currency`, `memo` optional), `;` or `,` between cells (the header
 * tells which), cells in double quotes when they hold the separator ({@code ""} for a quote).
 */
final class PaymentsCsv {
    record Line(int number, String id, String debit, String credit, long amount, String currency, String memo) {
    }

    private PaymentsCsv() {
    }

    static List<Line> parse(List<String> text) {
        if (text.isEmpty()) throw new IllegalArgumentException("the file is empty: a header line was due");
        char separator = text.get(0).indexOf(';') >= 0 ? ';' : ',';
        List<String> header = cells(text.get(0), separator, 1).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .toList();
        for (String required : List.of("debit_account", "credit_account", "amount", "currency")) {
            if (!header.contains(required)) throw new IllegalArgumentException("line 1: no column " + required);
        }
        List<Line> lines = new ArrayList<>();
        for (int n = 1; n < text.size(); n++) {
            if (text.get(n).isBlank()) continue;
            List<String> cells = cells(text.get(n), separator, n + 1);
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException("line " + (n + 1) + ": " + cells.size() + " cells, the header has "
                        + header.size());
            }
            try {
                lines.add(new Line(n + 1, cell(header, cells, "id"), cell(header, cells, "debit_account"),
                        cell(header, cells, "credit_account"), Amounts.parse(cell(header, cells, "amount")),
                        cell(header, cells, "currency"), cell(header, cells, "memo")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": " + e.getMessage());
            }
        }
        return lines;
    }

    private static String cell(List<String> header, List<String> cells, String column) {
        int i = header.indexOf(column);
        if (i < 0) return null;
        String value = cells.get(i).trim();
        return value.isEmpty() ? null : value;
    }

    private static List<String> cells(String line, char separator, int number) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("line " + number + ": a quote is not closed");
        cells.add(cell.toString());
        return cells;
    }
}
