package fr.mlml.ledger.cli;

import fr.mlml.ledger.crypto.SigningTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code keygen}: a new signing key in a file only its owner can read; prints the public key to register. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Make a signing key and print its public key for the back office to register.",
                "Its private part goes to KEYFILE, readable by you only and never overwritten."})
final class KeygenCommand implements Callable<Integer> {
    @Parameters(paramLabel = "KEYFILE", description = "the new key's file; it must not exist yet")
    private String keyFile;

    @Override
    public Integer call() {
        return SigningTool.run(new String[] {"keygen", keyFile}, System.in, System.out, System.err);
    }
}
