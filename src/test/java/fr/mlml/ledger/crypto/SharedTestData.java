package fr.mlml.ledger.crypto;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** The vectors in {@code testdata/} beside DESIGN.md, read from the workspace at test time. */
public final class SharedTestData {
    /** From the repository's root (Maven's working directory), in the main checkout and in worktrees alike. */
    static final Path DIR = Path.of("..", "shared", "testdata");

    private SharedTestData() {
    }

    /** The file as JSON; fails the test (never skips it) when the file is missing. */
    public static JsonObject load(String name) throws IOException {
        Path file = DIR.resolve(name);
        if (!Files.isRegularFile(file)) {
            fail(file.toAbsolutePath().normalize() + " is missing: these tests need the workspace's shared/testdata"
                    + " beside the repository");
        }
        return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    }
}
