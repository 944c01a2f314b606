package fr.mlml.ledger.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@link TransferRecord} as bytes: how snapshots keep the log and how journals keep the archive of old ids.
 * Strings are nullable and not limited to 64 KiB like {@code writeUTF}: memos and names come from clients.
 */
public final class TransferRecordBytes {
    private TransferRecordBytes() {
    }

    public static void write(DataOutputStream out, TransferRecord r) throws IOException {
        out.writeLong(r.idHi());
        out.writeLong(r.idLo());
        out.writeByte(r.kind().ordinal());
        out.writeByte(r.status().ordinal());
        out.writeByte(r.code().ordinal());
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
    }

    public static TransferRecord read(DataInputStream in) throws IOException {
        return new TransferRecord(in.readLong(), in.readLong(), TransferKind.ofOrdinal(in.readByte()),
                TransferStatus.ofOrdinal(in.readByte()), ResultCode.ofOrdinal(in.readByte()), readString(in),
                readString(in), readString(in), in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                readString(in), readString(in), in.readLong(), in.readLong(), in.readLong());
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
