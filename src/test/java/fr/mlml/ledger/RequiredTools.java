package fr.mlml.ledger;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Programs the tests need that Maven cannot fetch ({@code hledger}, Chromium). Where one is missing, the test that
 * needs it is reported skipped with one loud line saying what and how to install it; under
 * {@code LEDGER_TEST_REQUIRE_TOOLS=1} (CI) it fails instead, so nothing is skipped there unseen.
 */
public final class RequiredTools {
    private RequiredTools() {
    }

    /** The program's path on {@code PATH}, or the test ends skipped (failed under LEDGER_TEST_REQUIRE_TOOLS=1). */
    public static Path require(String program, String install) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return missing(program + " is not on PATH", install);
    }

    /** The file if it is executable, else as {@link #require} for a missing program. */
    public static Path requireFile(Path file, String install) {
        return Files.isExecutable(file) ? file : missing(file + " is missing", install);
    }

    private static Path missing(String what, String install) {
        String message = what + ": install it with `" + install + "`";
        if ("1".equals(System.getenv("LEDGER_TEST_REQUIRE_TOOLS"))) fail(message + " (LEDGER_TEST_REQUIRE_TOOLS=1)");
        // The outermost frame of the project's own code is the test method JUnit called.
        String test = StackWalker.getInstance().walk(s -> s.map(f -> f.getClassName() + "." + f.getMethodName())
                .filter(n -> n.startsWith("fr.mlml.") && !n.startsWith(RequiredTools.class.getName()))
                .reduce((inner, outer) -> outer).orElse("a test"));
        System.err.println("!!!!! SKIPPED " + test + ": " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
