package fr.mlml.ledger.crypto;

import fr.mlml.ledger.client.KeyFileSigner;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Makes a member's or terminal's signing key and signs request bodies with it, as a client does (DESIGN.md §4):
 * <pre>
 * java -cp target/mlml-ledger.jar fr.mlml.ledger.crypto.SigningTool keygen &lt;key file&gt;
 * java -cp target/mlml-ledger.jar fr.mlml.ledger.crypto.SigningTool sign &lt;key file&gt; &lt;operation&gt; &lt; body.json
 * </pre>
 * {@code keygen} writes the private key seed (base64url) to a new file only its owner can read and prints the public
 * key to register; {@code sign} prints the body from stdin with its {@code "signature"} set.
 */
public final class SigningTool {
    private static final String USAGE = "usage: SigningTool keygen <key file> | sign <key file> <operation> < body.json";

    private SigningTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command; returns the exit status (0 done, 1 failed, 2 misused) after one line on out or err. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("keygen")) {
                out.println(keygen(Path.of(args[1])));
            } else if (args.length == 3 && args[0].equals("sign")) {
                out.println(sign(Path.of(args[1]), args[2], in).encode());
            } else {
                err.println(USAGE);
                return 2;
            }
            return 0;
        } catch (Failure | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** The key file as the client library makes it (mode 600 from its creation), so both read the same files. */
    private static String keygen(Path file) throws IOException {
        try {
            return KeyFileSigner.create("", file).publicKey();
        } catch (FileAlreadyExistsException e) {
            throw new Failure(file + " already exists: not overwritten");
        } catch (UnsupportedOperationException e) {
            throw new Failure(file + ": this file system has no POSIX permissions to keep the key private");
        }
    }

    private static JsonObject sign(Path keyFile, String operation, InputStream in) throws IOException {
        byte[] seed = readSeed(keyFile);
        JsonObject body;
        try {
            body = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new Failure("stdin does not hold a JSON object");
        }
        body.put("signature", RequestSignatures.sign(operation, body, seed));
        return body;
    }

    private static byte[] readSeed(Path keyFile) throws IOException {
        try {
            byte[] seed = Ed25519.fromBase64url(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            if (seed.length == Ed25519PrivateKeyParameters.KEY_SIZE) return seed;
        } catch (NoSuchFileException e) {
            throw new Failure(keyFile + ": no such key file");
        } catch (CharacterCodingException | IllegalArgumentException e) {
            // Not base64url text: told below, as for a seed of the wrong length.
        }
        throw new Failure(keyFile + " does not hold an Ed25519 key seed (32 bytes, base64url)");
    }

    /** A failure told to the user as its message alone. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
