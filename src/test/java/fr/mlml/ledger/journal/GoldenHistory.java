package fr.mlml.ledger.journal;

import fr.mlml.ledger.journal.file.FileJournal;
import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.CapOverride;
import fr.mlml.ledger.core.ChangeAccount;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.ConversionPolicy;
import fr.mlml.ledger.core.Convert;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.CreateEnrollment;
import fr.mlml.ledger.core.CreatePaymentRequest;
import fr.mlml.ledger.core.Enroll;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.LedgerSnapshot;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.MemberView;
import fr.mlml.ledger.core.PaymentRequestView;
import fr.mlml.ledger.core.RecordTokenUse;
import fr.mlml.ledger.core.RegisterSigningKey;
import fr.mlml.ledger.core.RegisterToken;
import fr.mlml.ledger.core.RenameMember;
import fr.mlml.ledger.core.ResolvePending;
import fr.mlml.ledger.core.RevokeSigningKey;
import fr.mlml.ledger.core.RevokeToken;
import fr.mlml.ledger.core.SetConversionCaps;
import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.Tick;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRequest;
import fr.mlml.ledger.crypto.LedgerKey;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The history behind {@code src/test/resources/golden}: a file journal (batch records, entries, archive, a snapshot)
 * written by one build, which every later build must read back to the same state ({@link GoldenFilesTest}). Every
 * command tag and every stored enum constant that a history can hold is in it; more than the 2,048 recent ids pass
 * through it, so its first records are answered from the archive. {@link #main} wrote the files once; never rewrite
 * them (a new format gets new golden files beside these, so all stay read): {@code golden/credentials} is the same
 * history with a batch of the back office's credentials (tokens with ids, expiry, use and revocation, enrollment
 * codes used and expired, a terminal's refunds under a daily limit), written with snapshot version 8;
 * {@code golden/account-changes} the same history with who opened and changed each account, and the journal's
 * account changes.
 */
final class GoldenHistory {
    static final long HI = 0x601DE4_0000_4000L;
    /** Ids {@code (HI, 1..LAST_ID)} are the transfer and group ids the history used. */
    static final int LAST_ID = 2_400;
    static final int SNAPSHOT_AFTER_BATCH = 6;
    private static final int FIRST_FILLER_ID = 100;
    private static final int SHOWN_ENTRIES = 60;

    private GoldenHistory() {
    }

    /** The batches, each with its time. */
    static List<List<Command>> batches() {
        List<List<Command>> out = new ArrayList<>();
        out.add(List.of(new CreateMember("biz", "Biz SARL", MemberKind.BUSINESS),
                new CreateMember("shop", "Shop", MemberKind.BUSINESS),
                new CreateMember("cit", "Citoyenne", MemberKind.CITIZEN),
                new CreateMember("asso", "Asso", MemberKind.ASSOCIATION),
                new CreateMember("mairie", "Mairie", MemberKind.PUBLIC_BODY),
                new CreateAccount("mlc:biz", "biz", "MLC", null, null),
                new CreateAccount("mie:biz", "biz", "MIE", -50_000L, 400_000L),
                new CreateAccount("mlc:shop", "shop", "MLC", null, null),
                new CreateAccount("mie:shop", "shop", "MIE", null, null),
                new CreateAccount("mlc:cit", "cit", "MLC", null, null),
                new CreateAccount("mlc:asso", "asso", "MLC", null, null),
                new CreateAccount("mlc:mairie", "mairie", "MLC", null, null),
                new CreateAccount("mlc:cit.b", "cit", "MLC", null, null),
                new Issue(HI, 1, "mlc:cit", 100_000, "bureau 1"),
                new Issue(HI, 2, "mlc:biz", 500_000, "bureau 2")));
        out.add(List.of(new RenameMember("asso", "Association du quartier"),
                new SetConversionCaps("biz", List.of(new CapOverride("MLC", "MIE", new ConversionPolicy.Cap(300_000, 7)))),
                new RegisterToken(bytes(1, 32), TokenRole.ADMIN, null, null, 0),
                new RegisterToken(bytes(2, 32), TokenRole.AUDITOR, null, null, 0),
                new RegisterToken(bytes(3, 32), TokenRole.MEMBER, "cit", null, 0),
                new RegisterToken(bytes(4, 32), TokenRole.TERMINAL, "shop", "till-1", 2_000),
                new RegisterSigningKey("cit", "cit-phone", bytes(5, 32), null),
                new RegisterSigningKey("shop", "till-key", bytes(6, 32), "till-1"),
                new RegisterSigningKey("cit", "cit-old", bytes(7, 32), null),
                new RevokeSigningKey("cit", "cit-old")));
        out.add(List.of(transfers("cit", false, t(3, "mlc:cit", "mlc:shop", 1_250, "bread", null, 0)),
                signed(transfers("cit", false, t(4, "mlc:cit", "mlc:shop", 300, null, null, 0)), "cit-phone"),
                signed(transfers("cit", false, t(5, "mlc:cit", "mlc:shop", 300, null, null, 0)), "cit-old"),
                transfers("cit", false, t(6, "mlc:cit", "mlc:ghost", 10, null, null, 0)),
                transfers("cit", false, t(7, "mlc:cit", "mlc:shop", 1_000_000, null, null, 0)),
                transfers("cit", false, t(8, "mlc:cit", "mlc:cit", 10, null, null, 0)),
                transfers("cit", false, t(9, "mlc:cit", "mie:shop", 10, null, null, 0)),
                transfers("cit", false, t(10, "mlc:cit", "mlc:shop", 0, null, null, 0)),
                transfers("cit", true, t(11, "mlc:cit", "mlc:shop", 100, null, null, 0),
                        t(12, "mlc:cit", "mlc:shop", 9_999_999, null, null, 0)),
                transfers("biz", false, t(13, "mie:biz", "mie:shop", 70_000, "credit", null, 0)),
                transfers("biz", false, t(14, "mie:biz", "mie:shop", 900_000, null, null, 0))));
        out.add(List.of(transfers("cit", false, t(20, "mlc:cit", "mlc:shop", 5_000, "caution", null, 7_200)),
                transfers("cit", false, t(21, "mlc:cit", "mlc:shop", 4_000, "caution 2", null, 7_200)),
                transfers("cit", false, t(22, "mlc:cit", "mlc:shop", 3_000, "caution 3", null, 60)),
                new CreatePaymentRequest("pr-1", "shop", "mlc:shop", 700, "croissants", 600),
                transfers("cit", false, t(23, "mlc:cit", "mlc:shop", 700, null, "pr-1", 0)),
                new Convert(HI, 30, "biz", "mlc:biz", "mie:biz", null, 20_000, "to mie"),
                new Convert(HI, 31, "biz", "mie:biz", "mlc:biz", null, 5_000, null),
                new Convert(HI, 32, "biz", "mlc:biz", null, "EUR", 10_000, "reconversion"),
                new Convert(HI, 33, "cit", "mlc:cit", null, "EUR", 10, null)));
        out.add(List.of(ResolvePending.post("shop", HI, 20, 4_000), ResolvePending.voiding("cit", HI, 21),
                ResolvePending.post("shop", HI, 21, 1),
                new ChangeAccount("mlc:asso", null, null, AccountStatus.FROZEN),
                new ChangeAccount("mlc:cit.b", null, null, AccountStatus.CLOSED),
                new ChangeAccount("mie:shop", -10_000L, 200_000L, null),
                transfers("cit", false, t(24, "mlc:cit", "mlc:asso", 10, null, null, 0)),
                transfers("cit", false, t(25, "mlc:cit", "mlc:cit.b", 10, null, null, 0)),
                transfers("cit", false, t(26, "mlc:cit", "mlc:shop", 2_500, "still held", null, 86_400))));
        out.add(List.of(new Tick()));
        // Fillers: enough ids to push every id above out of the 2,048 kept in memory, into the archive.
        for (int batch = 0; batch < 3; batch++) {
            List<Command> fill = new ArrayList<>();
            for (int group = 0; group < 2; group++) {
                TransferRequest[] ts = new TransferRequest[400];
                for (int i = 0; i < ts.length; i++) {
                    int id = 100 + batch * 800 + group * 400 + i;
                    ts[i] = group == 0 ? t(id, "mlc:biz", "mlc:shop", 1 + i, null, null, 0)
                            : t(id, "mlc:shop", "mlc:biz", 1 + i, i % 50 == 0 ? "retour " + i : null, null, 0);
                }
                fill.add(transfers(group == 0 ? "biz" : "shop", false, ts));
            }
            out.add(fill);
        }
        out.add(List.of(transfers("cit", false, t(3, "mlc:cit", "mlc:shop", 1_250, "bread", null, 0)),
                transfers("cit", false, t(3, "mlc:cit", "mlc:shop", 1_251, "bread", null, 0)),
                transfers("cit", false, t(6, "mlc:cit", "mlc:shop", 10, null, null, 0))));
        return out;
    }

    /**
     * The batches as a build that records who opens and changes accounts journals them
     * ({@code golden/account-changes}): the same history, each account opened and changed by one of two admin
     * tokens' handles.
     */
    static List<List<Command>> batchesWithAdmins() {
        List<List<Command>> out = batches();
        int n = 0;
        for (List<Command> batch : out) {
            for (Command c : batch) {
                String admin = n++ % 2 == 0 ? "0123456789abcdef0123456789abcdef" : "fedcba9876543210fedcba9876543210";
                if (c instanceof CreateAccount a) a.createdBy(admin);
                if (c instanceof ChangeAccount a) a.changedBy(admin);
            }
        }
        return out;
    }

    /** The batches with the credentials batch after the first transfers ({@code golden/credentials}). */
    static List<List<Command>> batchesWithCredentials() {
        List<List<Command>> out = new ArrayList<>(batches());
        SubmitTransfers refunds = transfers("shop", false, refundOf3(90, 500), refundOf3(91, 600), refundOf3(92, 100));
        refunds.byTerminal("till-1");
        refunds.limitDailyRefunds(1_000);
        out.add(3, List.of(new RegisterToken(bytes(8, 32), TokenRole.TERMINAL, "shop", "till-2", 1_500, 3_000, 7_200),
                new RegisterToken(bytes(9, 32), TokenRole.AUDITOR, null, null, 0, 0, 86_400),
                new RecordTokenUse(new long[] {3, 5}, new long[] {timeOfBatch(3) - 60_000, timeOfBatch(3) - 1_000}),
                new RevokeToken(4),
                new RevokeToken(42),
                new CreateEnrollment(bytes(10, 32), TokenRole.TERMINAL, "shop", "till-3", 700, 2_000, 604_800),
                new CreateEnrollment(bytes(11, 32), TokenRole.MEMBER, "cit", null, 0, 0, 3_600),
                new CreateEnrollment(bytes(12, 32), TokenRole.MEMBER, "cit", null, 0, 0, 86_400),
                new Enroll(bytes(12, 32), "cit-tablet", bytes(13, 32), bytes(14, 32), "Tablette de Claire"),
                new Enroll(bytes(12, 32), "cit-tablet-2", bytes(15, 32), bytes(16, 32), null),
                refunds));
        return out;
    }

    /** A refund of transfer 3 (cit → shop, 1,250) by till-1. */
    private static TransferRequest refundOf3(int id, long amount) {
        return new TransferRequest(HI, id, "mlc:shop", "mlc:cit", amount, "MLC", null, null, 0, new UUID(HI, 3));
    }

    /**
     * What the credentials batch left, for {@code golden/credentials}: tokens with their ids, times and limits, keys
     * with their times, the enrollment codes waiting.
     */
    static String credentials(Ledger ledger) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (TokenView t : ledger.tokens()) {
            out.append("token tok_").append(t.number()).append(' ').append(hex.formatHex(t.hash(), 0, 4)).append(' ')
                    .append(t.refundLimitPerDay()).append(" created ").append(t.createdMs()).append(" expires ")
                    .append(t.expiresAtMs()).append(" used ").append(t.lastUsedMs()).append(" revoked ")
                    .append(t.revokedMs()).append(" device ").append(t.deviceName()).append('\n');
        }
        for (SigningKeyView k : ledger.signingKeys()) {
            out.append("key ").append(k.keyId()).append(' ').append(k.terminalId()).append(" registered ")
                    .append(k.registeredMs()).append(" revoked ").append(k.revokedMs()).append('\n');
        }
        out.append("enrollment codes waiting ").append(ledger.enrollmentCodes()).append('\n');
        return out.toString();
    }

    static long timeOfBatch(int index) {
        return 1_800_000_000_000L + index * 3_600_000L;
    }

    private static TransferRequest t(int id, String debit, String credit, long amount, String memo, String request,
                                     int timeoutS) {
        return new TransferRequest(HI, id, debit, credit, amount, "MLC".equals(currency(debit)) ? "MLC" : "MIE",
                memo, request, timeoutS);
    }

    private static String currency(String account) {
        return account.startsWith("mie:") ? "MIE" : "MLC";
    }

    private static SubmitTransfers transfers(String actor, boolean atomic, TransferRequest... ts) {
        return new SubmitTransfers(actor, atomic, ts);
    }

    private static Command signed(SubmitTransfers s, String keyId) {
        s.signedWith(keyId);
        return s;
    }

    private static byte[] bytes(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed * 31 + i);
        return b;
    }

    /**
     * The state a reader must find, as text: members, accounts, credentials, payment requests, the records of the
     * ids before the fillers and what the archive holds for them, the first entries of history; the fillers' records
     * and the other entries as a SHA-256 of their lines (so the file stays small). Fields are named one by one, so a
     * field added later to a view does not change it.
     */
    static String dump(Ledger ledger, Journal journal) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("last sequence ").append(ledger.lastSequence()).append(", last time ")
                .append(ledger.lastTimestampMs()).append(", pending ").append(ledger.pendingCount()).append('\n');
        for (MemberView m : ledger.members()) {
            out.append("member ").append(m.id()).append(' ').append(m.kind().code).append(" \"").append(m.name())
                    .append("\" ").append(m.accountIds()).append(' ').append(m.caps()).append('\n');
        }
        for (int a = 0; a < ledger.accountCount(); a++) {
            AccountView v = ledger.accountAt(a);
            out.append("account ").append(v.id()).append(' ').append(v.memberId()).append(' ').append(v.currency())
                    .append(' ').append(v.status().code).append(" balance ").append(v.balance()).append(" posted ")
                    .append(v.debitsPosted()).append('/').append(v.creditsPosted()).append(" pending ")
                    .append(v.debitsPending()).append('/').append(v.creditsPending()).append(" limits ")
                    .append(v.floor()).append('/').append(v.ceiling()).append(" negative since ")
                    .append(v.negativeSinceMs()).append('\n');
        }
        HexFormat hex = HexFormat.of();
        for (TokenView t : ledger.tokens()) {
            out.append("token ").append(hex.formatHex(t.hash())).append(' ').append(t.role().code).append(' ')
                    .append(t.memberId()).append(' ').append(t.terminalId()).append(' ').append(t.refundLimit())
                    .append('\n');
        }
        for (SigningKeyView k : ledger.signingKeys()) {
            out.append("key ").append(k.keyId()).append(' ').append(k.memberId()).append(' ')
                    .append(hex.formatHex(k.publicKey())).append(' ').append(k.terminalId()).append(" revoked ")
                    .append(k.revoked()).append('\n');
        }
        PaymentRequestView pr = ledger.paymentRequest("shop", "pr-1", ledger.lastTimestampMs());
        out.append("payment request ").append(pr.id()).append(' ').append(pr.creditAccount()).append(' ')
                .append(pr.amount()).append(' ').append(pr.status()).append(' ').append(pr.paidByLo()).append('\n');
        MessageDigest fillers = MessageDigest.getInstance("SHA-256");
        int records = 0;
        for (int id = 1; id <= LAST_ID; id++) {
            TransferRecord r = ledger.transfer(HI, id);
            if (r == null) continue;
            records++;
            if (id < FIRST_FILLER_ID) out.append("id ").append(id).append(' ').append(record(r)).append('\n');
            else fillers.update((record(r) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.append(records).append(" ids; the fillers' records: ").append(hex.formatHex(fillers.digest())).append('\n');
        for (int id = 1; id < FIRST_FILLER_ID; id++) {
            TransferRecord r = journal.archived(HI, id);
            if (r != null) out.append("archived ").append(id).append(' ').append(record(r)).append('\n');
        }
        MessageDigest later = MessageDigest.getInstance("SHA-256");
        int entries = 0;
        for (long after = 0; ; ) {
            List<Entry> page = journal.history().entriesAfter(after, 1_000).get(60, TimeUnit.SECONDS);
            if (page.isEmpty()) break;
            for (Entry e : page) {
                if (++entries <= SHOWN_ENTRIES) out.append("entry ").append(entry(e)).append('\n');
                else later.update((entry(e) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            after = page.get(page.size() - 1).number();
        }
        out.append(entries).append(" entries; those after the first ").append(SHOWN_ENTRIES).append(": ")
                .append(hex.formatHex(later.digest())).append('\n');
        for (int a = 0; a < ledger.accountCount(); a++) {
            for (AccountChange c : journal.changes().of(ledger.accountAt(a).id()).get(60, TimeUnit.SECONDS)) {
                out.append("change ").append(c.account()).append(' ').append(c.atMs()).append(' ').append(c.by())
                        .append(' ').append(c.floor()).append(' ').append(c.ceiling()).append(' ')
                        .append(c.status() == null ? null : c.status().code).append('\n');
            }
        }
        return out.toString();
    }

    private static String record(TransferRecord r) {
        return new UUID(r.idHi(), r.idLo()) + " " + r.kind().code + " " + r.status().code + " " + r.code().code + " "
                + r.debitAccount() + " " + r.creditAccount() + " " + r.currency() + " " + r.amount() + " "
                + r.postedAmount() + " " + r.fee() + " " + r.pendingTimeoutS() + " " + r.memo() + " "
                + r.paymentRequest() + " " + r.timestampMs() + " " + r.sequence() + " " + r.position();
    }

    private static String entry(Entry e) {
        return e.number() + " " + new UUID(e.idHi(), e.idLo()) + " " + e.transferSequence() + " " + e.kind().code + " "
                + e.status().code + " " + e.debitAccount() + " " + e.creditAccount() + " " + e.currency() + " "
                + e.amount() + " " + e.debitBalanceAfter() + " " + e.creditBalanceAfter() + " " + e.pendingTimeoutS()
                + " " + e.memo() + " " + e.paymentRequest() + " " + e.timestampMs();
    }

    /**
     * Writes the golden files into {@code args[0]} (run once; see the class comment), of the history with the
     * credentials batch when {@code args[1]} is {@code with-credentials}, with the admins' handles on the accounts'
     * openings and changes when it is {@code with-admins}.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String history = args.length > 1 ? args[1] : "";
        Path data = Files.createTempDirectory("golden");
        LedgerKey key = LedgerKey.loadOrCreate(data);
        try (FileJournal journal = new FileJournal(data, key)) {
            journal.recover(new Recovered());
            JournalDriver driver = new JournalDriver(journal);
            List<List<Command>> batches = switch (history) {
                case "with-credentials" -> batchesWithCredentials();
                case "with-admins" -> batchesWithAdmins();
                default -> batches();
            };
            for (int i = 0; i < batches.size(); i++) {
                driver.batch(timeOfBatch(i), batches.get(i));
                if (i + 1 == SNAPSHOT_AFTER_BATCH) {
                    journal.snapshot(driver.sequence, LedgerSnapshot.write(driver.ledger)).get(60, TimeUnit.SECONDS);
                }
            }
            Files.writeString(out.resolve("expected.txt"), dump(driver.ledger, journal)
                    + (history.equals("with-credentials") ? credentials(driver.ledger) : ""));
        }
        Files.copy(Path.of("config", "ledger.json"), out.resolve("ledger.json"));
        try (OutputStream file = Files.newOutputStream(out.resolve("data.zip"));
             ZipOutputStream zip = new ZipOutputStream(file);
             Stream<Path> files = Files.walk(data)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(data.relativize(p).toString()));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        System.out.println(new String(Files.readAllBytes(out.resolve("expected.txt")), StandardCharsets.UTF_8)
                .lines().count() + " lines expected; data in " + data);
    }
}
