package fr.mlml.ledger.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little buffer of big-endian primitives and length-prefixed bytes and UTF-8 strings (a null string as length −1). */
final class ByteWriter {
    private byte[] bytes;
    private int size;

    ByteWriter(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    void writeByte(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
    }

    void writeInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
    }

    void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
    }

    void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Length-prefixed bytes. */
    void writeBytes(byte[] b) {
        writeInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** A nullable long: a presence byte, then the value. */
    void writeOptionalLong(Long v) {
        writeByte(v == null ? 0 : 1);
        if (v != null) writeLong(v);
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
