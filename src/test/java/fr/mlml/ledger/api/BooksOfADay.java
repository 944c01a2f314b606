package fr.mlml.ledger.api;

import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Convert;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.ResolvePending;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TransferRequest;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A day of the association on a ledger in memory, for the export tests: an issuance, payments (memos with what a
 * file format could trip on), mutual credit between businesses, a hold captured and one voided, a reconversion with
 * its fee and a conversion to MIE; every entry it made, in order.
 */
final class BooksOfADay {
    static final LedgerConfig CONFIG = LedgerConfigFile.defaults();
    /** 2027-01-01T00:00:00Z; each command comes ten minutes after the one before. */
    static final long T0 = 1_798_761_600_000L;

    final Ledger ledger = new Ledger(CONFIG, (hi, lo) -> null);
    final List<Entry> entries = new ArrayList<>();
    private long nextId = 1;
    private long nowMs = T0;

    BooksOfADay() {
        ledger.onEntries(entries::add);
        apply(new CreateMember("claire", "Claire Dupré", MemberKind.CITIZEN));
        apply(new CreateMember("dupont", "Boulangerie Dupont", MemberKind.BUSINESS));
        apply(new CreateMember("nord", "Brasserie du Nord", MemberKind.BUSINESS));
        for (String[] a : new String[][] {{"mlc:claire", "claire", "MLC"}, {"mlc:dupont", "dupont", "MLC"},
                {"mie:dupont", "dupont", "MIE"}, {"mie:nord", "nord", "MIE"}, {"mlc:nord", "nord", "MLC"}}) {
            apply(new CreateAccount(a[0], a[1], a[2], null, null));
        }
        apply(new Issue(0, nextId++, "mlc:claire", 50_000, "bureau de change"));
        pay("claire", "mlc:claire", "mlc:dupont", 1_250, "pain; croissants | café\nligne", 0);
        pay("claire", "mlc:claire", "mlc:dupont", 80, "livré\tà 8 h", 0);
        pay("dupont", "mie:dupont", "mie:nord", 99_999, "facture F-2026-117", 0);
        pay("nord", "mie:nord", "mie:dupont", 5, null, 0);
        pay("claire", "mlc:claire", "mlc:nord", 3_000, "caution", 3_600);
        ResolvePending capture = ResolvePending.post("nord", 0, nextId - 1, 2_001);
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
    }

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
}
