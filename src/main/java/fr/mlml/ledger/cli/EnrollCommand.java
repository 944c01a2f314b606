package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.Enrollment;
import fr.mlml.ledger.client.KeyFileSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code enroll CODE}: this computer joins a member with the code the back office gave: a new signing key made here
 * (its private part in a file readable by you only, never sent), registered by the code, and the token it gets kept
 * in a profile, so that the next commands need no token typed.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true, description = {
        "Join a member with an enrollment code from the back office: makes a key here and keeps the token.",
        "The key file defaults to <profile>.key beside the profiles file."})
final class EnrollCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CODE", description = "the enrollment code (or the enroll_url's #enroll= part)")
    private String code;
    @Option(names = "--server", required = true, paramLabel = "URL") private String server;
    @Option(names = "--profile", defaultValue = "default", paramLabel = "NAME") private String profile;
    @Option(names = "--key-file", paramLabel = "FILE") private Path keyFile;
    @Option(names = "--key-id", paramLabel = "ID", description = "default: a new one") private String keyId;
    @Option(names = "--device-name", paramLabel = "NAME", description = "shown to the back office") private String name;
    @Mixin private Output output;
    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Profiles profiles = Profiles.standard();
        Path file = keyFile != null ? keyFile : profiles.file().toAbsolutePath().resolveSibling(profile + ".key");
        String id = keyId != null ? keyId : "device-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(file.toAbsolutePath().getParent());
        KeyFileSigner key = KeyFileSigner.create(id, file);
        String bare = code.contains("#enroll=") ? code.substring(code.indexOf("#enroll=") + 8) : code;
        Map<String, Object> enrolled = Enrollment.enroll(URI.create(server), bare, key, name);
        profiles.put(profile, new Profiles.Profile(server, (String) enrolled.get("token"), file.toString(), id));
        Map<String, Object> shown = new LinkedHashMap<>(enrolled);
        shown.remove("token");
        shown.put("profile", profile);
        shown.put("key_file", file.toString());
        output.object(spec.commandLine().getOut(), shown);
        return 0;
    }
}
