package fr.mlml.ledger.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static fr.mlml.ledger.core.TransferRecordBytes.readString;
import static fr.mlml.ledger.core.TransferRecordBytes.writeString;

/**
 * The whole state of a ledger as bytes, and back: members, accounts, the recent-id log, pending holds, payment
 * requests, conversion windows, tokens and signing keys, so a journal can start from a snapshot and replay only what came after it.
 * Restoring a snapshot and applying the same commands gives the same results and the same {@link Ledger#digest}.
 * (In-memory streams only: the core does no I/O.)
 *
 * <p>Enums are written by their {@code wire} numbers. A later build that adds to the state raises {@link #VERSION},
 * writes the new part last (or last in its section), and reads it only from snapshots of that version on; it keeps
 * reading every version from {@link #FIRST_VERSION} ({@code GoldenFilesTest} reads one written by an earlier build).
 */
public final class LedgerSnapshot {
    private static final long MAGIC = 0x4d4c4d4c534e4150L; // "MLMLSNAP"
    /** The version this build writes. */
    public static final int VERSION = 8;
    /** The first version with refunded totals and ceiling probes (at the end). */
    private static final int REFUNDS_AND_PROBES = 6;
    /**
     * The first version with the time each payment request was paid (last in its record) and the retired requests
     * (last in their section).
     */
    private static final int RETIRED_REQUESTS = 7;
    /**
     * The first version with tokens' ids, times and daily refund limits, signing keys' times and enrollment codes (in
     * the credentials section), and each terminal's refunds of the last day (at the end).
     */
    private static final int CREDENTIAL_TIMES = 8;
    /** The oldest version this build reads: the first of stable wire numbers. */
    private static final int FIRST_VERSION = 5;

    private LedgerSnapshot() {
    }

