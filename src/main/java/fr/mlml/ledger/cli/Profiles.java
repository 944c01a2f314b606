package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the command line keeps its profiles: a server, a token and a signing key file under a name, in
 * {@code ~/.config/mlml-ledger/profiles.json} ({@code MLML_LEDGER_PROFILES}, or the {@code mlml.ledger.profiles}
 * system property, names another), readable by its owner
 * only since it holds tokens. Written whole into a new file (mode 600 from its creation) moved over the old one.
 */
final class Profiles {
    record Profile(String server, String token, String keyFile, String keyId) {
    }

    private final Path file;

    Profiles(Path file) {
        this.file = file;
    }

    static Profiles standard() {
        String named = System.getProperty("mlml.ledger.profiles", System.getenv("MLML_LEDGER_PROFILES"));
        return new Profiles(named != null ? Path.of(named)
                : Path.of(System.getProperty("user.home"), ".config", "mlml-ledger", "profiles.json"));
    }

    Path file() {
        return file;
    }

    @SuppressWarnings("unchecked")
    Map<String, Profile> all() throws IOException {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        if (!Files.exists(file)) return profiles;
        Map<String, Object> json = Json.object(Files.readString(file, StandardCharsets.UTF_8));
        for (Map.Entry<String, Object> e : json.entrySet()) {
            Map<String, Object> p = (Map<String, Object>) e.getValue();
            profiles.put(e.getKey(), new Profile((String) p.get("server"), (String) p.get("token"),
                    (String) p.get("key_file"), (String) p.get("key_id")));
        }
        return profiles;
    }

    void put(String name, Profile profile) throws IOException {
        Map<String, Profile> profiles = all();
        profiles.put(name, profile);
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, Profile> e : profiles.entrySet()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("server", e.getValue().server());
            p.put("token", e.getValue().token());
            if (e.getValue().keyFile() != null) p.put("key_file", e.getValue().keyFile());
            if (e.getValue().keyId() != null) p.put("key_id", e.getValue().keyId());
            json.put(e.getKey(), p);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path fresh = dir.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(fresh, Json.write(json) + "\n", StandardCharsets.UTF_8);
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
