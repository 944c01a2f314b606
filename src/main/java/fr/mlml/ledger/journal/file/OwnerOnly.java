package fr.mlml.ledger.journal.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The journal's files are the books (every member's payments, memos included): created readable and writable by the
 * service's user only (mode 600, whatever the umask), the mode given at creation so that no other user ever sees the
 * file open to them.
 */
final class OwnerOnly {
    private static final FileAttribute<Set<PosixFilePermission>> MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private OwnerOnly() {
    }

    /** {@link FileChannel#open}, a file it creates getting mode 600 (an existing one keeps its own). */
    static FileChannel open(Path path, OpenOption... options) throws IOException {
        return FileChannel.open(path, Set.of(options), MODE);
    }
}
