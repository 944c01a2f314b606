package fr.mlml.ledger.journal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL for the tests (DESIGN.md §7): {@code LEDGER_TEST_PG_URL} when set, otherwise a server
 * started once per test run from the installed binaries, as the {@code postgres} user when the tests run as root
 * (PostgreSQL refuses root), on a free port and a private socket directory, with fsync on. Stopped at exit.
 * The fault tests restart the server they started ({@link #restart}); a given server is never restarted.
 */
public final class PgTestServer {
    private static String url;
    /** The server this run started (null with {@code LEDGER_TEST_PG_URL}): what {@link #restart} needs. */
    private static Local local;

    private record Local(Path bin, boolean root, Path pgdata, Path log, int port, Path sockets) {
        List<String> pgCtl(String... args) {
            List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", pgdata.toString()));
            command.addAll(List.of(args));
            return asPostgres(root, command.toArray(String[]::new));
        }

        List<String> start() {
            return pgCtl("-w", "-t", "60", "-l", log.toString(), "-o", "-p " + port + " -k " + sockets
                    + " -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200",
                    "start");
        }
    }

    private PgTestServer() {
    }

    /** A {@code postgresql://} URL of a fresh database named {@code name} on the shared test server. */
    public static synchronized String database(String name) throws Exception {
        String server = server();
        psql(server, "DROP DATABASE IF EXISTS " + name);
        psql(server, "CREATE DATABASE " + name);
        return server.substring(0, server.lastIndexOf('/') + 1) + name;
    }

    private static String server() throws Exception {
        if (url != null) return url;
        String given = System.getenv("LEDGER_TEST_PG_URL");
        url = given != null ? given : start();
        return url;
    }

    private static String start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("mlml-pg-");
        Path sockets = dir.resolve("sockets");
        Files.createDirectories(sockets);
        if (root) run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path pgdata = dir.resolve("data");
        run(asPostgres(root, bin.resolve("initdb").toString(), "-D", pgdata.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync", "-E", "UTF8"));
        Local server = new Local(bin, root, pgdata, dir.resolve("server.log"), port, sockets);
        run(server.start());
        local = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(server.pgCtl("-m", "immediate", "stop"));
                run(List.of("rm", "-rf", dir.toString()));
            } catch (Exception ignored) {
                // The JVM is exiting; a leftover temporary directory is all that can remain.
            }
        }));
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    /** Whether {@link #restart} can be used: the server was started by this run, not given. */
    public static synchronized boolean restartable() throws Exception {
        server();
        return local != null;
    }

    /**
     * Stops the server as a crash would ({@code -m immediate}: every connection dropped, no checkpoint), leaves it
     * down for {@code downMs}, and starts it again on the same port and data; its databases are kept.
     */
    public static synchronized void restart(long downMs) throws Exception {
        if (!restartable()) throw new IllegalStateException("LEDGER_TEST_PG_URL names a server the tests do not own");
        run(local.pgCtl("-m", "immediate", "stop"));
        Thread.sleep(downMs);
        run(local.start());
    }

    /** Runs one SQL statement on the database of {@code databaseUrl} (a URL from {@link #database}). */
    public static void execute(String databaseUrl, String sql) throws Exception {
        psql(databaseUrl, sql);
    }

    private static Path binaries() throws IOException {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new IOException("no PostgreSQL server under /usr/lib/postgresql (.ci/run installs it)"));
        }
    }

    private static List<String> asPostgres(boolean root, String... command) {
        List<String> out = new ArrayList<>();
        if (root) out.addAll(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(List.of(command));
        return out;
    }

    private static void psql(String serverUrl, String sql) throws Exception {
        run(List.of("psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", serverUrl, "-c", sql));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
