package fr.mlml.ledger.crypto;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Properties of the canonical form over random JSON (a QuickTheories seed turned into a value, as in the core's
 * property tests): names and strings from every awkward range of UTF-16 (controls, escapes, non-ASCII, pairs that
 * sort differently by code unit and by code point), integers up to beyond 2^64, doubles from random bit patterns.
 * Fixed seed (override with {@code -DQT_SEED=...}) so that a failure reproduces.
 */
class JcsPropertiesTest {
    static final int EXAMPLES = 2_000;
    static final long SEED = Long.getLong("QT_SEED", 0x5EED_0C5L);
    private static final String[] NAMES = {"", "a", "A", "aa", "b", "1", "10", "2", "\r", "é", "\u0080", "\u20ac",
            "\ufb33", "\uffff", "\ud83d\ude00", "\ud800\udc00", "amount", "key_id", "signature"};

    private static Gen<Object> values() {
        return longs().all().map(seed -> value(new SplittableRandom(seed), 4))
                .describedAs(v -> new String(Jcs.canonicalize(v), StandardCharsets.UTF_8));
    }

    private static byte[] canonical(Object json) {
        return Jcs.canonicalize(json);
    }

    /** Canonicalizing is idempotent through a parse: the canonical text, read back, canonicalizes to itself. */
    @Test
    void theParseOfACanonicalFormHasThatSameForm() {
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).forAll(values()).checkAssert(value -> {
            byte[] once = canonical(value);
            assertArrayEquals(once, canonical(Json.decodeValue(new String(once, StandardCharsets.UTF_8))));
        });
    }

    @Test
    void theOrderOfMembersNeverChangesTheForm() {
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).forAll(values(), longs().all()).checkAssert((value, seed) ->
                assertArrayEquals(canonical(value), canonical(shuffled(value, new SplittableRandom(seed)))));
    }

    /** The canonical text holds the same JSON as its input: every name, string and number means what it did. */
    @Test
    void theCanonicalFormReadsBackAsTheSameJson() {
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).forAll(values()).checkAssert(value ->
                assertSameJson(value, Json.decodeValue(new String(canonical(value), StandardCharsets.UTF_8))));
    }

    // ---- random JSON ----

    private static Object value(SplittableRandom r, int depth) {
        switch (r.nextInt(depth > 0 ? 10 : 7)) {
            case 0:
                return r.nextInt(8) == 0 ? null : r.nextBoolean();
            case 1:
                return string(r);
            case 2:
                return r.nextInt(-1000, 1000);
            case 3:
                return r.nextBoolean() ? r.nextLong() : (r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 4: {
                BigInteger big = new BigInteger(r.nextInt(65, 100), new Random(r.nextLong()));
                return r.nextBoolean() ? big : big.negate();
            }
            case 5:
                return aDouble(r);
            case 6:
                return r.nextInt(1_000_000) / Math.pow(10, r.nextInt(0, 9)); // decimals as people write them
            case 7:
            case 8: {
                JsonObject object = new JsonObject();
                for (int n = r.nextInt(0, 6); n > 0; n--) {
                    object.put(r.nextBoolean() ? NAMES[r.nextInt(NAMES.length)] : string(r), value(r, depth - 1));
                }
                return object;
            }
            default: {
                JsonArray array = new JsonArray();
                for (int n = r.nextInt(0, 5); n > 0; n--) array.add(value(r, depth - 1));
                return array;
            }
        }
    }

    private static double aDouble(SplittableRandom r) {
        double d;
        do {
            d = Double.longBitsToDouble(r.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }

    private static String string(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        for (int n = r.nextInt(0, 10); n > 0; n--) {
            switch (r.nextInt(7)) {
                case 0 -> s.append((char) r.nextInt(0, 0x20));
                case 1 -> s.append("\"\\/\u007f\u2028".charAt(r.nextInt(5)));
                case 2 -> s.append((char) r.nextInt(0x80, 0x800));
                case 3 -> s.appendCodePoint(r.nextInt(0x10000, 0x110000));
                case 4 -> {
                    char c = (char) r.nextInt(0x800, 0x10000);
                    s.append(Character.isSurrogate(c) ? '\ufffd' : c);
                }
                default -> s.append((char) r.nextInt(0x20, 0x7f));
            }
        }
        return s.toString();
    }

    /** The same JSON with the members of every object inserted in another order. */
    private static Object shuffled(Object json, SplittableRandom r) {
        if (json instanceof JsonObject object) {
            List<String> names = new ArrayList<>(object.fieldNames());
            Collections.shuffle(names, new Random(r.nextLong()));
            JsonObject copy = new JsonObject();
            for (String name : names) copy.put(name, shuffled(object.getValue(name), r));
            return copy;
        }
        if (json instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            for (Object element : array) copy.add(shuffled(element, r));
            return copy;
        }
        return json;
    }

    /** Same JSON: same names, strings and literals, and numbers of the same value (a parse may change their type). */
    private static void assertSameJson(Object expected, Object actual) {
        if (expected instanceof JsonObject object) {
            assertTrue(actual instanceof JsonObject, () -> actual + " is not an object");
            JsonObject other = (JsonObject) actual;
            assertEquals(object.fieldNames(), other.fieldNames());
            for (Map.Entry<String, Object> member : object) {
                assertSameJson(member.getValue(), other.getValue(member.getKey()));
            }
        } else if (expected instanceof JsonArray array) {
            assertTrue(actual instanceof JsonArray, () -> actual + " is not an array");
            JsonArray other = (JsonArray) actual;
            assertEquals(array.size(), other.size());
            Iterator<Object> elements = other.iterator();
            for (Object element : array) assertSameJson(element, elements.next());
        } else if (expected instanceof Double d) {
            assertTrue(actual instanceof Number, () -> actual + " is not a number");
            assertEquals(d == 0 ? 0.0 : d, ((Number) actual).doubleValue()); // the canonical form of -0 is 0
        } else if (expected instanceof Number n) {
            assertTrue(actual instanceof Number, () -> actual + " is not a number");
            assertEquals(0, new BigDecimal(n.toString()).compareTo(new BigDecimal(actual.toString())));
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            fail(actual + " where " + expected + " was");
        }
    }
}
