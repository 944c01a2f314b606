package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.TransferKind;
import fr.mlml.ledger.core.TransferStatus;

/**
 * An {@link Entry} as bytes in the file journal's entries file. The number, time and both accounts come first, so
 * rebuilding the history index at start reads only them. Enums are written by their {@code wire} numbers. The record
 * is framed (its length is known), so a later build adds a field by writing it last and reading it only when the
 * record has bytes left (older records give its default): every entry ever written stays readable
 * ({@code GoldenFilesTest}).
 */
public final class EntryCodec {
    private static final String WHERE = "an entry";

    private EntryCodec() {
    }

    public static void encode(Entry e, ByteWriter out) {
        out.writeLong(e.number());
        out.writeLong(e.timestampMs());
        out.writeString(e.debitAccount());
        out.writeString(e.creditAccount());
        out.writeLong(e.idHi());
        out.writeLong(e.idLo());
        out.writeLong(e.transferSequence());
        out.writeByte(e.kind().wire);
        out.writeByte(e.status().wire);
        out.writeString(e.currency());
        out.writeLong(e.amount());
        out.writeLong(e.debitBalanceAfter());
        out.writeLong(e.creditBalanceAfter());
        out.writeInt(e.pendingTimeoutS());
        out.writeString(e.memo());
        out.writeString(e.paymentRequest());
    }

    public static Entry decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, 0, bytes.length);
        long number = in.readLong();
        long timestampMs = in.readLong();
        String debit = in.readString();
        String credit = in.readString();
        Entry out = new Entry(number, in.readLong(), in.readLong(), in.readLong(),
                TransferKind.ofWire(in.readByte(), WHERE), TransferStatus.ofWire(in.readByte(), WHERE), debit, credit,
                in.readString(), in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readString(),
                in.readString(), timestampMs);
        if (!in.atEnd()) throw new CorruptRecordException("trailing bytes after an entry");
        return out;
    }

    /** What the history index needs of an entry, read without decoding the rest. */
    public interface Keys {
        void entry(long number, long timestampMs, String debitAccount, String creditAccount);
    }

    public static void readKeys(byte[] bytes, int from, int length, Keys keys) {
        ByteReader in = new ByteReader(bytes, from, length);
        keys.entry(in.readLong(), in.readLong(), in.readString(), in.readString());
    }
}
