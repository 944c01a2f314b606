package fr.mlml.ledger.crypto;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JcsTest {

    private static String jcs(Object json) {
        return new String(Jcs.canonicalize(json), StandardCharsets.UTF_8);
    }

    private static double fromBits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    /** RFC 8785 §3.2.2 and §3.2.4: the structured example, parsed by Vert.x as a request body would be. */
    @Test
    void structuredExampleOfTheRfc() {
        JsonObject input = new JsonObject("""
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""");
        byte[] expected = HexFormat.of().parseHex((""
                + "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72"
                + "75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a"
                + "5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31"
                + "65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37"
                + "5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30"
                + "30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d").replace(" ", ""));
        assertArrayEquals(expected, Jcs.canonicalize(input));
        assertEquals("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", jcs(input));
    }

    /** RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names, not by code points. */
    @Test
    void sortingExampleOfTheRfc() {
        JsonObject input = new JsonObject("""
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""");
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                jcs(input));
    }

    /** RFC 8785 Appendix B: every finite value of its table. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2",
    })
    void numbersOfAppendixB(String ieee754, String expected) {
        assertEquals(expected, jcs(fromBits(ieee754)));
    }

    /** Appendix B's NaN and Infinity, which JSON cannot hold. */
    @ParameterizedTest
    @ValueSource(strings = {"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
    void nonFiniteNumbersAreRefused(String ieee754) {
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(fromBits(ieee754)));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(new JsonArray().add(fromBits(ieee754))));
    }

    /**
     * Where JDK 17's Double.toString is not the shortest (it prints 5.6843418860808015E-14, 8.7407107064938117E18...),
     * and the powers of two whose nearest shortest decimal reads back as the double below. Expected: what ECMAScript's
     * String(x) prints.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "3d30000000000000, 5.684341886080802e-14",
            "3e70000000000000, 5.960464477539063e-8",
            "3e00000000000000, 4.656612873077393e-10",
            "4580000000000000, 6.189700196426902e+26",
            "4360000000000000, 36028797018963970",
            "43de534f84f2411b, 8740710706493812000",
            "c3a3abffb25b30f7, -708753824618675100",
    })
    void shortestDigitsWhereTheJdkIsLonger(String ieee754, String expected) {
        assertEquals(expected, jcs(fromBits(ieee754)));
    }

    /** ECMAScript's switches between plain and exponent notation: at 10^21 and below 10^-6. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1e21, 1e+21",
            "1e20, 100000000000000000000",
            "1.5e21, 1.5e+21",
            "123456789012345680000, 123456789012345680000",
            "1e-7, 1e-7",
            "1.25e-7, 1.25e-7",
            "0.000001, 0.000001",
            "0.0000012, 0.0000012",
            "0.1, 0.1",
            "-0.5, -0.5",
            "100, 100",
            "1.5, 1.5",
            "123.456, 123.456",
            "4.35, 4.35",
            "1e300, 1e+300",
            "-1.2e-300, -1.2e-300",
    })
    void notationOfDoubles(double value, String expected) {
        assertEquals(expected, jcs(value));
    }

    @Test
    void otherFloatingTypesAreTheirDoubleValue() {
        assertEquals("4.5", jcs(new BigDecimal("4.50")));
        assertEquals("100", jcs(new BigDecimal("1E+2")));
        assertEquals("1e+30", jcs(new BigDecimal("1000000000000000000000000000000.0")));
        assertEquals("0.5", jcs(0.5f));
        assertThrows(IllegalArgumentException.class, () -> jcs(new BigDecimal("1e400")));
    }

    /** Integer types keep every digit, beyond 2^53 too (amounts are longs). */
    @Test
    void integersKeepTheirExactDigits() {
        assertEquals("9223372036854775807", jcs(Long.MAX_VALUE));
        assertEquals("-9223372036854775808", jcs(Long.MIN_VALUE));
        assertEquals("9007199254740993", jcs((1L << 53) + 1));
        assertEquals("-2147483648", jcs(Integer.MIN_VALUE));
        assertEquals("7", jcs((short) 7));
        assertEquals("-7", jcs((byte) -7));
        assertEquals("123456789012345678901234567890", jcs(new BigInteger("123456789012345678901234567890")));
        assertEquals("{\"amount\":12345678901234567}", jcs(new JsonObject("{\"amount\":12345678901234567}")));
    }

    /** RFC 8785 §3.2.2.2: short escapes where JSON has them, \\u00xx in lowercase for other controls, nothing else. */
    @Test
    void stringsEscapeOnlyWhatJsonRequires() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) controls.append(c);
        assertEquals("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
                + "\\u001e\\u001f\"", jcs(controls.toString()));
        assertEquals("\"quote \\\" backslash \\\\ slash / del \u007f sep \u2028 <script>\"",
                jcs("quote \" backslash \\ slash / del \u007f sep \u2028 <script>"));
    }

    @Test
    void nonAsciiIsWrittenAsUtf8() {
        assertArrayEquals(new byte[]{'"', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, (byte) 0xac,
                (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, '"'}, Jcs.canonicalize("é€\ud83d\ude00"));
    }

    /** UTF-8 cannot carry a lone surrogate: "\ud800" and "?" must not share a canonical form. */
    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\ud800b", "\udc00", "\ude00\ud83d", "end\ud83d"})
    void unpairedSurrogatesAreRefused(String s) {
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(s));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(new JsonObject().put(s, 1)));
    }

    @Test
    void literalsAndEmptyContainers() {
        assertEquals("null", jcs(null));
        assertEquals("true", jcs(true));
        assertEquals("false", jcs(false));
        assertEquals("{}", jcs(new JsonObject()));
        assertEquals("[]", jcs(new JsonArray()));
        assertEquals("{\"a\":[{},[],null,{\"b\":null}]}", jcs(new JsonObject(" { \"a\" : [ { } , [ ] , null , "
                + "{ \"b\" : null } ] } ")));
    }

    /** Vert.x keeps what is put as is; the canonical form is that of the JSON Vert.x encodes it as. */
    @Test
    void valuesPutInVertxJsonAreCanonicalizedAsVertxEncodesThem() {
        JsonObject body = new JsonObject()
                .put("z", Map.of("b", 1, "a", List.of(true, Map.of())))
                .put("y", new JsonArray(List.of(Map.of("k", "v"))))
                .put("x", new byte[]{1, 2, 3})
                .put("w", Instant.EPOCH);
        assertEquals("{\"w\":\"1970-01-01T00:00:00Z\",\"x\":\"AQID\",\"y\":[{\"k\":\"v\"}],"
                + "\"z\":{\"a\":[true,{}],\"b\":1}}", jcs(body));
        assertEquals(jcs(new JsonObject(body.encode())), jcs(body));
    }

    @Test
    void valuesJsonCannotHoldAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(new JsonObject().put("o", new Object())));
        assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(new JsonArray().add(new AtomicLong(1))));
    }
}
