package fr.mlml.ledger.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The ledger's own Ed25519 key, which signs the head of the audit chain. Created at first start in
 * {@code <data dir>/ledger-key} (the 32-byte seed, base64url, file mode 600) and read back afterwards.
 */
public final class LedgerKey {
    public static final String FILE_NAME = "ledger-key";

    public final Ed25519PrivateKeyParameters privateKey;
    public final Ed25519PublicKeyParameters publicKey;

    private LedgerKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    public static LedgerKey loadOrCreate(Path dataDir) throws IOException {
        return loadOrCreate(dataDir, FILE_NAME);
    }

    /** A key of the same kind kept in another file of the data directory (the webhook key, DESIGN.md §9). */
    public static LedgerKey loadOrCreate(Path dataDir, String fileName) throws IOException {
        Path file = dataDir.resolve(fileName);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Ed25519.base64url(fresh.getEncoded()) + "\n");
                return new LedgerKey(fresh);
            } catch (FileAlreadyExistsException raced) {
                // Another start created it first: use that one.
            }
        }
        byte[] seed = Ed25519.fromBase64url(Files.readString(file, StandardCharsets.US_ASCII).trim());
        if (seed.length != 32) throw new IOException(file + " does not hold a 32-byte Ed25519 seed");
        return new LedgerKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    public String publicKeyBase64url() {
        return Ed25519.base64url(publicKey.getEncoded());
    }
}
