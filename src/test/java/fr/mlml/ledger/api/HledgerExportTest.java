package fr.mlml.ledger.api;

import fr.mlml.ledger.RequiredTools;
import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Convert;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.CurrencyPolicy;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.ResolvePending;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TransferRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal export read back by hledger itself: its balances equal the ledger's to the cent. */
class HledgerExportTest {
    private static final LedgerConfig CONFIG = LedgerConfigFile.load(Path.of("config", "ledger.json"));
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;

    private final Ledger ledger = new Ledger(CONFIG, (hi, lo) -> null);
    private final List<Entry> entries = new ArrayList<>();
    private long nextId = 1;
    private long nowMs = T0;

    private void apply(Command c) {
        c.setTimestampMs(nowMs);
        nowMs += 600_000;
        ledger.apply(c);
    }

    private void pay(String actor, String from, String to, long amount, String memo, int holdS) {
        TransferRequest t = new TransferRequest(0, nextId++, from, to, amount, from.substring(0, 3).toUpperCase(),
                memo, null, holdS);
        apply(new SubmitTransfers(actor, false, t));
        assertEquals(ResultCode.OK, t.result(), memo);
    }

    @Test
    void hledgerBalancesEqualTheLedgersToTheCent() throws Exception {
        ledger.onEntries(entries::add);
        apply(new CreateMember("claire", "Claire", MemberKind.CITIZEN));
        apply(new CreateMember("dupont", "Boulangerie Dupont", MemberKind.BUSINESS));
        apply(new CreateMember("nord", "Brasserie du Nord", MemberKind.BUSINESS));
        for (String[] a : new String[][] {{"mlc:claire", "claire", "MLC"}, {"mlc:dupont", "dupont", "MLC"},
                {"mie:dupont", "dupont", "MIE"}, {"mie:nord", "nord", "MIE"}, {"mlc:nord", "nord", "MLC"}}) {
            apply(new CreateAccount(a[0], a[1], a[2], null, null));
        }
        apply(new Issue(0, nextId++, "mlc:claire", 50_000, "bureau de change"));
        pay("claire", "mlc:claire", "mlc:dupont", 1_250, "pain; croissants | café\nligne", 0);
        pay("dupont", "mie:dupont", "mie:nord", 99_999, "facture F-2026-117", 0);
        pay("nord", "mie:nord", "mie:dupont", 5, null, 0);
        pay("claire", "mlc:claire", "mlc:nord", 3_000, "caution", 3_600);
        long hold = nextId - 1;
        ResolvePending capture = ResolvePending.post("nord", 0, hold, 2_001);
        apply(capture);
        assertEquals(ResultCode.OK, capture.result());
        pay("claire", "mlc:claire", "mlc:nord", 700, "caution annulée", 3_600);
        apply(ResolvePending.voiding("claire", 0, nextId - 1));
        Convert reconversion = new Convert(0, nextId++, "dupont", "mlc:dupont", null, "EUR", 1_001, null);
        apply(reconversion);
        assertEquals(ResultCode.OK, reconversion.result());
        Convert toMie = new Convert(0, nextId++, "nord", "mlc:nord", "mie:nord", null, 1_000, "vers MIE");
        apply(toMie);
        assertEquals(ResultCode.OK, toMie.result());

        Path journal = dir.resolve("ledger.journal");
        Files.writeString(journal, export(), StandardCharsets.UTF_8);
        Map<String, String> hledger = hledgerBalances(journal);
        Map<String, Integer> scale = scales();
        int checked = 0;
        for (int a = 0; a < ledger.accountCount(); a++) {
            AccountView v = ledger.accountAt(a);
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
        for (CurrencyPolicy c : CONFIG.currencies()) scale.put(c.code(), c.scale());
        return scale;
    }

    private String export() {
        StringBuilder out = new StringBuilder();
        Map<String, Integer> scale = scales();
        HledgerExport.header(out, scale);
        for (Entry e : entries) HledgerExport.transaction(out, e, scale.get(e.currency()));
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
