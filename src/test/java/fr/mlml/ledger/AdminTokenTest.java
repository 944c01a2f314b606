package fr.mlml.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first admin token opens everything: a short one stops the start with a message saying what is needed. */
class AdminTokenTest {
    @TempDir
    Path data;

    @Test
    void aShortTokenInTheEnvironmentIsRefused() {
        IOException e = assertThrows(IOException.class, () -> AdminToken.resolve("admin", data));
        assertTrue(e.getMessage().contains("LEDGER_ADMIN_TOKEN") && e.getMessage().contains("at least 32"),
                e.getMessage());
    }

    @Test
    void aShortTokenInTheFileIsRefused() throws IOException {
        Files.writeString(data.resolve(AdminToken.FILE_NAME), "x".repeat(31) + "\n");
        IOException e = assertThrows(IOException.class, () -> AdminToken.resolve(null, data));
        assertTrue(e.getMessage().contains("31 characters"), e.getMessage());
    }

    @Test
    void a32CharacterTokenIsTakenAndAGeneratedOneIsLongEnough() throws IOException {
        String given = "y".repeat(32);
        assertEquals(given, AdminToken.resolve(" " + given + " ", data).token());
        assertTrue(AdminToken.resolve(null, data).token().length() >= AdminToken.MIN_CHARS);
    }
}
