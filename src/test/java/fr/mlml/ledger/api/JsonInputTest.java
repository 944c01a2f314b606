package fr.mlml.ledger.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonInputTest {
    @Test
    void aUuidIsReadOnlyInItsThirtySixCharacterForm() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            UUID u = new UUID(random.nextLong(), random.nextLong());
            assertEquals(u, JsonInput.uuidOrNull(u.toString()));
            assertEquals(u, JsonInput.uuidOrNull(u.toString().toUpperCase()));
        }
        assertEquals(new UUID(0, 0), JsonInput.uuidOrNull("00000000-0000-0000-0000-000000000000"));
        assertEquals(new UUID(-1, -1), JsonInput.uuidOrNull("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        for (String bad : new String[]{null, "", "1-2-3-4-5", "0000000-00000-0000-0000-000000000000",
                "00000000000000000000000000000000000", "00000000-0000-0000-0000-00000000000g",
                "00000000-0000-0000-0000-0000000000000", "00000000-0000-0000-0000-00000000000",
                "00000000+0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000\uff10",
                " 0000000-0000-0000-0000-000000000000"}) {
            assertNull(JsonInput.uuidOrNull(bad), () -> "refused: " + bad);
        }
    }

    /** Exactly the texts that come back the same from UTF-8: every surrogate in a high-then-low pair. */
    @Test
    void aTextIsWellFormedWhenItRoundTripsThroughUtf8() {
        for (char high = '\uD800'; high <= '\uDBFF'; high += 0x3F) {
            for (char low = '\uDC00'; low <= '\uDFFF'; low += 0x3F) {
                for (String s : new String[] {"" + high, "" + low, "a" + high + low + "b", "" + low + high,
                        "x" + high + "y", high + "" + low + low}) {
                    boolean roundTrips = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                            .equals(s);
                    assertEquals(roundTrips, JsonInput.wellFormed(s), () -> s.chars().mapToObj(Integer::toHexString)
                            .toList().toString());
                }
            }
        }
        assertTrue(JsonInput.wellFormed("pain \uD83E\uDD56, caf\u00e9"));
        ApiProblem p = assertThrows(ApiProblem.class, () -> JsonInput.of(new JsonObject().put("memo", "x\uD800"),
                "memo").text("memo", 256));
        assertEquals("memo", p.field);
    }

    @Test
    void aRefusalNamesTheFieldByItsPathInTheBody() {
        JsonObject body = new JsonObject().put("transfers", new JsonArray()
                .add(new JsonObject().put("amount", 1L)).add(new JsonObject().put("amount", "1")));
        JsonInput in = JsonInput.of(body, "transfers");
        JsonArray array = in.array("transfers", 1, 10);
        assertEquals(1, in.element("transfers", array, 0, Set.of("amount")).integer("amount", 1, 10));
        ApiProblem p = assertThrows(ApiProblem.class,
                () -> in.element("transfers", array, 1, Set.of("amount")).integer("amount", 1, 10));
        assertEquals("transfers[1].amount", p.field);
        ApiProblem unknown = assertThrows(ApiProblem.class, () -> in.element("transfers", array, 0, Set.of("id")));
        assertEquals("transfers[0].amount", unknown.field);
    }
}
