package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.ChangeAccount;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.ResultCode;

import java.util.ArrayList;
import java.util.List;

/**
 * One change of an account's limits or status, as its history shows it: when, by which admin token (its id or handle;
 * null for changes journaled before the ledger recorded it), and what it set, null for what it left as it was
 * ({@code floor} {@link fr.mlml.ledger.core.Limits#NO_FLOOR} and {@code ceiling}
 * {@link fr.mlml.ledger.core.Limits#NO_CEILING} for none). An account's opening is its first change: its limits and
 * status then.
 */
public record AccountChange(String account, long atMs, String by, Long floor, Long ceiling, AccountStatus status) {
    /** Most changes one account's history answers: its newest. */
    public static final int MAX_READ = 1_000;
    /** An enum left out (null). */
    private static final int NONE = -1;

    /** The changes a batch's commands made, in order: from the commands the ledger took only. */
    public static List<AccountChange> of(List<Command> commands) {
        List<AccountChange> out = new ArrayList<>(0);
        for (Command c : commands) {
            if (c.result() != ResultCode.OK) continue;
            if (c instanceof CreateAccount a) {
                out.add(new AccountChange(a.id, a.timestampMs(), a.createdBy(), a.limits().floor(),
                        a.limits().ceiling(), AccountStatus.ACTIVE));
            } else if (c instanceof ChangeAccount a && (a.floor != null || a.ceiling != null || a.status != null)) {
                out.add(new AccountChange(a.id, a.timestampMs(), a.changedBy(), a.floor, a.ceiling, a.status));
            }
        }
        return out;
    }

    /** Its stored bytes; {@link #decode} reads them back (a storage format: add fields last, never reorder). */
    public byte[] encode() {
        ByteWriter out = new ByteWriter(64);
        out.writeString(account);
        out.writeLong(atMs);
        out.writeString(by);
        out.writeOptionalLong(floor);
        out.writeOptionalLong(ceiling);
        out.writeByte(status == null ? NONE : status.wire);
        return out.toByteArray();
    }

    public static AccountChange decode(byte[] bytes, int from, int length) {
        ByteReader in = new ByteReader(bytes, from, length);
        AccountChange c = new AccountChange(in.readString(), in.readLong(), in.readString(), in.readOptionalLong(),
                in.readOptionalLong(), status(in.readByte()));
        if (!in.atEnd()) throw new CorruptRecordException("trailing bytes after an account change");
        return c;
    }

    private static AccountStatus status(int wire) {
        return wire == NONE ? null : AccountStatus.ofWire(wire, "a stored account change's status");
    }
}
