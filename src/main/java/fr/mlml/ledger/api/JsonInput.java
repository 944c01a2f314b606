package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The fields of one JSON object of a request, checked strictly: no field the endpoint does not know, each of its
 * type and range, ids of the ledger's syntax. Every refusal is a 400 naming the field (its path for nested ones).
 */
final class JsonInput {
    static final int MAX_MEMO = 256;
    private static final int UUID_LENGTH = 36;
    /** The version of the ids the ledger derives ({@code GroupIds}), which clients may not send. */
    private static final int LEDGER_UUID_VERSION = 8;

    private final JsonObject json;
    /** Where this object is, for a refusal's field path: the body, or element {@code index} of a parent's array. */
    private final JsonInput parent;
    private final String arrayName;
    private final int index;

    private JsonInput(JsonObject json, JsonInput parent, String arrayName, int index, Set<String> known) {
        this.json = json;
        this.parent = parent;
        this.arrayName = arrayName;
        this.index = index;
        for (String name : json.fieldNames()) {
            if (!known.contains(name)) throw ApiProblem.invalid(at(name), "unknown field");
        }
    }

    /** The body's fields, of which only {@code known} may appear. */
    static JsonInput of(JsonObject body, String... known) {
        return new JsonInput(body, null, null, -1, Set.of(known));
    }

    JsonObject json() {
        return json;
    }

    /** A field's path in the body, built only for a refusal (a batch has a thousand elements). */
    String at(String name) {
        return parent == null ? name : parent.at(arrayName) + "[" + index + "]." + name;
    }

    boolean has(String name) {
        return json.containsKey(name);
    }

    /** An id of the ledger's syntax: {@code [a-z0-9][a-z0-9:._-]{0,63}}. */
    String id(String name) {
        String id = text(name, AccountIds.MAX_LENGTH);
        if (!AccountIds.isValid(id)) throw ApiProblem.invalid(at(name), "must match [a-z0-9][a-z0-9:._-]{0,63}");
        return id;
    }

    String optionalId(String name) {
        return has(name) ? id(name) : null;
    }

    /**
     * A text of 1 to {@code maxLength} characters that is well-formed Unicode: a lone surrogate (U+D800 sent as a
     * JSON escape, say) does not survive the UTF-8 of the journal, so the text replayed after a restart would differ
     * from the one applied (an {@code exists} turning into {@code exists_with_different_fields}).
     */
    String text(String name, int maxLength) {
        String s = typed(name, String.class, "a string");
        if (s.isEmpty() || s.length() > maxLength) {
            throw ApiProblem.invalid(at(name), "must be 1 to " + maxLength + " characters");
        }
        if (!wellFormed(s)) throw ApiProblem.invalid(at(name), "must be valid Unicode, without an unpaired surrogate");
        return s;
    }

    /** Every surrogate in a pair, high then low: exactly the strings that round-trip through UTF-8. */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (!Character.isHighSurrogate(c) || i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                return false;
            }
            i++;
        }
        return true;
    }

    String optionalText(String name, int maxLength) {
        return has(name) ? text(name, maxLength) : null;
    }

    /**
     * A UUID a client chose. Version 8 is the ledger's own: the ids of conversion and issuance legs, derived from their
     * group's id ({@code GroupIds}), so no client can take one first.
     */
    UUID uuid(String name) {
        UUID id = uuidOrNull(typed(name, String.class, "a string"));
        if (id == null) throw ApiProblem.invalid(at(name), "must be a UUID");
        if (id.version() == LEDGER_UUID_VERSION) {
            throw ApiProblem.invalid(at(name), "version-8 UUIDs are the ledger's own; use another version");
        }
        return id;
    }

    UUID optionalUuid(String name) {
        return has(name) ? uuid(name) : null;
    }

    /**
     * The UUID in its 36-character form (8-4-4-4-12 ASCII hex digits, either case), or null ({@link UUID#fromString}
     * also takes shorter spellings). Read by hand: every transfer of a batch has one.
     */
    static UUID uuidOrNull(String s) {
        if (s == null || s.length() != UUID_LENGTH) return null;
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') return null;
                continue;
            }
            int v = hexDigit(c);
            if (v < 0) return null;
            if (digits++ < 16) {
                hi = hi << 4 | v;
            } else {
                lo = lo << 4 | v;
            }
        }
        assert digits == 32;
        return new UUID(hi, lo);
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** An integer in [min, max] (money is integer minor units: a fraction is refused, not rounded). */
    long integer(String name, long min, long max) {
        Object v = json.getValue(name);
        if (!(v instanceof Long) && !(v instanceof java.math.BigInteger)) {
            throw ApiProblem.invalid(at(name), v == null ? "required" : "must be an integer");
        }
        if (!(v instanceof Long n) || n < min || n > max) {
            throw ApiProblem.invalid(at(name), "must be between " + min + " and " + max);
        }
        return n;
    }

    long integerOr(String name, long min, long max, long absent) {
        return has(name) ? integer(name, min, max) : absent;
    }

    boolean optionalBoolean(String name, boolean absent) {
        return has(name) ? typed(name, Boolean.class, "true or false") : absent;
    }

    /** A code among those {@code ofCode} knows (it answers null for others). */
    <E> E code(String name, Function<String, E> ofCode) {
        E e = ofCode.apply(typed(name, String.class, "a string"));
        if (e == null) throw ApiProblem.invalid(at(name), "unknown value");
        return e;
    }

    JsonArray array(String name, int min, int max) {
        JsonArray a = typed(name, JsonArray.class, "an array");
        if (a.size() < min || a.size() > max) throw ApiProblem.invalid(at(name), "must hold " + min + " to " + max);
        return a;
    }

    /** Element {@code i} of an array field, itself an object with only {@code known} fields. */
    JsonInput element(String name, JsonArray array, int i, Set<String> known) {
        if (!(array.getValue(i) instanceof JsonObject o)) {
            throw ApiProblem.invalid(at(name) + "[" + i + "]", "must be an object");
        }
        return new JsonInput(o, this, name, i, known);
    }

    private <T> T typed(String name, Class<T> type, String what) {
        Object v = json.getValue(name);
        if (v == null) throw ApiProblem.invalid(at(name), has(name) ? "must be " + what + ", not null" : "required");
        if (!type.isInstance(v)) throw ApiProblem.invalid(at(name), "must be " + what);
        return type.cast(v);
    }
}
