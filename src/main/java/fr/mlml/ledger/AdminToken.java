package fr.mlml.ledger;

import fr.mlml.ledger.api.Tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The first admin token: {@code LEDGER_ADMIN_TOKEN}, else the one in {@code <data dir>/admin-token}, else a new one
 * written there, in a file created readable by its owner only (never widened afterwards).
 */
public final class AdminToken {
    public static final String FILE_NAME = "admin-token";
    /** Shortest admin token taken: a guessable one would open every account's books and the euro reserve. */
    public static final int MIN_CHARS = 32;

    /** The token and where it came from, to tell the operator (the token itself is never logged). */
    public record Resolved(String token, String source) {
    }

    private AdminToken() {
    }

    public static Resolved resolve(String given, Path dataDir) throws IOException {
        if (given != null && !given.isBlank()) {
            return new Resolved(longEnough(given.trim(), "LEDGER_ADMIN_TOKEN"), "the LEDGER_ADMIN_TOKEN variable");
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Tokens.generate() + "\n");
        }
        String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
        // An empty file (a start stopped between creating and writing it) must not make the empty string admin.
        if (token.isEmpty()) throw new IOException(file + " holds no token: delete it to have one generated");
        return new Resolved(longEnough(token, file.toString()), file.toAbsolutePath().toString());
    }

    private static String longEnough(String token, String source) throws IOException {
        if (token.length() >= MIN_CHARS) return token;
        throw new IOException("the admin token in " + source + " has " + token.length() + " characters; at least "
                + MIN_CHARS + " are needed (for example: openssl rand -base64 32)");
    }
}