    public static byte[] write(Ledger ledger) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(ledger.lastSequence);
            out.writeLong(ledger.lastEntry);
            out.writeLong(ledger.lastTimestampMs);
            writeMembers(ledger.members, out);
            writeAccounts(ledger.accounts, out);
            writeLog(ledger, out);
            writePendings(ledger.pendings, out);
            writePaymentRequests(ledger.paymentRequests, out);
            writeWindows(ledger.windows, out);
            writeCredentials(ledger.credentials, out);
            writeRefundsAndProbes(ledger, out);
            writeTerminalRefunds(ledger.refunds, out);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream", e);
        }
        return bytes.toByteArray();
    }

    /** A ledger in the state the snapshot recorded; the configuration must be the one it was taken under. */
    public static Ledger read(LedgerConfig config, TransferArchive archive, byte[] snapshot) {
        Ledger ledger = new Ledger(config, archive);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readLong() != MAGIC) throw new CorruptRecordException("not a snapshot");
            int version = in.readInt();
            if (version < FIRST_VERSION || version > VERSION) {
                throw new CorruptRecordException("a snapshot of version " + version + ", not " + FIRST_VERSION + " to "
                        + VERSION);
            }
            ledger.lastSequence = in.readLong();
            ledger.lastEntry = in.readLong();
            ledger.lastTimestampMs = in.readLong();
            readMembers(ledger.members, in);
            readAccounts(ledger.accounts, in);
            readLog(ledger, in);
            readPendings(ledger.pendings, in);
            readPaymentRequests(ledger.paymentRequests, ledger.accounts, in, version);
            readWindows(ledger.windows, in);
            readCredentials(ledger.credentials, in, version, ledger.lastTimestampMs);
            if (version >= REFUNDS_AND_PROBES) readRefundsAndProbes(ledger, in);
            if (version >= CREDENTIAL_TIMES) readTerminalRefunds(ledger.refunds, in);
            if (in.read() != -1) throw new CorruptRecordException("trailing bytes after a snapshot");
        } catch (IOException e) {
            throw new CorruptRecordException("truncated snapshot: " + e);
        }
        return ledger;
    }

    private static void writeMembers(Members m, DataOutputStream out) throws IOException {
        out.writeInt(m.count());
        for (int i = 0; i < m.count(); i++) {
            out.writeUTF(m.id(i));
            writeString(out, m.name(i));
            out.writeByte(m.kind(i).wire);
            CapOverride[] caps = m.capOverrides(i);
            out.writeInt(caps == null ? -1 : caps.length);
            for (int c = 0; caps != null && c < caps.length; c++) {
                out.writeUTF(caps[c].from());
                out.writeUTF(caps[c].to());
                out.writeLong(caps[c].cap().amount());
                out.writeInt(caps[c].cap().windowDays());
            }
        }
    }

    private static void readMembers(Members m, DataInputStream in) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            int member = m.add(in.readUTF(), readString(in), MemberKind.ofWire(in.readByte(), "a snapshot's member"));
            int caps = in.readInt();
            if (caps < 0) continue;
            CapOverride[] overrides = new CapOverride[caps];
            for (int c = 0; c < caps; c++) {
                overrides[c] = new CapOverride(in.readUTF(), in.readUTF(),
                        new ConversionPolicy.Cap(in.readLong(), in.readInt()));
            }
            m.setCapOverrides(member, overrides);
        }
    }

    private static void writeAccounts(Accounts a, DataOutputStream out) throws IOException {
        out.writeInt(a.count());
        for (int i = 0; i < a.count(); i++) {
            out.writeUTF(a.ids[i]);
            out.writeInt(a.owner[i]);
            out.writeInt(a.currency[i]);
            out.writeByte(a.status(i).wire);
            out.writeLong(a.floor[i]);
            out.writeLong(a.ceiling[i]);
            out.writeLong(a.debitsPosted[i]);
            out.writeLong(a.creditsPosted[i]);
            out.writeLong(a.debitsPending[i]);
            out.writeLong(a.creditsPending[i]);
            out.writeLong(a.negativeSinceMs[i]);
        }
    }

    /** The system accounts exist already (genesis); every account's fields are then set as recorded. */
    private static void readAccounts(Accounts a, DataInputStream in) throws IOException {
        int count = in.readInt();
        int genesis = a.count();
        for (int i = 0; i < count; i++) {
            String id = in.readUTF();
            int owner = in.readInt();
            int currency = in.readInt();
            if (i >= genesis) a.add(id, owner, currency, Limits.NONE);
            else if (!a.ids[i].equals(id)) throw new CorruptRecordException("snapshot of another configuration");
            a.status[i] = (byte) AccountStatus.ofWire(in.readByte(), "a snapshot's account").ordinal();
            a.floor[i] = in.readLong();
            a.ceiling[i] = in.readLong();
            a.debitsPosted[i] = in.readLong();
            a.creditsPosted[i] = in.readLong();
            a.debitsPending[i] = in.readLong();
            a.creditsPending[i] = in.readLong();
            a.negativeSinceMs[i] = in.readLong();
        }
    }

    private static void writeLog(Ledger ledger, DataOutputStream out) throws IOException {
        TransferLog log = ledger.log;
        long from = Math.max(0, log.head() - log.capacity());
        out.writeLong(log.head());
        out.writeLong(from);
        for (long pos = from; pos < log.head(); pos++) {
            TransferRecordBytes.write(out, ledger.recordAt(pos));
            out.writeInt(log.debit(pos));
            out.writeInt(log.credit(pos));
            out.writeInt(log.currency(pos));
            String[] raw = log.rawIds(pos);
            out.writeBoolean(raw != null);
            for (int i = 0; raw != null && i < raw.length; i++) writeString(out, raw[i]);
        }
    }

    private static void readLog(Ledger ledger, DataInputStream in) throws IOException {
        long head = in.readLong();
        long from = in.readLong();
        if (head - from > ledger.log.capacity()) throw new CorruptRecordException("snapshot of a larger id log");
        ledger.log.restoreHead(head);
        for (long pos = from; pos < head; pos++) {
            TransferRecord r = TransferRecordBytes.read(in);
            int debit = in.readInt();
            int credit = in.readInt();
            int currency = in.readInt();
            String[] raw = in.readBoolean() ? new String[] {readString(in), readString(in), readString(in)} : null;
            ledger.log.restore(pos, r, debit, credit, currency, raw);
            ledger.refunds.remember(pos, r.refundOf(), r.terminalId());
        }
    }

    private static void writePendings(PendingTransfers p, DataOutputStream out) throws IOException {
        out.writeInt(p.count());
        p.forEach(s -> {
            try {
                out.writeLong(p.idHi(s));
                out.writeLong(p.idLo(s));
                out.writeInt(p.debit(s));
                out.writeInt(p.credit(s));
                out.writeLong(p.amount(s));
                out.writeLong(p.deadlineMs(s));
                out.writeLong(p.logPos(s));
                out.writeBoolean(p.parked(s) != null);
                if (p.parked(s) != null) TransferRecordBytes.write(out, p.parked(s));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void readPendings(PendingTransfers p, DataInputStream in) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            int s = p.add(in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readLong(), in.readLong(),
                    in.readLong());
            if (in.readBoolean()) p.park(s, TransferRecordBytes.read(in));
        }
    }

    private static void writePaymentRequests(PaymentRequests requests, DataOutputStream out) throws IOException {
        int count = 0;
        for (PaymentRequests.Entry ignored : requests.all()) count++;
        out.writeInt(count);
        for (PaymentRequests.Entry e : requests.all()) {
            writeString(out, e.id);
            out.writeInt(e.creditAccount);
            out.writeLong(e.amount);
            writeString(out, e.memo);
            out.writeLong(e.createdMs);
            out.writeLong(e.expiresAtMs);
            writeString(out, e.terminalId);
            out.writeBoolean(e.paid);
            out.writeLong(e.paidByHi);
            out.writeLong(e.paidByLo);
            out.writeLong(e.paidAtMs);
        }
        long[] retired = requests.retired.sorted();
        out.writeInt(retired.length / 2);
        for (long fingerprint : retired) out.writeLong(fingerprint);
    }

    /**
     * A request's scope is the owner of the account it pays into (accounts are read first). Before
     * {@link #RETIRED_REQUESTS}, a paid request counts as paid at its deadline, the latest it could have been: it stays
     * at least the retention period, as a replay from the start would keep it.
     */
    private static void readPaymentRequests(PaymentRequests requests, Accounts accounts, DataInputStream in,
                                            int version) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            PaymentRequests.Entry e = new PaymentRequests.Entry(readString(in), in.readInt(), in.readLong(),
                    readString(in), in.readLong(), in.readLong(), readString(in));
            e.paid = in.readBoolean();
            e.paidByHi = in.readLong();
            e.paidByLo = in.readLong();
            if (version >= RETIRED_REQUESTS) e.paidAtMs = in.readLong();
            else if (e.paid) e.paidAtMs = e.expiresAtMs;
            requests.add(accounts.owner[e.creditAccount], e);
        }
        int retired = version >= RETIRED_REQUESTS ? in.readInt() : 0;
        for (int i = 0; i < retired; i++) requests.retired.add(in.readLong(), in.readLong());
    }

    private static void writeRefundsAndProbes(Ledger ledger, DataOutputStream out) throws IOException {
        Map<UUID, Long> refunded = ledger.refunds.totals();
        out.writeInt(refunded.size());
        for (var e : refunded.entrySet()) {
            out.writeLong(e.getKey().getMostSignificantBits());
            out.writeLong(e.getKey().getLeastSignificantBits());
            out.writeLong(e.getValue());
        }
        Map<Long, Integer> met = ledger.probes.today();
        out.writeLong(ledger.probes.day());
        out.writeLong(ledger.probes.refusedCount());
        out.writeInt(met.size());
        for (var e : met.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static void readRefundsAndProbes(Ledger ledger, DataInputStream in) throws IOException {
        int refunded = in.readInt();
        for (int i = 0; i < refunded; i++) {
            ledger.refunds.add(new UUID(in.readLong(), in.readLong()), in.readLong());
        }
        long day = in.readLong();
        long refusedCount = in.readLong();
        int count = in.readInt();
        Map<Long, Integer> met = new HashMap<>();
        for (int i = 0; i < count; i++) met.put(in.readLong(), in.readInt());
        ledger.probes.restore(day, met, refusedCount);
    }

    private static void writeTerminalRefunds(Refunds refunds, DataOutputStream out) throws IOException {
        Map<String, java.util.ArrayDeque<Refunds.Sent>> byTerminal = refunds.sentByTerminal();
        out.writeInt(byTerminal.size());
        for (var e : byTerminal.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (Refunds.Sent s : e.getValue()) {
                out.writeLong(s.atMs());
                out.writeLong(s.amount());
            }
        }
    }

    private static void readTerminalRefunds(Refunds refunds, DataInputStream in) throws IOException {
        int terminals = in.readInt();
        for (int i = 0; i < terminals; i++) {
            String terminal = in.readUTF();
            int count = in.readInt();
            for (int j = 0; j < count; j++) refunds.sent(terminal, in.readLong(), in.readLong());
        }
    }

    private static void writeWindows(ConversionWindows windows, DataOutputStream out) throws IOException {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(entries);
        int[] count = {0};
        windows.forEach((member, pair, timeMs, amount) -> {
            try {
                e.writeInt(member);
                e.writeInt(pair);
                e.writeLong(timeMs);
                e.writeLong(amount);
                count[0]++;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        out.writeInt(count[0]);
        entries.writeTo(out);
    }

    private static void readWindows(ConversionWindows windows, DataInputStream in) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) windows.record(in.readInt(), in.readInt(), in.readLong(), in.readLong());
    }

    private static void writeCredentials(Credentials credentials, DataOutputStream out) throws IOException {
        out.writeLong(credentials.lastTokenNumber);
        out.writeInt(credentials.tokens().size());
        for (Credentials.Token t : credentials.tokens()) {
            out.writeLong(t.number);
            out.write(t.hash);
            out.writeByte(t.role.wire);
            out.writeInt(t.member);
            writeString(out, t.terminalId);
            out.writeLong(t.refundLimit);
            out.writeLong(t.refundLimitPerDay);
            out.writeLong(t.createdMs);
            out.writeLong(t.expiresAtMs);
            out.writeLong(t.lastUsedMs);
            out.writeLong(t.revokedMs);
            writeString(out, t.deviceName);
        }
        out.writeInt(credentials.keys().size());
        for (Credentials.SigningKey k : credentials.keys()) {
            out.writeUTF(k.id);
            out.writeInt(k.member);
            out.write(k.publicKey);
            writeString(out, k.terminalId);
            out.writeLong(k.registeredMs);
            out.writeLong(k.revokedMs);
        }
        out.writeInt(credentials.enrollments.all().size());
        for (Enrollments.Code c : credentials.enrollments.all()) {
            out.write(c.hash());
            out.writeInt(c.member());
            out.writeByte(c.role().wire);
            writeString(out, c.terminalId());
            out.writeLong(c.refundLimit());
            out.writeLong(c.refundLimitPerDay());
            out.writeLong(c.createdMs());
            out.writeLong(c.expiresAtMs());
        }
    }

    /**
     * Before {@link #CREDENTIAL_TIMES} tokens are numbered in their registration order (as a replay numbers them), and
     * the times of tokens and keys, unknown, are the snapshot's last time: they were made or revoked by then.
     */
    private static void readCredentials(Credentials credentials, DataInputStream in, int version, long snapshotMs)
            throws IOException {
        boolean timed = version >= CREDENTIAL_TIMES;
        long lastNumber = timed ? in.readLong() : 0;
        int tokens = in.readInt();
        for (int i = 0; i < tokens; i++) {
            long number = timed ? in.readLong() : i + 1;
            byte[] hash = new byte[RegisterToken.HASH_BYTES];
            in.readFully(hash);
            TokenRole role = TokenRole.ofWire(in.readByte(), "a snapshot's token");
            int member = in.readInt();
            String terminal = readString(in);
            long refundLimit = in.readLong();
            Credentials.Token t = timed
                    ? new Credentials.Token(number, hash, role, member, terminal, refundLimit, in.readLong(),
                    in.readLong(), in.readLong())
                    : new Credentials.Token(number, hash, role, member, terminal, refundLimit, 0, snapshotMs,
                    Credentials.NEVER);
            if (timed) {
                t.lastUsedMs = in.readLong();
                t.revokedMs = in.readLong();
                t.deviceName = readString(in);
            }
            credentials.addToken(t);
        }
        credentials.lastTokenNumber = Math.max(lastNumber, credentials.lastTokenNumber);
        int keys = in.readInt();
        for (int i = 0; i < keys; i++) {
            String id = in.readUTF();
            int member = in.readInt();
            byte[] publicKey = new byte[RegisterSigningKey.PUBLIC_KEY_BYTES];
            in.readFully(publicKey);
            String terminal = readString(in);
            Credentials.SigningKey k = new Credentials.SigningKey(id, member, publicKey, terminal,
                    timed ? in.readLong() : snapshotMs);
            if (timed) k.revokedMs = in.readLong();
            else if (in.readBoolean()) k.revokedMs = snapshotMs;
            credentials.addKey(k);
        }
        int codes = timed ? in.readInt() : 0;
        for (int i = 0; i < codes; i++) {
            byte[] hash = new byte[RegisterToken.HASH_BYTES];
            in.readFully(hash);
            credentials.enrollments.add(new Enrollments.Code(hash, in.readInt(),
                    TokenRole.ofWire(in.readByte(), "a snapshot's enrollment"), readString(in), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong()));
        }
        credentials.recomputeNextSweep();
    }
}
