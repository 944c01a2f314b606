package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code audit verify}: recomputes the whole chain of an audit export ({@code GET /v1/audit/export}) from the export
 * alone and checks every batch's signature with the ledger's public key the auditor got from the association, not
 * from the server. Exit 0 when it checks, 1 when it does not (naming the first bad batch), 2 on a usage error.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check an audit export offline: every batch's hash and signature, in order, up to its head.",
                "Get the export with: curl -H 'Authorization: Bearer <auditor token>' "
                        + "<server>/v1/audit/export > export.ndjson"})
final class AuditVerifyCommand implements Callable<Integer> {
    @Option(names = "--public-key", required = true, paramLabel = "KEY",
            description = "the ledger's public key (base64url), as the association published it")
    private String publicKey;

    @picocli.CommandLine.Mixin
    private Output output;

    @Parameters(arity = "0..1", paramLabel = "EXPORT", defaultValue = "-",
            description = "the export file; - or nothing reads standard input")
    private String file;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        AuditVerifier verifier;
        try {
            verifier = new AuditVerifier(publicKey);
        } catch (IllegalArgumentException e) {
            err.println("audit verify: " + e.getMessage());
            return 2;
        }
        AuditVerifier.Result result;
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            result = verifier.verify(in);
        } catch (NoSuchFileException e) {
            err.println("audit verify: no such file: " + file);
            return 2;
        } catch (IOException e) {
            err.println("audit verify: cannot read the export: " + e.getMessage());
            return 1;
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("ok", result.ok());
        shown.put("batches_checked", result.batchesChecked());
        shown.put("head_sequence", result.headSequence());
        if (result.headHash() != null) shown.put("last_good_hash", result.headHash());
        if (result.firstBadSequence() != null) {
            shown.put("first_bad_sequence", result.firstBadSequence());
            shown.put("problem", result.problem());
        }
        output.object(spec.commandLine().getOut(), shown);
        if (!result.ok()) err.println("audit verify: NOT OK from batch " + result.firstBadSequence() + ": "
                + result.problem());
        return result.ok() ? 0 : 1;
    }
}
