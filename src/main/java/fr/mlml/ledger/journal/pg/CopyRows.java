package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.ByteWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Rows of one table in PostgreSQL's binary {@code COPY} format: a signature, then per row its field count and each
 * field as a 4-byte length (−1 for null) and its bytes in the type's binary form ({@code bigint} 8 bytes, {@code int}
 * 4, {@code uuid} 16, {@code text} UTF-8, {@code bytea} as is), then −1 as a 2-byte count. The server stores them
 * without parsing a value, and since PostgreSQL 16 extends the table many pages at a time for them.
 */
final class CopyRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** {@code COPY … FROM STDIN} with this format, for a table and its columns as {@code "table (a, b)"}. */
    private final String copy;
    private final short columns;
    private final ByteWriter out;
    private int rows;

    CopyRows(String tableAndColumns, int columns, int expectedBytes) {
        this.copy = "COPY " + tableAndColumns + " FROM STDIN (FORMAT binary)";
        this.columns = (short) columns;
        this.out = new ByteWriter(SIGNATURE.length + 8 + expectedBytes + 2);
        out.write(SIGNATURE, 0, SIGNATURE.length);
        out.writeInt(0); // flags: no OIDs
        out.writeInt(0); // no header extension
    }

    CopyRows row() {
        out.writeByte(columns >>> 8);
        out.writeByte(columns);
        rows++;
        return this;
    }

    CopyRows int8(long v) {
        out.writeInt(Long.BYTES);
        out.writeLong(v);
        return this;
    }

    CopyRows int8(Long v) {
        return v == null ? nullField() : int8(v.longValue());
    }

    CopyRows int4(int v) {
        out.writeInt(Integer.BYTES);
        out.writeInt(v);
        return this;
    }

    CopyRows uuid(long hi, long lo) {
        out.writeInt(16);
        out.writeLong(hi);
        out.writeLong(lo);
        return this;
    }

    CopyRows text(String s) {
        out.writeString(s);
        return this;
    }

    CopyRows bytea(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A {@code bytea} field written by {@code field} straight into the rows, its length set once known. */
    CopyRows bytea(BytesWriter field) {
        int at = out.size();
        out.writeInt(0);
        try {
            field.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.setInt(at, out.size() - at - Integer.BYTES);
        return this;
    }

    interface BytesWriter {
        void writeTo(ByteWriter out) throws IOException;
    }

    CopyRows nullField() {
        out.writeInt(-1);
        return this;
    }

    int rows() {
        return rows;
    }

    String statement() {
        return copy;
    }

    /** The rows with the format's trailer, ready to send; nothing may be added after. */
    ByteBuffer end() {
        out.writeByte(0xff);
        out.writeByte(0xff);
        return out.buffer();
    }
}
