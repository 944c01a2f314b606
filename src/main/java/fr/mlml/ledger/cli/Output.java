package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.Json;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How a command prints its result: a table for people (the default), JSON for scripts ({@code --output json}). */
final class Output {
    enum Format { table, json }

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (for people, the default) or json (for scripts)")
    Format format;

    /** One result: {@code name  value} lines, or one JSON object. */
    void object(PrintWriter out, Map<String, Object> result) {
        if (format == Format.json) {
            out.println(Json.write(result));
        } else {
            int width = result.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Object> e : result.entrySet()) {
                out.printf("%-" + width + "s  %s%n", e.getKey(), text(e.getValue()));
            }
        }
        out.flush();
    }

    /** Rows under a header of {@code columns}, or a JSON array of the rows. */
    void rows(PrintWriter out, List<String> columns, List<Map<String, Object>> rows) {
        if (format == Format.json) {
            out.println(Json.write(new ArrayList<Object>(rows)));
            out.flush();
            return;
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).length();
            for (Map<String, Object> row : rows) widths[c] = Math.max(widths[c], text(row.get(columns.get(c))).length());
        }
        line(out, widths, columns.toArray(String[]::new));
        for (Map<String, Object> row : rows) {
            line(out, widths, columns.stream().map(c -> text(row.get(c))).toArray(String[]::new));
        }
        out.flush();
    }

    private static void line(PrintWriter out, int[] widths, String[] cells) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) b.append("  ");
            b.append(c == cells.length - 1 ? cells[c] : String.format("%-" + widths[c] + "s", cells[c]));
        }
        out.println(b);
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof String s ? s : Json.write(value);
    }
}
