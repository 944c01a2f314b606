package fr.mlml.ledger.api;

import fr.mlml.ledger.config.FecChart;
import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.CurrencyPolicy;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.SystemAccount;
import fr.mlml.ledger.core.SystemRole;
import org.junit.jupiter.api.Test;

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
    private static final LedgerConfig CONFIG = BooksOfADay.CONFIG;
    private static final FecChart CHART = LedgerConfigFile.defaultChart();

    private final BooksOfADay day = new BooksOfADay();
    private final Ledger ledger = day.ledger;
    private final List<Entry> entries = day.entries;

    @Test
    void theFileIsTheSameWhateverThePagesItIsWrittenIn() {
        long from = entries.get(5).timestampMs();
        long to = entries.get(entries.size() - 3).timestampMs();
        for (long[] period : new long[][] {{Long.MIN_VALUE, Long.MAX_VALUE}, {from, to}, {to, to + 1},
                {Long.MIN_VALUE, BooksOfADay.T0}}) {
            String whole = fec(period[0], period[1], entries.size() + 1);
            for (int page = 1; page <= entries.size(); page++) {
                assertEquals(whole, fec(period[0], period[1], page), "pages of " + page);
            }
            new FecFile(whole.getBytes(FecFile.LATIN_9));
        }
        assertEquals(FecExport.HEADER, fec(Long.MIN_VALUE, BooksOfADay.T0, 3), "nothing before the ledger began");
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
        assertTrue(labels.containsAll(List.of("pain; croissants | café ligne", "livré à 8 h")),
                "tabs and line breaks as spaces, the rest as it is: " + labels);
        assertTrue(labels.containsAll(List.of("bureau de change", "Reconversion", "Commission", "Paiement",
                "vers MIE", "Euros rendus par le fonds de garantie")), "a memo, else what moved: " + labels);
        assertTrue(all.lines.stream().anyMatch(l -> l.auxLabel().equals("Claire Dupré")), "the member's name");

        long from = entries.get(9).timestampMs();
        FecFile period = new FecFile(fec(from, Long.MAX_VALUE, 2).getBytes(FecFile.LATIN_9));
        List<FecFile.Line> opening = period.lines.stream().filter(l -> l.number() == 1).toList();
        assertTrue(opening.stream().allMatch(l -> l.journal().equals("AN") && l.piece().startsWith("AN")));
        Map<String, Long> before = new HashMap<>();
        for (Entry e : entries) {
            if (e.timestampMs() >= from) break;
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
