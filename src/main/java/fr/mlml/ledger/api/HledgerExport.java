package fr.mlml.ledger.api;

import fr.mlml.ledger.core.Entry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger as a plain-text accounting journal that hledger (and ledger-cli) read, so auditors check the books
 * with their own tools. One transaction per entry that moved money (a transfer posted at once, or a hold's capture);
 * holds, voids and expiries move nothing and are left out. Dates are UTC days; the exact instant, the transfer id
 * and its sequence are kept as tags. Account ids become hledger accounts as they are ({@code mlc:claire} is the
 * account {@code claire} under {@code mlc}).
 */
public final class HledgerExport {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private HledgerExport() {
    }

    /** Declares each currency with its decimal places, so hledger shows amounts as the ledger does. */
    public static void header(StringBuilder out, Map<String, Integer> scaleByCurrency) {
        out.append("; mlml-ledger journal export: one transaction per posted movement, dates in UTC\n");
        scaleByCurrency.forEach((code, scale) -> out.append("commodity ").append(amount(0, scale)).append(' ')
                .append(code).append('\n'));
        out.append('\n');
    }

    /** Appends the entry as a transaction if it moved money; returns whether it did. */
    public static boolean transaction(StringBuilder out, Entry e, int scale) {
        if (!e.movedMoney()) return false;
        out.append(DAY.format(Instant.ofEpochMilli(e.timestampMs()))).append(" (").append(e.transferSequence())
                .append(") ").append(description(e)).append('\n');
        out.append("    ; id: ").append(new UUID(e.idHi(), e.idLo())).append(", at: ")
                .append(Instant.ofEpochMilli(e.timestampMs())).append(", kind: ").append(e.kind().name().toLowerCase())
                .append('\n');
        posting(out, e.creditAccount(), amount(e.amount(), scale), e.currency());
        posting(out, e.debitAccount(), "-" + amount(e.amount(), scale), e.currency());
        out.append('\n');
        return true;
    }

    private static void posting(StringBuilder out, String account, String amount, String currency) {
        out.append("    ").append(account).append("  ").append(amount).append(' ').append(currency).append('\n');
    }

    /** The memo on one line, without what hledger would read as a comment or a tag. */
    private static String description(Entry e) {
        String memo = e.memo() == null ? e.kind().name().toLowerCase() : e.memo();
        return memo.replaceAll("[\\r\\n;|]", " ").strip();
    }

    /** Minor units as a decimal string with {@code scale} places, as hledger reads them. */
    static String amount(long minor, int scale) {
        return Decimals.of(minor, scale, '.');
    }
}
