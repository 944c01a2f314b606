package fr.mlml.ledger.journal;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL for the tests (docs/DESIGN.md §7). In this order: {@code LEDGER_TEST_PG_URL} names a
 * server; {@code LEDGER_TEST_PG_BIN} names installed binaries (Debian's {@code /usr/lib/postgresql/15/bin}); else
 * the binaries Maven fetched ({@link MavenPostgres}, PostgreSQL 17). A server started here runs once per test run
 * on a free port and a private socket directory, with fsync on, and is stopped at exit. PostgreSQL refuses to run
 * as root, so as root it runs as {@code postgres} where that user exists, else as {@code nobody}, which every
 * system has. The fault tests restart the server they started ({@link #restart}); a given server is never restarted.
 */
public final class PgTestServer {
    private static String url;
    /** The server this run started (null with {@code LEDGER_TEST_PG_URL}): what {@link #restart} needs. */
    private static Local local;
    private static Vertx vertx;
    /** util-linux's runuser, in the system folders that a user's PATH may lack. */
    private static final String RUNUSER = Files.isExecutable(Path.of("/usr/sbin/runuser")) ? "/usr/sbin/runuser"
            : Files.isExecutable(Path.of("/sbin/runuser")) ? "/sbin/runuser" : "runuser";

    private record Local(Path bin, String user, Path pgdata, Path log, int port, Path sockets) {
        List<String> pgCtl(String... args) {
            List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", pgdata.toString()));
            command.addAll(List.of(args));
            return as(user, command.toArray(String[]::new));
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
        execute(server, "DROP DATABASE IF EXISTS " + name);
        execute(server, "CREATE DATABASE " + name);
        return server.substring(0, server.lastIndexOf('/') + 1) + name;
    }

    private static String server() throws Exception {
        if (url != null) return url;
        String given = System.getenv("LEDGER_TEST_PG_URL");
        url = given != null ? given : start();
        return url;
    }

    private static String start() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        String user = root ? (exists("postgres") ? "postgres" : "nobody") : null;
        Path bin = binaries(user);
        Path dir = Files.createTempDirectory("mlml-pg-");
        Path sockets = dir.resolve("sockets");
        Files.createDirectories(sockets);
        if (root) run(List.of("chown", "-R", user, dir.toString()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path pgdata = dir.resolve("data");
        run(as(user, bin.resolve("initdb").toString(), "-D", pgdata.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync", "-E", "UTF8", "--locale=C"));
        Local server = new Local(bin, user, pgdata, dir.resolve("server.log"), port, sockets);
        run(server.start());
        local = server;
        System.out.println("[PgTestServer] PostgreSQL from " + bin + " on 127.0.0.1:" + port
                + (user != null ? " as " + user : ""));
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

    /** Runs SQL (one or more statements) on the database of {@code databaseUrl} over one fresh connection. */
    public static void execute(String databaseUrl, String sql) throws Exception {
        SqlClient client = PgBuilder.client().with(new PoolOptions().setMaxSize(1))
                .connectingTo(PgConnectOptions.fromUri(databaseUrl)).using(vertx()).build();
        try {
            client.query(sql).execute().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static synchronized Vertx vertx() {
        if (vertx == null) vertx = Vertx.vertx();
        return vertx;
    }

    private static Path binaries(String user) throws Exception {
        String given = System.getenv("LEDGER_TEST_PG_BIN");
        if (given == null) return MavenPostgres.binaries(user);
        Path bin = Path.of(given);
        if (!Files.isExecutable(bin.resolve("postgres"))) {
            throw new IOException("LEDGER_TEST_PG_BIN=" + given + " has no executable 'postgres'");
        }
        return bin;
    }

    private static boolean exists(String user) throws Exception {
        return new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start().waitFor() == 0;
    }

    /** The command, run as {@code user} when given (the tests run as root). */
    static List<String> as(String user, String... command) {
        List<String> out = new ArrayList<>();
        if (user != null) out.addAll(List.of(RUNUSER, "-u", user, "--"));
        out.addAll(List.of(command));
        return out;
    }

    static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
