package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.CorruptRecordException;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote; any read past the end or a bad length is a {@link CorruptRecordException}. */
final class ByteReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    ByteReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    int readByte() {
        need(1);
        return bytes[pos++];
    }

    int readInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) v = (v << 8) | (bytes[pos++] & 0xFF);
        return v;
    }

    long readLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (bytes[pos++] & 0xFF);
        return v;
    }

    String readString() {
        int length = readInt();
        if (length == -1) return null;
        if (length < 0) throw new CorruptRecordException("negative string length " + length);
        need(length);
        String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    byte[] readBytes() {
        int length = readInt();
        if (length < 0) throw new CorruptRecordException("negative length " + length);
        need(length);
        byte[] b = java.util.Arrays.copyOfRange(bytes, pos, pos + length);
        pos += length;
        return b;
    }

    Long readOptionalLong() {
        int present = readByte();
        if (present == 0) return null;
        if (present != 1) throw new CorruptRecordException("bad presence byte " + present);
        return readLong();
    }

    boolean atEnd() {
        return pos == end;
    }

    private void need(int n) {
        if (n > end - pos) throw new CorruptRecordException("record ends " + (n - (end - pos)) + " bytes early");
    }
}
