package fr.mlml.ledger.cli;

import fr.mlml.ledger.crypto.SigningTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code sign}: a request body from standard input, printed with its signature (DESIGN: request signatures). */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Sign a request body read from standard input, printing it with its signature.",
                "OPERATION is transfers, conversion, post or void; KEYFILE is the key made by keygen."})
final class SignCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEYFILE", description = "the key made by keygen")
    private String keyFile;

    @Parameters(index = "1", paramLabel = "OPERATION", description = "transfers, conversion, post or void")
    private String operation;

    @Override
    public Integer call() {
        return SigningTool.run(new String[] {"sign", keyFile, operation}, System.in, System.out, System.err);
    }
}
