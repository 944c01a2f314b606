package fr.mlml.ledger.api;

import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.TransferKind;
import fr.mlml.ledger.core.TransferStatus;
import fr.mlml.ledger.journal.History;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a spreadsheet opening a CSV statement gets: text where a memo looks like a formula, numbers as numbers. */
class StatementCsvTest {
    private static final String ACCOUNT = "mie:dupont";

    @Test
    void aMemoThatStartsLikeAFormulaIsTextAndAmountsStayNumbers() {
        List<String> memos = List.of("=HYPERLINK(\"http://evil.example\",\"facture\")", "+33 6 12 34 56 78",
                "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\tTAB", "\rCR", "plain, with a comma", "pain bio");
        List<Entry> entries = new ArrayList<>();
        long balance = 0;
        for (String memo : memos) {
            balance -= 100;
            entries.add(new Entry(entries.size() + 1, 1, entries.size() + 1, entries.size() + 1, TransferKind.TRANSFER,
                    TransferStatus.POSTED, ACCOUNT, "mie:nord", "MIE", 100, balance, 100, 0, memo, null,
                    1_800_000_000_000L));
        }
        String csv = StatementCsv.of(new History.Statement(ACCOUNT, 1_700_000_000_000L, 1_900_000_000_000L, 0,
                entries, balance));

        List<List<String>> rows = Rfc4180.parse(csv);
        assertEquals(memos.size() + 3, rows.size(), csv);
        for (int i = 0; i < memos.size(); i++) {
            List<String> row = rows.get(i + 2);
            String memo = memos.get(i);
            boolean formula = "=+-@\t\r".indexOf(memo.charAt(0)) >= 0;
            assertEquals(formula ? "'" + memo : memo, row.get(7), "the memo cell of " + memo);
            assertEquals("100", row.get(5), "the amount, a number");
            assertEquals(Long.toString(-100L * (i + 1)), row.get(6), "a negative balance stays a number");
        }
        assertEquals(Long.toString(balance), rows.get(rows.size() - 1).get(6), "the closing balance, a number");
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"facture\"\")\"\r\n"),
                "quoted, its quotes doubled: " + csv);
    }

    /** Just enough of RFC 4180 to read a statement back: quoted cells, doubled quotes, CR LF rows. */
    private static final class Rfc4180 {
        static List<List<String>> parse(String csv) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < csv.length(); i++) {
                char c = csv.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    cell.append(c);
                }
            }
            return rows;
        }
    }
}
