package fr.mlml.ledger.journal;

import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.CapOverride;
import fr.mlml.ledger.core.ChangeAccount;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.ConversionPolicy;
import fr.mlml.ledger.core.Convert;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.CreateEnrollment;
import fr.mlml.ledger.core.CreatePaymentRequest;
import fr.mlml.ledger.core.Enroll;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.RecordTokenUse;
import fr.mlml.ledger.core.RegisterSigningKey;
import fr.mlml.ledger.core.RegisterToken;
import fr.mlml.ledger.core.RenameMember;
import fr.mlml.ledger.core.ResolvePending;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.RevokeSigningKey;
import fr.mlml.ledger.core.RevokeToken;
import fr.mlml.ledger.core.SetConversionCaps;
import fr.mlml.ledger.core.SignedCommand;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.Tick;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TransferRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandCodecTest {
    private static final LedgerConfig CONFIG = LedgerConfigFile.load(Path.of("config", "ledger.json"));

    /** A day of the association touching every command, with nulls, unicode and extreme values. */
    private static List<Command> day() {
        List<Command> cs = new ArrayList<>();
        cs.add(new CreateMember("dupont", "Boulangerie Dupont – Lille", MemberKind.BUSINESS));
        cs.add(new CreateMember("claire", "Claire", MemberKind.CITIZEN));
        cs.add(new CreateAccount("mie:dupont", "dupont", "MIE", null, null));
        cs.add(new CreateAccount("mlc:dupont", "dupont", "MLC", 0L, Limits.NO_CEILING));
        cs.add(new CreateAccount("mlc:claire", "claire", "MLC", null, null));
        cs.add(new ChangeAccount("mie:dupont", -200_000L, null, null));
        CreateAccount openedByAdmin = new CreateAccount("mlc:dupont.caisse", "dupont", "MLC", null, Limits.NO_CEILING);
        openedByAdmin.createdBy("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        cs.add(openedByAdmin);
        ChangeAccount changedByAdmin = new ChangeAccount("mie:dupont", Limits.NO_FLOOR, 900_000L, AccountStatus.ACTIVE);
        changedByAdmin.changedBy("a1b2c3d4e5f60718");
        cs.add(changedByAdmin);
        cs.add(new SetConversionCaps("dupont", List.of(new CapOverride("MLC", "EUR", new ConversionPolicy.Cap(900, 7)))));
        cs.add(new Issue(1, 2, "mlc:claire", 10_000, "guichet 1"));
        Issue byAdmin = new Issue(17, 18, "mlc:claire", 1, null);
        byAdmin.issuedBy("a1b2c3d4e5f60718");
        cs.add(byAdmin);
        cs.add(new SubmitTransfers("claire", false,
                new TransferRequest(3, 4, "mlc:claire", "mlc:dupont", 1_200, "MLC", "café – 2 bières \"x\"\n", null, 0),
                new TransferRequest(5, 6, "mlc:claire", "mlc:dupont", 350, "MLC", null, null, 600)));
        cs.add(ResolvePending.post("dupont", 5, 6, 300));
        SubmitTransfers refund = new SubmitTransfers("dupont", false, new TransferRequest(19, 20, "mlc:dupont",
                "mlc:claire", 200, "MLC", "retour", null, 0, new java.util.UUID(3, 4)));
        refund.byTerminal("caisse-1");
        cs.add(refund);
        SubmitTransfers limited = new SubmitTransfers("dupont", false, new TransferRequest(21, 22, "mlc:dupont",
                "mlc:claire", 100, "MLC", null, null, 0, new java.util.UUID(3, 4)));
        limited.byTerminal("caisse-1");
        limited.limitDailyRefunds(250);
        cs.add(limited);
        ResolvePending voidByTill = ResolvePending.voiding("dupont", 5, 6);
        voidByTill.byTerminal("caisse-1");
        cs.add(voidByTill);
        cs.add(new CreatePaymentRequest("pr-1", "dupont", "mlc:dupont", 500, null, 120));
        CreatePaymentRequest byTill = new CreatePaymentRequest("pr-2", "dupont", "mlc:dupont", 700, "café", 60);
        byTill.byTerminal("caisse-1");
        cs.add(byTill);
        cs.add(new SubmitTransfers("claire", true,
                new TransferRequest(7, 8, "mlc:claire", "mlc:dupont", 500, "MLC", null, "pr-1", 0),
                new TransferRequest(Long.MIN_VALUE, Long.MAX_VALUE, "mlc:claire", "mlc:dupont", Long.MAX_VALUE, "MLC",
                        null, null, 0)));
        cs.add(new Convert(9, 10, "dupont", "mlc:dupont", null, "EUR", 800, null));
        cs.add(new Convert(11, 12, "dupont", "mlc:dupont", "mie:dupont", null, 100, "ref"));
        cs.add(ResolvePending.voiding("claire", 5, 6));
        cs.add(new ChangeAccount("mlc:claire", null, null, AccountStatus.FROZEN));
        cs.add(new Tick());
        cs.add(new RenameMember("dupont", "Boulangerie Dupont & fils"));
        cs.add(new RegisterToken(new byte[32], TokenRole.ADMIN, null, null, 0));
        cs.add(new RegisterToken(filled(32, 7), TokenRole.TERMINAL, "dupont", "caisse-1", 5_000));
        cs.add(new RegisterSigningKey("claire", "claire-phone", filled(32, 9), null));
        SubmitTransfers signed = new SubmitTransfers("claire", false,
                new TransferRequest(13, 14, "mlc:claire", "mlc:dupont", 10, "MLC", null, null, 0));
        signed.signedWith("claire-phone");
        cs.add(signed);
        cs.add(new RevokeSigningKey("claire", "claire-phone"));
        Convert refused = new Convert(15, 16, "dupont", "mlc:dupont", "mie:dupont", null, 100, null);
        refused.signedWith("claire-phone");
        cs.add(refused);
        cs.add(new RegisterToken(filled(32, 11), TokenRole.TERMINAL, "dupont", "caisse-2", 1_000, 20_000, 3_600));
        cs.add(new RegisterToken(filled(32, 12), TokenRole.AUDITOR, null, null, 0, 0, RegisterToken.MAX_EXPIRES_IN_S));
        cs.add(new RecordTokenUse(new long[] {1, 3, Long.MAX_VALUE}, new long[] {1_800_000_001_000L, 0, -1}));
        cs.add(new RevokeToken(3));
        cs.add(new RevokeToken(3));
        cs.add(new CreateEnrollment(filled(32, 13), TokenRole.TERMINAL, "dupont", "caisse-3", 500, 0, 86_400));
        cs.add(new CreateEnrollment(filled(32, 14), TokenRole.MEMBER, "claire", null, 0, 0, 60));
        cs.add(new Enroll(filled(32, 13), "caisse-3-key", filled(32, 15), filled(32, 16), "Caisse 3 – comptoir"));
        cs.add(new Enroll(filled(32, 13), "caisse-3-again", filled(32, 17), filled(32, 18), null));
        cs.add(new Enroll(filled(32, 14), "claire-phone", filled(32, 19), filled(32, 20), null));
        long t = 1_800_000_000_000L;
        for (Command c : cs) c.setTimestampMs(t += 1_000);
        return cs;
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void theSizeBoundTheEngineBatchesByIsNeverBelowTheEncoding() {
        for (Command c : day()) {
            assertTrue(CommandCodec.sizeBound(c) >= CommandCodec.encode(c).length, c.getClass().getSimpleName());
        }
        // The widest transfers a body can carry: longest ids, memos of three- and four-byte characters.
        String id = "a".repeat(64);
        for (String unit : new String[]{"\u20ac", "\ud83d\ude00", "\u00e9"}) {
            TransferRequest[] ts = new TransferRequest[1000];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = new TransferRequest(i, i, id, id, Long.MAX_VALUE, "MLC", unit.repeat(256 / unit.length()), id,
                        Integer.MAX_VALUE, new UUID(i, i));
            }
            SubmitTransfers wide = new SubmitTransfers(id, true, ts);
            wide.signedWith(id);
            wide.byTerminal(id);
            assertTrue(CommandCodec.sizeBound(wide) >= CommandCodec.encode(wide).length, unit);
        }
    }

    @Test
    void everyCommandSurvivesEncodingByteForByte() {
        for (Command c : day()) {
            byte[] once = CommandCodec.encode(c);
            Command back = CommandCodec.decode(once);
            assertEquals(c.getClass(), back.getClass());
            assertEquals(c.timestampMs(), back.timestampMs());
            assertArrayEquals(once, CommandCodec.encode(back), c.getClass().getSimpleName());
            if (c instanceof SignedCommand signed) {
                assertEquals(signed.keyId(), ((SignedCommand) back).keyId());
                assertEquals(signed.terminalId(), ((SignedCommand) back).terminalId());
            }
            if (c instanceof SubmitTransfers s) {
                assertEquals(s.refundLimitPerDay(), ((SubmitTransfers) back).refundLimitPerDay());
                for (int i = 0; i < s.transfers.length; i++) {
                    assertEquals(s.transfers[i].refundOf, ((SubmitTransfers) back).transfers[i].refundOf);
                }
            }
            if (c instanceof Issue issue) assertEquals(issue.issuedBy(), ((Issue) back).issuedBy());
            if (c instanceof CreateAccount a) assertEquals(a.createdBy(), ((CreateAccount) back).createdBy());
            if (c instanceof ChangeAccount a) assertEquals(a.changedBy(), ((ChangeAccount) back).changedBy());
            if (c instanceof CreatePaymentRequest p) {
                assertEquals(p.terminalId(), ((CreatePaymentRequest) back).terminalId());
            }
        }
    }

    @Test
    void replayingDecodedCommandsRebuildsTheSameLedgerAndResults() {
        Ledger original = new Ledger(CONFIG, (hi, lo) -> null);
        List<ResultCode> results = new ArrayList<>();
        List<byte[]> journal = new ArrayList<>();
        for (Command c : day()) {
            results.add(original.apply(c));
            journal.add(CommandCodec.encode(c));
        }
        Ledger replayed = new Ledger(CONFIG, (hi, lo) -> null);
        List<ResultCode> replayedResults = new ArrayList<>();
        for (byte[] record : journal) replayedResults.add(replayed.apply(CommandCodec.decode(record)));
        assertEquals(results, replayedResults);
        assertArrayEquals(original.digest(), replayed.digest());
        assertEquals(10_000 + 1 - 1_200 - 300 + 200 - 0, original.account("mlc:claire").balance(),
                "the day moved money, so the comparison is not of two empty ledgers");
    }

    @Test
    void anAccountChangeJournaledBeforeItsAdminWasRecordedReadsBackWithoutOne() {
        ByteWriter out = new ByteWriter(64);
        out.writeByte(3); // CHANGE_ACCOUNT, as the first builds wrote it
        out.writeLong(1_800_000_000_000L);
        out.writeString("mie:dupont");
        out.writeOptionalLong(-50_000L);
        out.writeOptionalLong(null);
        out.writeByte(AccountStatus.FROZEN.wire);
        ChangeAccount old = (ChangeAccount) CommandCodec.decode(out.toByteArray());
        assertEquals("mie:dupont", old.id);
        assertEquals(-50_000L, old.floor);
        assertEquals(AccountStatus.FROZEN, old.status);
        assertEquals(null, old.changedBy());
    }

    @Test
    void truncatedOrUnknownRecordsAreRefusedNotGuessed() {
        byte[] record = CommandCodec.encode(day().get(8));
        for (int cut = 0; cut < record.length; cut++) {
            byte[] torn = Arrays.copyOf(record, cut);
            assertThrows(CorruptRecordException.class, () -> CommandCodec.decode(torn), "cut at " + cut);
        }
        byte[] unknown = record.clone();
        unknown[0] = 99;
        assertThrows(CorruptRecordException.class, () -> CommandCodec.decode(unknown));
        byte[] longer = Arrays.copyOf(record, record.length + 1);
        assertThrows(CorruptRecordException.class, () -> CommandCodec.decode(longer));
    }
}
