package fr.mlml.ledger.api;

import fr.mlml.ledger.config.FecChart;
import fr.mlml.ledger.config.LedgerConfigFile;
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
import fr.mlml.ledger.core.SystemAccount;
import fr.mlml.ledger.core.SystemRole;
import fr.mlml.ledger.core.TransferRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FEC written page by page as the export streams it: the same file whatever the pages' size (an opening and a
 * period's end falling anywhere in a page), and the same rules as {@link FecFile} checks on the service's.
 */
class FecExportTest {
    private static final LedgerConfig CONFIG = LedgerConfigFile.defaults();
    private static final FecChart CHART = LedgerConfigFile.defaultChart();
    private static final long T0 = 1_798_761_600_000L; // 2027-01-01T00:00:00Z

    private final Ledger ledger = new Ledger(CONFIG, (hi, lo) -> null);
    private final List<Entry> entries = new ArrayList<>();
    private long nextId = 1;
    private long nowMs = T0;

    private void apply(Command c) {
        c.setTimestampMs(nowMs);
        nowMs += 3_600_000;
        ledger.apply(c);
    }

    private void pay(String actor, String from, String to, long amount, String memo, int holdS) {
        TransferRequest t = new TransferRequest(0, nextId++, from, to, amount, from.substring(0, 3).toUpperCase(),
                memo, null, holdS);
        apply(new SubmitTransfers(actor, false, t));
        assertEquals(ResultCode.OK, t.result(), memo);
    }

    @BeforeEach
    void aDayOfTheAssociation() {
        ledger.onEntries(entries::add);
        apply(new CreateMember("claire", "Claire Dupré", MemberKind.CITIZEN));
        apply(new CreateMember("dupont", "Boulangerie Dupont", MemberKind.BUSINESS));
        apply(new CreateMember("nord", "Brasserie du Nord", MemberKind.BUSINESS));
        for (String[] a : new String[][] {{"mlc:claire", "claire", "MLC"}, {"mlc:dupont", "dupont", "MLC"},
                {"mie:dupont", "dupont", "MIE"}, {"mie:nord", "nord", "MIE"}, {"mlc:nord", "nord", "MLC"}}) {
            apply(new CreateAccount(a[0], a[1], a[2], null, null));
        }
        apply(new Issue(0, nextId++, "mlc:claire", 50_000, "bureau de change"));
        pay("claire", "mlc:claire", "mlc:dupont", 1_250, "pain\tcroissants\r\n| café", 0);
        pay("dupont", "mie:dupont", "mie:nord", 99_999, "facture F-2026-117", 0);
        pay("nord", "mie:nord", "mie:dupont", 5, null, 0);
        pay("claire", "mlc:claire", "mlc:nord", 3_000, "caution", 3_600 * 24);
        ResolvePending capture = ResolvePending.post("nord", 0, nextId - 1, 2_001);
        apply(capture);
        assertEquals(ResultCode.OK, capture.result());
        pay("claire", "mlc:claire", "mlc:nord", 700, "caution annulée", 3_600 * 24);
        apply(ResolvePending.voiding("claire", 0, nextId - 1));
        Convert reconversion = new Convert(0, nextId++, "dupont", "mlc:dupont", null, "EUR", 1_001, null);
        apply(reconversion);
        assertEquals(ResultCode.OK, reconversion.result());
        Convert toMie = new Convert(0, nextId++, "nord", "mlc:nord", "mie:nord", null, 1_000, "vers MIE");
        apply(toMie);
        assertEquals(ResultCode.OK, toMie.result());
    }

    @Test
    void theFileIsTheSameWhateverThePagesItIsWrittenIn() {
        long from = entries.get(5).timestampMs();
        long to = entries.get(entries.size() - 3).timestampMs();
        for (long[] period : new long[][] {{Long.MIN_VALUE, Long.MAX_VALUE}, {from, to}, {to, to + 1},
                {Long.MIN_VALUE, T0}}) {
            String whole = fec(period[0], period[1], entries.size() + 1);
            for (int page = 1; page <= entries.size(); page++) {
                assertEquals(whole, fec(period[0], period[1], page), "pages of " + page);
            }
            new FecFile(whole.getBytes(FecFile.LATIN_9));
        }
        assertEquals(FecExport.HEADER, fec(Long.MIN_VALUE, T0, 3), "nothing before the ledger began");
    }

