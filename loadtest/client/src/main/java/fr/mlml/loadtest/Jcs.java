package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 (JCS) canonical JSON for the values this generator sends: objects, arrays, strings, integers and
 * booleans. Floating-point numbers and null are refused rather than canonicalized, since no request body of the
 * API carries them; integers beyond ±2^53 are refused because JCS writes numbers as IEEE doubles.
 */
public final class Jcs {
    private static final long MAX_EXACT = 1L << 53;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Jcs() {
    }

    public static byte[] canonical(JsonNode value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> {
                // Members sorted by their names' UTF-16 code units, which is String.compareTo.
                List<String> names = new ArrayList<>(value.size());
                for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) names.add(it.next());
                names.sort(null);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) out.append(',');
                    string(names.get(i), out);
                    out.append(':');
                    write(value.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) out.append(',');
                    write(value.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(value.textValue(), out);
            case BOOLEAN -> out.append(value.booleanValue());
            case NUMBER -> {
                if (!value.canConvertToExactIntegral() || !value.canConvertToLong()
                        || Math.abs(value.longValue()) > MAX_EXACT) {
                    throw new IllegalArgumentException("not an integer JCS writes exactly: " + value);
                }
                out.append(value.longValue());
            }
            default -> throw new IllegalArgumentException("no JCS form here for " + value.getNodeType());
        }
    }

    /** ECMAScript JSON.stringify escaping: two-character escapes, six-character ones (lowercase hex) for other controls. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
