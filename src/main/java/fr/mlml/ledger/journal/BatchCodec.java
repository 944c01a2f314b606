package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.CorruptRecordException;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch's bytes: a format byte, the number of commands, then each command as {@link CommandCodec} writes it.
 * A later build that adds a field to a command raises {@link #FORMAT} (see {@link CommandCodec}); it reads every
 * format from 1 on, so every batch ever written replays ({@code GoldenFilesTest}).
 */
public final class BatchCodec {
    /** Bounds a batch on decode: more than this many commands means the record is not a batch. */
    public static final int MAX_COMMANDS = 1 << 16;
    /** The format this build writes. */
    public static final int FORMAT = 1;
    /**
     * Most bytes of one batch, so that its record stays within what the file journal reads back; the engine closes a
     * batch before {@link CommandCodec#sizeBound} of its commands passes it. Without it 65,536 transfers with long
     * memos made a record the journal refused, and every retry of them took the ledger offline again.
     */
    public static final int MAX_BATCH_BYTES = 48 << 20;
    /** A batch's own bytes around its commands. */
    public static final int HEADER_BYTES = 1 + Integer.BYTES;

    private BatchCodec() {
    }

    public static byte[] encode(List<Command> commands) {
        if (commands.size() > MAX_COMMANDS) {
            throw new IllegalArgumentException(commands.size() + " commands in a batch, more than " + MAX_COMMANDS);
        }
        long bound = HEADER_BYTES;
        for (Command c : commands) bound += CommandCodec.sizeBound(c);
        if (bound > MAX_BATCH_BYTES) throw new IllegalArgumentException("a batch of up to " + bound + " bytes");
        ByteWriter out = new ByteWriter(256 * commands.size() + 8);
        out.writeByte(FORMAT);
        out.writeInt(commands.size());
        for (Command c : commands) CommandCodec.encode(c, out);
        return out.toByteArray();
    }

    public static List<Command> decode(byte[] payload) {
        ByteReader in = new ByteReader(payload, 0, payload.length);
        int format = in.readByte();
        if (format < 1 || format > FORMAT) throw new CorruptRecordException("unknown batch format " + format);
        int n = in.readInt();
        if (n < 0 || n > MAX_COMMANDS) throw new CorruptRecordException("bad command count " + n);
        List<Command> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(CommandCodec.decode(in));
        if (!in.atEnd()) throw new CorruptRecordException("trailing bytes after a batch");
        return out;
    }
}
