package fr.mlml.ledger.api;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An FEC file read back as an accountant's software or the tax administration's checker would, failing on the first
 * rule of article A47 A-1 it breaks: the 18 fields in their order on a header line, one tab between fields and
 * CR LF after each line, dates {@code AAAAMMJJ}, amounts with a decimal comma and no sign nor thousands separator,
 * écritures numbered from 1 without a gap, in date order, each balanced. Amounts are read as whole cents (the
 * currencies' two decimals), never through floating point.
 */
final class FecFile {
    static final Charset LATIN_9 = Charset.forName("ISO-8859-15");
    private static final List<String> FIELDS = List.of("JournalCode", "JournalLib", "EcritureNum", "EcritureDate",
            "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit",
            "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise");
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]*),[0-9]{2}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{3}[0-9A-Z]*");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** One line of an écriture, its amounts in cents. */
    record Line(String journal, long number, LocalDate date, String account, String accountLabel, String aux,
                String auxLabel, String piece, String label, long debit, long credit, String currencyAmount,
                String currency) {
    }

    final List<Line> lines = new ArrayList<>();
    /** The écritures' count: the last EcritureNum. */
    final long ecritures;

    /** Reads {@code bytes} (ISO-8859-15) and checks every rule. */
    FecFile(byte[] bytes) {
        String text = new String(bytes, LATIN_9);
        assertTrue(text.endsWith("\r\n"), "every line ends with CR LF, the last one too");
        String[] rows = text.substring(0, text.length() - 2).split("\r\n", -1);
        assertEquals(String.join("\t", FIELDS), rows[0], "the header names the 18 fields in their order");
        long number = 0;
        long debits = 0;
        long credits = 0;
        LocalDate lastDate = LocalDate.MIN;
        for (int r = 1; r < rows.length; r++) {
            String row = rows[r];
            String where = "line " + (r + 1) + ": " + row;
            assertFalse(row.chars().anyMatch(c -> c != '\t' && Character.isISOControl(c)),
                    "no line break nor control character inside a field, " + where);
            String[] f = row.split("\t", -1);
            assertEquals(18, f.length, "18 fields, " + where);
            for (int i : new int[] {0, 1, 2, 4, 5, 8, 10}) assertFalse(f[i].isEmpty(), FIELDS.get(i) + ", " + where);
            assertTrue(NUMBER.matcher(f[4]).matches(), "CompteNum starts with three digits, " + where);
            assertEquals(f[6].isEmpty(), f[7].isEmpty(), "an auxiliary account has a number and a label, " + where);
            long debit = cents(f[11], where);
            long credit = cents(f[12], where);
            assertTrue((debit == 0) != (credit == 0), "each line a debit or a credit, " + where);
            assertEquals("", f[13], "no lettering, " + where);
            assertEquals("", f[14], "no lettering date, " + where);
            assertEquals(f[16].isEmpty(), f[17].isEmpty(), "a currency amount comes with its currency, " + where);
            if (!f[16].isEmpty()) assertEquals(Math.max(debit, credit), cents(f[16], where), "at par, " + where);
            long n = Long.parseLong(f[2]);
            LocalDate date = date(f[3], where);
            if (n != number) {
                assertEquals(number + 1, n, "EcritureNum follows on without a gap, " + where);
                assertEquals(debits, credits, "écriture " + number + " balances");
                assertFalse(date.isBefore(lastDate), "écritures in date order, " + where);
                number = n;
                debits = 0;
                credits = 0;
                lastDate = date;
            } else {
                Line first = lines.get(lines.size() - 1);
                assertEquals(first.journal(), f[0], "one journal per écriture, " + where);
                assertEquals(first.date(), date, "one date per écriture, " + where);
            }
            date(f[9], where);
            assertFalse(date(f[15], where).isBefore(date), "validated on or after its date, " + where);
            debits += debit;
            credits += credit;
            lines.add(new Line(f[0], n, date, f[4], f[5], f[6], f[7], f[8], f[10], debit, credit, f[16], f[17]));
        }
        assertEquals(debits, credits, "écriture " + number + " balances");
        this.ecritures = number;
    }

    /** Debits minus credits per account: the CompAuxNum of a member account, the CompteNum of any other. */
    Map<String, Long> debitBalances() {
        Map<String, Long> balances = new HashMap<>();
        for (Line l : lines) balances.merge(l.aux().isEmpty() ? l.account() : l.aux(), l.debit() - l.credit(), Long::sum);
        return balances;
    }

    private static long cents(String amount, String where) {
        if (!AMOUNT.matcher(amount).matches()) fail("an amount with a decimal comma, no sign: " + amount + ", " + where);
        return Long.parseLong(amount.replace(",", ""));
    }

    private static LocalDate date(String day, String where) {
        try {
            return LocalDate.parse(day, DAY);
        } catch (DateTimeParseException e) {
            return fail("a date AAAAMMJJ: " + day + ", " + where);
        }
    }
}
