package fr.mlml.ledger.crypto;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Every way the tests change a signed request body, each named for the failure message. */
final class BodyMutations {
    private BodyMutations() {
    }

    /**
     * The body with one change at a time, at every depth: each value changed, each member or element dropped, a
     * member added to each object, an element added to each array.
     */
    static Map<String, JsonObject> structural(JsonObject body) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        collect(body, body, List.of(), "$", out);
        return out;
    }

    /** Adds the changes of node, found in root by following steps (member names and element indexes). */
    private static void collect(JsonObject root, Object node, List<Object> steps, String path,
                                Map<String, JsonObject> out) {
        if (node instanceof JsonObject object) {
            out.put(path + " + member", edited(root, steps, o -> ((JsonObject) o).put("extra", 1)));
            for (String name : object.fieldNames()) {
                Object value = object.getValue(name);
                String at = path + "." + name;
                out.put(at + " dropped", edited(root, steps, o -> ((JsonObject) o).remove(name)));
                out.put(at + " changed", edited(root, steps, o -> ((JsonObject) o).put(name, changed(value))));
                collect(root, value, append(steps, name), at, out);
            }
        } else if (node instanceof JsonArray array) {
            out.put(path + " + element", edited(root, steps, a -> ((JsonArray) a).add("extra")));
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                Object value = array.getValue(i);
                String at = path + "[" + i + "]";
                out.put(at + " dropped", edited(root, steps, a -> ((JsonArray) a).remove(index)));
                out.put(at + " changed", edited(root, steps, a -> ((JsonArray) a).set(index, changed(value))));
                collect(root, value, append(steps, i), at, out);
            }
        }
    }

    private static List<Object> append(List<Object> steps, Object step) {
        List<Object> longer = new ArrayList<>(steps);
        longer.add(step);
        return longer;
    }

    /** A deep copy of root with the container that steps lead to edited. */
    private static JsonObject edited(JsonObject root, List<Object> steps, Consumer<Object> edit) {
        JsonObject copy = root.copy();
        Object node = copy;
        for (Object step : steps) {
            node = step instanceof String name ? ((JsonObject) node).getValue(name)
                    : ((JsonArray) node).getValue((Integer) step);
        }
        edit.accept(node);
        return copy;
    }

    private static Object changed(Object value) {
        if (value instanceof String s) return s.isEmpty() ? "x" : s.substring(0, s.length() - 1);
        if (value instanceof Integer i) return i + 1;
        if (value instanceof Long l) return l + 1;
        if (value instanceof Boolean b) return !b;
        if (value == null) return 0;
        return null; // an object or an array
    }

    /**
     * Every body that is one byte away from the canonical text of body (at each position: a low bit flipped, the
     * case bit flipped, or the byte replaced by a digit, a quote, a space, a brace, a backslash), that still parses
     * as a JSON object and whose canonical form differs (or that has none).
     */
    static Map<String, JsonObject> singleBytes(JsonObject body) {
        byte[] canonical = Jcs.canonicalize(body);
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (int i = 0; i < canonical.length; i++) {
            byte b = canonical[i];
            for (int replacement : new int[]{b ^ 0x01, b ^ 0x20, '0', '"', ' ', '}', '\\'}) {
                if (replacement == b) continue;
                byte[] text = canonical.clone();
                text[i] = (byte) replacement;
                JsonObject parsed;
                try {
                    parsed = new JsonObject(new String(text, StandardCharsets.UTF_8));
                } catch (DecodeException notJson) {
                    continue;
                }
                if (!Arrays.equals(canonical, canonicalOrNull(parsed))) {
                    out.put(String.format("byte %d: %02x -> %02x", i, b & 0xff, replacement & 0xff), parsed);
                }
            }
        }
        return out;
    }

    private static byte[] canonicalOrNull(JsonObject body) {
        try {
            return Jcs.canonicalize(body);
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }
}
