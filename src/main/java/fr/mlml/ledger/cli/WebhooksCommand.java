package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.WebhookVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code webhooks verify}: whether a delivery's headers sign its body (to check a receiver's logs). */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Check webhook deliveries.",
        subcommands = {WebhooksCommand.Verify.class})
final class WebhooksCommand extends GroupCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {
            "Check that a delivery comes from the ledger: exit 0 if its signature checks, 1 if not.",
            "Give the endpoint's --secret (whsec_…), the ledger's --public-key (whpk_…, GET /v1/webhook-keys), or both."})
    static final class Verify implements Callable<Integer> {
        @Option(names = "--secret", paramLabel = "WHSEC") private String secret;
        @Option(names = "--public-key", paramLabel = "WHPK") private String publicKey;
        @Option(names = "--id", required = true, paramLabel = "ID", description = "the webhook-id header") private String id;
        @Option(names = "--timestamp", required = true, paramLabel = "SECONDS",
                description = "the webhook-timestamp header") private String timestamp;
        @Option(names = "--signature", required = true, paramLabel = "HEADER",
                description = "the webhook-signature header") private String signature;
        @Option(names = "--at", paramLabel = "SECONDS",
                description = "check as of this time (seconds since 1970) instead of now, for an old delivery")
        private Long at;
        @Parameters(arity = "0..1", defaultValue = "-", paramLabel = "BODY", description = "the body's file; - stdin")
        private String body;
        @Spec private CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (secret == null && publicKey == null) {
                spec.commandLine().getErr().println("webhooks verify: give --secret or --public-key");
                return 2;
            }
            byte[] bytes;
            try (InputStream in = "-".equals(body) ? System.in : Files.newInputStream(Path.of(body))) {
                bytes = in.readAllBytes();
            }
            boolean valid = new WebhookVerifier(secret, publicKey, WebhookVerifier.DEFAULT_TOLERANCE).verify(id,
                    timestamp, signature, bytes, at == null ? Instant.now() : Instant.ofEpochSecond(at));
            (valid ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(valid ? "valid"
                    : "NOT valid: not signed by the ledger for this endpoint, changed, or outside its five minutes");
            return valid ? 0 : 1;
        }
    }
}
