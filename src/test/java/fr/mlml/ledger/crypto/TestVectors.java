package fr.mlml.ledger.crypto;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.fail;

/** The signing and RFC 8032 vectors in {@code src/test/resources/vectors/} (their provenance: its README). */
public final class TestVectors {
    private TestVectors() {
    }

    /** The file as JSON; fails the test (never skips it) when the file is missing. */
    public static JsonObject load(String name) throws IOException {
        try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) fail("src/test/resources/vectors/" + name + " is missing from the test classpath");
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
