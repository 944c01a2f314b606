package fr.mlml.ledger.crypto;

import fr.mlml.ledger.client.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) over the values Vert.x JSON holds: the one byte form of a request body
 * that a client and the ledger both sign and verify (DESIGN.md §4). Written here because the Java JCS libraries on
 * Maven Central take JSON text (parsed again by their own parser) or Jakarta JSON values, not Vert.x's.
 *
 * <p>Accepts {@link JsonObject}, {@link JsonArray}, {@link String}, {@link Boolean}, {@code null} and numbers
 * (Integer, Long, Short, Byte, BigInteger, Double, Float, BigDecimal). Members and elements are read through Vert.x,
 * which hands nested Maps and Lists as JsonObject and JsonArray, and Instants, byte arrays, Buffers and enums as the
 * strings it encodes them as. Anything else, a non-finite number or a string with an unpaired surrogate (which UTF-8
 * cannot carry, so two different strings would share one form) is refused with {@link IllegalArgumentException}.
 */
public final class Jcs {

    private Jcs() {
    }

    /** The canonical form of {@code json}, in UTF-8. */
    public static byte[] canonicalize(Object json) {
        StringBuilder out = new StringBuilder();
        write(json, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            out.append(number(n));
        } else if (value instanceof JsonObject o) {
            writeObject(o, out);
        } else if (value instanceof JsonArray a) {
            out.append('[');
            boolean first = true;
            for (Object element : a) {
                if (!first) out.append(',');
                first = false;
                write(element, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeObject(JsonObject object, StringBuilder out) {
        // The map itself rather than JsonObject's iterator, which wraps every member (a batch has thousands).
        Map.Entry<String, Object>[] members = object.getMap().entrySet().toArray(new Map.Entry[0]);
        // String.compareTo orders by UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
        Arrays.sort(members, Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : members) {
            if (!first) out.append(',');
            first = false;
            writeString(member.getKey(), out);
            out.append(':');
            Object value = member.getValue();
            // Anything but a plain JSON value is read through Vert.x, which turns it into one as its iterator would.
            write(isPlain(value) ? value : object.getValue(member.getKey()), out);
        }
        out.append('}');
    }

    private static boolean isPlain(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof JsonObject || value instanceof JsonArray;
    }

    /**
     * RFC 8785 §3.2.2.2: only the escapes JSON requires, the short ones where they exist; everything else as is. Valid
     * JSON anywhere, so answers written as text use it too. The client library's, so both sign the same bytes.
     */
    public static void writeString(String s, StringBuilder out) {
        Json.appendString(s, out);
    }

    private static String number(Number n) {
        // Integers keep their exact digits, even beyond 2^53 where ECMAScript would round them: amounts are longs.
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            return n.toString();
        }
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            return number(n.doubleValue());
        }
        throw new IllegalArgumentException("not a JSON number type: " + n.getClass().getName());
    }

    /** ECMAScript Number.prototype.toString (ECMA-262 Number::toString), as RFC 8785 §3.2.2.3 requires. */
    private static String number(double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException("JSON has no " + x);
        if (x == 0) return "0"; // -0 too
        if (x < 0) return "-" + number(-x);
        BigDecimal shortest = shortestRoundTrip(x);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // x = 0.digits × 10^n
        if (k <= n && n <= 21) return digits + "0".repeat(n - k);
        if (0 < n && n <= 21) return digits.substring(0, n) + "." + digits.substring(n);
        if (-6 < n && n <= 0) return "0." + "0".repeat(-n) + digits;
        String exponent = (n - 1 < 0 ? "e-" : "e+") + Math.abs(n - 1);
        return k == 1 ? digits + exponent : digits.charAt(0) + "." + digits.substring(1) + exponent;
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code x} (positive, finite), the closest to
     * {@code x} among those, ties to even. JDK 17's Double.toString is not always the shortest (JDK-4511638).
     */
    private static BigDecimal shortestRoundTrip(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int precision = 1; ; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == x) return nearest.stripTrailingZeros();
            // At a power of two the double below is twice as close as the one above, so the nearest decimal of this
            // length may read back as the double below while the one on the other side still reads back as x.
            BigDecimal other = exact.round(new MathContext(precision,
                    nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR));
            if (other.doubleValue() == x) return other.stripTrailingZeros();
        }
    }
}
