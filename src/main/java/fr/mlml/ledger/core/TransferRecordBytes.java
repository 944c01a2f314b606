package fr.mlml.ledger.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@link TransferRecord} as bytes: how snapshots keep the log and how journals keep the archive of old ids.
 * Strings are nullable and not limited to 64 KiB like {@code writeUTF}: memos and names come from clients.
 *
 * <p>The id comes first (the archive finds records by it), then a format byte, then the fields. A later build adds a
 * field by writing it last, raising {@link #FORMAT}, and reading it only from records of that format on (older ones
 * give its default); enums are written by their {@code wire} numbers. Every record ever written stays readable:
 * {@code GoldenFilesTest} reads files written by earlier builds.
 */
public final class TransferRecordBytes {
    /** The format this build writes; it reads every format from 1 to this one. */
    public static final int FORMAT = 2;
    /** The first format with a refund's {@code refund_of} and {@code terminal_id}. */
    private static final int REFUNDS = 2;
    private static final String WHERE = "an archived transfer record";

    private TransferRecordBytes() {
    }

    public static void write(DataOutputStream out, TransferRecord r) throws IOException {
        out.writeLong(r.idHi());
        out.writeLong(r.idLo());
        out.writeByte(FORMAT);
        out.writeByte(r.kind().wire);
        out.writeByte(r.status().wire);
        out.writeByte(r.code().wire);
        writeString(out, r.debitAccount());
        writeString(out, r.creditAccount());
        writeString(out, r.currency());
        out.writeLong(r.amount());
        out.writeLong(r.postedAmount());
        out.writeLong(r.fee());
        out.writeInt(r.pendingTimeoutS());
        writeString(out, r.memo());
        writeString(out, r.paymentRequest());
        out.writeLong(r.timestampMs());
        out.writeLong(r.sequence());
        out.writeLong(r.position());
        out.writeBoolean(r.refundOf() != null);
        if (r.refundOf() != null) {
            out.writeLong(r.refundOf().getMostSignificantBits());
            out.writeLong(r.refundOf().getLeastSignificantBits());
        }
        writeString(out, r.terminalId());
    }

    public static TransferRecord read(DataInputStream in) throws IOException {
        long idHi = in.readLong();
        long idLo = in.readLong();
        int format = in.readByte();
        if (format < 1 || format > FORMAT) throw new CorruptRecordException(WHERE + ": unknown format " + format);
        TransferKind kind = TransferKind.ofWire(in.readByte(), WHERE);
        TransferStatus status = TransferStatus.ofWire(in.readByte(), WHERE);
        ResultCode code = ResultCode.ofWire(in.readByte(), WHERE);
        String debit = readString(in);
        String credit = readString(in);
        String currency = readString(in);
        long amount = in.readLong();
        long posted = in.readLong();
        long fee = in.readLong();
        int timeoutS = in.readInt();
        String memo = readString(in);
        String request = readString(in);
        long timestampMs = in.readLong();
        long sequence = in.readLong();
        long position = in.readLong();
        java.util.UUID refundOf = format >= REFUNDS && in.readBoolean()
                ? new java.util.UUID(in.readLong(), in.readLong()) : null;
        String terminalId = format >= REFUNDS ? readString(in) : null;
        return new TransferRecord(idHi, idLo, kind, status, code, debit, credit, currency, amount, posted, fee,
                timeoutS, memo, request, timestampMs, sequence, position, refundOf, terminalId);
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    public static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) return null;
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
