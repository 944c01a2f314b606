package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.KeyFileSigner;
import fr.mlml.ledger.client.LedgerClient;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The options every command that talks to the ledger takes: a profile, or its parts given one by one (which win over
 * the profile's). The token may also come from {@code LEDGER_TOKEN}, so that it stays out of the shell's history.
 */
final class Connection {
    @Option(names = "--profile", defaultValue = "default", paramLabel = "NAME",
            description = "the profile to use (default: ${DEFAULT-VALUE}); see `profile add`")
    String profile;

    @Option(names = "--server", paramLabel = "URL", description = "the ledger's address, e.g. https://ledger.example")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "the token (or LEDGER_TOKEN)")
    String token;

    @Option(names = "--key-file", paramLabel = "FILE", description = "the signing key made by keygen")
    String keyFile;

    @Option(names = "--key-id", paramLabel = "ID", description = "the signing key's id, as registered")
    String keyId;

    /** A client for the profile; with its signing key when {@code signs}. */
    LedgerClient client(boolean signs) throws IOException {
        Profiles.Profile p = Profiles.standard().all().get(profile);
        String url = server != null ? server : p == null ? null : p.server();
        String secret = token != null ? token : System.getenv("LEDGER_TOKEN") != null ? System.getenv("LEDGER_TOKEN")
                : p == null ? null : p.token();
        if (url == null || secret == null) {
            throw new IllegalArgumentException("no server or token: give --server and --token (or LEDGER_TOKEN), or "
                    + "make the profile `" + profile + "` with `mlml-ledger profile add`");
        }
        if (!signs) return new LedgerClient(URI.create(url), secret, null);
        String file = keyFile != null ? keyFile : p == null ? null : p.keyFile();
        String id = keyId != null ? keyId : p == null ? null : p.keyId();
        if (file == null || id == null) {
            throw new IllegalArgumentException("moving money needs a signing key: give --key-file and --key-id, or "
                    + "add them to the profile `" + profile + "`");
        }
        return new LedgerClient(URI.create(url), secret, KeyFileSigner.read(id, Path.of(file)));
    }
}
