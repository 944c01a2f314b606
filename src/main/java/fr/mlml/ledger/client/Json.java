package fr.mlml.ledger.client;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the ledger's API speaks, with nothing but the JDK: objects as {@code Map<String, Object>} (in order),
 * arrays as {@code List<Object>}, strings, integers as {@code Long} (money is whole minor units), other numbers as
 * {@code BigDecimal}, booleans and null. {@link #canonical} is RFC 8785 (JCS) for these values: what a request
 * signature covers.
 */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Parses one JSON value; {@link IllegalArgumentException} names where the text is not JSON. */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.space();
        Object value = p.value();
        p.space();
        if (p.at < text.length()) throw p.fail("text after the value");
        return value;
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) throw new IllegalArgumentException("not a JSON object: " + abbreviate(text));
        return (Map<String, Object>) value;
    }

    /** The value as compact JSON, members in their order. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, false);
        return out.toString();
    }

    /** RFC 8785: members sorted by their UTF-16 code units, no spaces, strings escaped as JSON.stringify does. */
    public static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, true);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out, boolean sorted) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(s, out);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            Map.Entry<String, Object>[] members = ((Map<String, Object>) map).entrySet().toArray(new Map.Entry[0]);
            if (sorted) Arrays.sort(members, Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.length; i++) {
                if (i > 0) out.append(',');
                appendString(members[i].getKey(), out);
                out.append(':');
                write(members[i].getValue(), out, sorted);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) out.append(',');
                write(list.get(i), out, sorted);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /**
     * RFC 8785 §3.2.2.2: only the escapes JSON requires, the short ones where they exist; everything else as is. Valid
     * JSON anywhere. Refuses an unpaired surrogate, which UTF-8 cannot carry.
     */
    public static void appendString(String s, StringBuilder out) {
        out.append('"');
        int plain = 0; // the first character not written yet; those from there to i need no escape
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                if (!Character.isSurrogate(c)) continue;
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException("string with an unpaired surrogate at index " + i);
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        // Most strings need no escape: appended whole, which copies arrays; append(s, from, to) goes a char at a time.
        if (plain == 0) {
            out.append(s);
        } else {
            out.append(s, plain, s.length());
        }
        out.append('"');
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static final class Parser {
        private final String text;
        private int at;
        private int depth;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            if (at >= text.length()) throw fail("a value was due");
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            nest();
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (peek('}')) return close(map);
            while (true) {
                space();
                if (!peek('"')) throw fail("a member's name was due");
                String name = string();
                space();
                expect(':');
                space();
                if (map.containsKey(name)) throw fail("member \"" + name + "\" twice");
                map.put(name, value());
                space();
                if (peek('}')) return close(map);
                expect(',');
            }
        }

        private List<Object> array() {
            nest();
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (peek(']')) return close(list);
            while (true) {
                space();
                list.add(value());
                space();
                if (peek(']')) return close(list);
                expect(',');
            }
        }

        private void nest() {
            if (++depth > 64) throw fail("nested deeper than 64");
        }

        private <T> T close(T value) {
            at++;
            depth--;
            return value;
        }

        private String string() {
            at++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) throw fail("a string does not end");
                char c = text.charAt(at++);
                if (c == '"') return out.toString();
                if (c < 0x20) throw fail("a control character inside a string");
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) throw fail("a string does not end");
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) throw fail("a \\u escape is cut short");
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException x) {
                            throw fail("a \\u escape is not hexadecimal");
                        }
                        at += 4;
                    }
                    default -> throw fail("unknown escape \\" + e);
                }
            }
        }

        private Object number() {
            int start = at;
            if (peek('-')) at++;
            while (at < text.length() && "0123456789.eE+-".indexOf(text.charAt(at)) >= 0) at++;
            String n = text.substring(start, at);
            if (n.isEmpty() || n.equals("-")) throw fail("a value was due");
            try {
                BigDecimal d = new BigDecimal(n);
                boolean integral = n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0;
                return integral ? (Object) d.longValueExact() : d;
            } catch (NumberFormatException | ArithmeticException x) {
                throw fail("not a number a long or a decimal holds: " + n);
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) throw fail("unknown word");
            at += word.length();
            return value;
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) throw fail("'" + c + "' was due");
            at++;
        }

        void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) at++;
        }

        IllegalArgumentException fail(String why) {
            return new IllegalArgumentException("not JSON at character " + at + ": " + why);
        }
    }
}
