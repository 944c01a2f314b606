package fr.mlml.ledger.api;

import fr.mlml.ledger.RequiredTools;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.CurrencyPolicy;
import fr.mlml.ledger.core.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal export read back by hledger itself: its balances equal the ledger's to the cent. */
class HledgerExportTest {
    @TempDir
    Path dir;

    private final BooksOfADay day = new BooksOfADay();

    @Test
    void hledgerBalancesEqualTheLedgersToTheCent() throws Exception {
        Path journal = dir.resolve("ledger.journal");
        Files.writeString(journal, export(), StandardCharsets.UTF_8);
        Map<String, String> hledger = hledgerBalances(journal);
        Map<String, Integer> scale = scales();
        int checked = 0;
        for (int a = 0; a < day.ledger.accountCount(); a++) {
            AccountView v = day.ledger.accountAt(a);
            if (v.debitsPosted() == 0 && v.creditsPosted() == 0) continue;
            String expected = (v.balance() < 0 ? "-" : "") + HledgerExport.amount(Math.abs(v.balance()),
                    scale.get(v.currency())) + " " + v.currency();
            assertEquals(expected, hledger.get(v.id()), v.id() + " in hledger");
            checked++;
        }
        assertEquals(11, checked, "every account that ever moved, system accounts included");
    }

    @Test
    void amountsAreExactDecimalsOfMinorUnits() {
        assertEquals("0.00", HledgerExport.amount(0, 2));
        assertEquals("0.05", HledgerExport.amount(5, 2));
        assertEquals("1.00", HledgerExport.amount(100, 2));
        assertEquals("92233720368547758.07", HledgerExport.amount(Long.MAX_VALUE, 2));
        assertEquals("42", HledgerExport.amount(42, 0));
        assertEquals("0.000007", HledgerExport.amount(7, 6));
    }

    private Map<String, Integer> scales() {
        Map<String, Integer> scale = new LinkedHashMap<>();
        for (CurrencyPolicy c : BooksOfADay.CONFIG.currencies()) scale.put(c.code(), c.scale());
        return scale;
    }

    private String export() {
        StringBuilder out = new StringBuilder();
        Map<String, Integer> scale = scales();
        HledgerExport.header(out, scale);
        for (Entry e : day.entries) HledgerExport.transaction(out, e, scale.get(e.currency()));
        return out.toString();
    }

    /** hledger's own balance of every account, from its CSV report; skips the test where hledger is missing. */
    static Map<String, String> hledgerBalances(Path journal) throws IOException, InterruptedException {
        Path hledger = RequiredTools.require("hledger", "apt-get install hledger");
        Process p = new ProcessBuilder(hledger.toString(), "-f", journal.toString(), "balance", "--flat", "--empty",
                "--no-total", "-O", "csv").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "hledger: " + out);
        Map<String, String> balances = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] cells = line.split("\",\"");
            if (cells.length != 2 || cells[0].equals("\"account")) continue; // the header row
            balances.put(cells[0].replace("\"", ""), cells[1].replace("\"", "").strip());
        }
        return balances;
    }
}
