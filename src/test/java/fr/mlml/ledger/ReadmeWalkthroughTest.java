package fr.mlml.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's walk-through with the command line, run as a newcomer would run it (bash, curl, sed), against the
 * service in a child process: only its address, the admin token and the jar (here: the built classes) are put in.
 */
class ReadmeWalkthroughTest {
    private static final String HEADING = "### Five minutes with the command line";

    @TempDir
    Path dir;

    @Test
    void theWalkthroughRunsAsWrittenAndEndsWithTheChainChecked() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```sh\n", readme.indexOf(HEADING)) + "```sh\n".length();
        String block = readme.substring(start, readme.indexOf("```\n", start));
        try (ChildService service = new ChildService(dir.resolve("service"), Main.class, List.of("-Xmx512m"),
                Map.of())) {
            service.awaitReady();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String script = block.replace("http://localhost:8080", "http://127.0.0.1:" + service.port)
                    .replace("$(cat data/admin-token)", ChildService.ADMIN)
                    .replace("java -jar target/mlml-ledger.jar", java + " -cp '" + System.getProperty(
                            "java.class.path") + "' " + Main.class.getName());
            Path work = Files.createDirectories(dir.resolve("work"));
            Files.writeString(work.resolve("walkthrough.sh"), "set -euo pipefail\n" + script);
            Path output = work.resolve("output.txt");
            ProcessBuilder pb = new ProcessBuilder("bash", "walkthrough.sh").directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().put("MLML_LEDGER_PROFILES", work.resolve("profiles.json").toString());
            Process bash = pb.start();
            assertTrue(bash.waitFor(5, TimeUnit.MINUTES), "the walk-through did not end");
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, bash.exitValue(), out);
            assertTrue(out.contains("paying 3,20 MLC to Boulangerie Dupont (2 croissants)"), out);
            assertTrue(out.matches("(?s).*balance +34,30 MLC.*"), out);
            assertTrue(out.matches("(?s).*\nok +true\n.*"), out);
            assertTrue(Files.readString(work.resolve("releve.csv")).contains("mlc:boulangerie-dupont"));
        }
    }
}
