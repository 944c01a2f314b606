package fr.mlml.ledger.journal;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A growable little buffer of big-endian primitives, length-prefixed bytes and UTF-8 strings (null as length −1).
 * An {@link OutputStream} too, so codecs written for streams (the core's {@code TransferRecordBytes}) fill it without
 * a copy; kept and {@link #clear cleared} by the journal's writer, so steady writing allocates nothing.
 */
public final class ByteWriter extends OutputStream {
    private byte[] bytes;
    private int size;

    public ByteWriter(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        writeByte(b);
    }

    @Override
    public void write(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
    }

    public void writeByte(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
    }

    public void writeInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
    }

    public void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
    }

    public void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Length-prefixed bytes. */
    public void writeBytes(byte[] b) {
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

    /** Overwrites the int at {@code at}, written earlier (a length or checksum known only once what follows is). */
    public void setInt(int at, int v) {
        assert at >= 0 && at + 4 <= size : "setInt at " + at + " of " + size;
        for (int shift = 24, i = at; shift >= 0; shift -= 8) bytes[i++] = (byte) (v >>> shift);
    }

    /** Feeds the bytes from {@code from} to the end into {@code crc}. */
    public void updateCrc(CRC32C crc, int from) {
        crc.update(bytes, from, size - from);
    }

    /** The bytes written so far, without a copy; valid until the next write or clear. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    public int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