    @Test
    void eachAccountIsBookedAtItsLedgerBalanceAndThePeriodOpensOnTheBalancesBeforeIt() {
        FecFile all = new FecFile(fec(Long.MIN_VALUE, Long.MAX_VALUE, 4).getBytes(FecFile.LATIN_9));
        assertEquals(entries.stream().filter(Entry::movedMoney).count(), all.ecritures,
                "one écriture per movement, holds voided or pending left out");
        Map<String, Long> booked = all.debitBalances();
        for (int a = 0; a < ledger.accountCount(); a++) {
            var v = ledger.accountAt(a);
            String key = v.memberId() == null ? CHART.systemAccounts().get(v.id()).number() : v.id();
            long expected = CHART.currencies().get(v.currency()).reversed() ? v.balance() : -v.balance();
            assertEquals(expected, booked.getOrDefault(key, 0L), v.id());
        }
        List<String> labels = all.lines.stream().map(FecFile.Line::label).toList();
        assertTrue(labels.contains("pain croissants  | café"), "tab and line breaks as spaces, the rest as it is");
        assertTrue(labels.containsAll(List.of("bureau de change", "Reconversion", "Commission", "Paiement",
                "vers MIE", "Euros rendus par le fonds de garantie")), "a memo, else what moved: " + labels);
        assertTrue(all.lines.stream().anyMatch(l -> l.auxLabel().equals("Claire Dupré")), "the member's name");

        long from = entries.get(9).timestampMs();
        FecFile period = new FecFile(fec(from, Long.MAX_VALUE, 2).getBytes(FecFile.LATIN_9));
        List<FecFile.Line> opening = period.lines.stream().filter(l -> l.number() == 1).toList();
        assertTrue(opening.stream().allMatch(l -> l.journal().equals("AN") && l.piece().startsWith("AN")));
        Map<String, Long> before = new HashMap<>();
        for (Entry e : entries.subList(0, 9)) {
            before.put(e.debitAccount(), e.debitBalanceAfter());
            before.put(e.creditAccount(), e.creditBalanceAfter());
        }
        before.values().removeIf(b -> b == 0);
        assertEquals(before.size(), opening.size(), "one opening line per account not at zero: " + opening);
        for (Map.Entry<String, Long> a : period.debitBalances().entrySet()) {
            assertEquals(booked.getOrDefault(a.getKey(), 0L), a.getValue(), "the period and its opening: "
                    + a.getKey());
        }
    }

    /** The FEC over {@code [from, to)}, written in pages of {@code pageSize} entries as the export reads them. */
    private String fec(long from, long to, int pageSize) {
        Map<String, Integer> scales = new HashMap<>();
        for (CurrencyPolicy c : CONFIG.currencies()) scales.put(c.code(), c.scale());
        Map<String, SystemRole> roles = new HashMap<>();
        for (SystemAccount a : CONFIG.systemAccounts()) roles.put(a.id(), a.role());
        FecExport fec = new FecExport(CHART, scales, roles, "EUR", from, to);
        StringBuilder out = new StringBuilder(FecExport.HEADER);
        for (int start = 0; ; start += pageSize) {
            List<Entry> page = entries.subList(Math.min(start, entries.size()),
                    Math.min(start + pageSize, entries.size()));
            boolean last = page.size() < pageSize;
            Set<String> named = fec.prepare(page, last);
            Map<String, String> names = new HashMap<>();
            for (String a : named) names.put(a, ledger.ownerName(a));
            ExportHandlers.Part part = fec.write(page, last, names);
            out.append(part.text());
            if (last || !part.more()) return out.toString();
        }
    }
}
