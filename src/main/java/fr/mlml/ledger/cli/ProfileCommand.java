package fr.mlml.ledger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code profile add|list}: a server, token and key kept under a name, so that commands need only {@code --profile}. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Keep a server, a token and a key under a name.",
        subcommands = {ProfileCommand.Add.class, ProfileCommand.ListProfiles.class})
final class ProfileCommand extends GroupCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add or replace a profile (kept in a file readable by you only).")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", defaultValue = "default", arity = "0..1",
                description = "the profile's name (default: ${DEFAULT-VALUE})")
        private String name;
        @Option(names = "--server", required = true, paramLabel = "URL") private String server;
        @Option(names = "--token", required = true, paramLabel = "TOKEN") private String token;
        @Option(names = "--key-file", paramLabel = "FILE") private String keyFile;
        @Option(names = "--key-id", paramLabel = "ID") private String keyId;
        @Spec private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Profiles profiles = Profiles.standard();
            profiles.put(name, new Profiles.Profile(server, token, keyFile, keyId));
            spec.commandLine().getErr().println("profile " + name + " saved in " + profiles.file());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the profiles (never their tokens).")
    static final class ListProfiles implements Callable<Integer> {
        @Mixin private Output output;
        @Spec private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map.Entry<String, Profiles.Profile> e : Profiles.standard().all().entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", e.getKey());
                row.put("server", e.getValue().server());
                row.put("key_id", e.getValue().keyId());
                rows.add(row);
            }
            output.rows(spec.commandLine().getOut(), List.of("name", "server", "key_id"), rows);
            return 0;
        }
    }
}
