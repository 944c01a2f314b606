package fr.mlml.ledger.core;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The numbers by which stored enums reach journals, snapshots and archives. A constant's number is given with it
 * and never changes or is reused, whatever its place in the enum: insert constants anywhere, with a new number, and
 * pin it in {@code WireNumbersTest}. A number a build does not know refuses the record ({@link CorruptRecordException})
 * instead of being guessed at.
 */
public final class WireNumbers {
    /** Numbers are stored in one signed byte; -1 is kept for "none". */
    static final int MAX = Byte.MAX_VALUE;

    private WireNumbers() {
    }

    /** The constants indexed by number; a duplicate or out-of-range number fails the enum's class loading. */
    public static <E extends Enum<E>> E[] table(E[] values, ToIntFunction<E> number) {
        int max = -1;
        for (E e : values) max = Math.max(max, number.applyAsInt(e));
        E[] table = Arrays.copyOf(values, max + 1);
        Arrays.fill(table, null);
        for (E e : values) {
            int n = number.applyAsInt(e);
            if (n < 0 || n > MAX) throw new IllegalStateException(e + ": wire number " + n + " outside 0.." + MAX);
            if (table[n] != null) throw new IllegalStateException(e + " and " + table[n] + " share wire number " + n);
            table[n] = e;
        }
        return table;
    }

    /** The constant stored by its name {@code stored} (PostgreSQL's columns); {@code what} and {@code where} name it. */
    static <E> E byCode(E[] values, Function<E, String> code, String stored, String what, String where) {
        for (E e : values) {
            if (code.apply(e).equals(stored)) return e;
        }
        throw new CorruptRecordException(where + ": unknown " + what + " " + stored);
    }

    /** The constant stored as {@code number}; {@code where} names the record and field for the refusal. */
    public static <E> E lookup(E[] table, int number, String where) {
        if (number < 0 || number >= table.length || table[number] == null) {
            throw new CorruptRecordException(where + ": unknown " + table.getClass().getComponentType().getSimpleName()
                    + " number " + number);
        }
        return table[number];
    }
}
