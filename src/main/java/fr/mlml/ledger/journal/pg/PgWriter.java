package fr.mlml.ledger.journal.pg;

import io.vertx.pgclient.PgConnectOptions;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL journal's writing connection: pgjdbc, for its binary {@code COPY} (the Vert.x client has none), on a
 * thread of its own so that its blocking calls hold neither the engine nor an event loop. Batches are written one
 * after the other in the order handed over, each in one transaction: its row of {@code batches}, then its other rows
 * ({@link CopyRows}), then the commit, which answers once the batch is durable ({@code synchronous_commit}).
 */
final class PgWriter implements AutoCloseable {
    private static final String INSERT_BATCH = "INSERT INTO batches (sequence, hash, signature, body, at_ms, "
            + "last_entry, previous, entries_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int CHUNK = 1 << 20;
    private static final long CLOSE_WAIT_S = 60;

    /**
     * What one batch writes, built on the engine's thread before anything is sent: its row of {@code batches}, its
     * changed accounts (null for none) and its other rows, copied in this order.
     */
    record Batch(long sequence, byte[] hash, byte[] signature, byte[] body, long atMs, long lastEntry,
                 byte[] entriesDigest, CopyRows accounts, List<CopyRows> rows) {
    }

    private final Connection connection;
    private final CopyManager copy;
    private final PreparedStatement insertBatch;
    private final PreparedStatement upsertAccounts;
    /** A transaction failed: the batches after it are not sent (their predecessor is missing). Writer thread only. */
    private boolean broken;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pg-journal-writer");
        t.setDaemon(true);
        return t;
    });

    private PgWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement s = connection.createStatement()) {
            s.execute(PgRows.CREATE_BATCH_ACCOUNTS);
        }
        connection.setAutoCommit(false);
        this.insertBatch = connection.prepareStatement(INSERT_BATCH);
        this.upsertAccounts = connection.prepareStatement(PgRows.UPSERT_ACCOUNTS);
    }

    /** A writer over a connection of its own to the database of the journal's {@code postgresql://} URL. */
    static PgWriter open(String url) throws SQLException {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        if (options.getHost().startsWith("/")) {
            throw new IllegalArgumentException("the PostgreSQL journal connects over TCP: " + options.getHost()
                    + " names a Unix socket directory");
        }
        Properties properties = new Properties();
        properties.setProperty("user", options.getUser());
        if (options.getPassword() != null) properties.setProperty("password", options.getPassword());
        properties.setProperty("sslmode", options.getSslMode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        properties.setProperty("ApplicationName", "mlml-ledger journal writer");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection("jdbc:postgresql://" + options.getHost() + ":"
                + options.getPort() + "/" + options.getDatabase(), properties);
        try {
            return new PgWriter(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Writes {@code batch} after those handed over before it; the future completes once it committed. */
    CompletableFuture<Void> write(Batch batch) {
        return CompletableFuture.runAsync(() -> {
            if (broken) throw new IllegalStateException("batch not written: a batch before it failed");
            try {
                transaction(batch);
            } catch (SQLException | RuntimeException e) {
                broken = true;
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // The connection is likely gone; the journal fails either way.
                }
                throw new IllegalStateException("batch not written: " + e.getMessage(), e);
            }
        }, thread);
    }

    private void transaction(Batch batch) throws SQLException {
        insertBatch.setLong(1, batch.sequence());
        insertBatch.setBytes(2, batch.hash());
        insertBatch.setBytes(3, batch.signature());
        insertBatch.setBytes(4, batch.body());
        insertBatch.setLong(5, batch.atMs());
        insertBatch.setLong(6, batch.lastEntry());
        if (batch.sequence() == 1) {
            insertBatch.setNull(7, Types.BIGINT);
        } else {
            insertBatch.setLong(7, batch.sequence() - 1);
        }
        insertBatch.setBytes(8, batch.entriesDigest());
        insertBatch.executeUpdate();
        if (batch.accounts() != null) {
            copy(batch.accounts());
            upsertAccounts.executeUpdate();
        }
        for (CopyRows rows : batch.rows()) copy(rows);
        connection.commit();
    }

    private void copy(CopyRows rows) throws SQLException {
        ByteBuffer bytes = rows.end();
        CopyIn in = copy.copyIn(rows.statement());
        try {
            for (int at = bytes.position(); at < bytes.limit(); at += CHUNK) {
                in.writeToCopy(bytes.array(), at, Math.min(CHUNK, bytes.limit() - at));
            }
            long copied = in.endCopy();
            if (copied != rows.rows()) throw new SQLException(copied + " rows copied of " + rows.rows());
        } finally {
            if (in.isActive()) in.cancelCopy();
        }
    }

    @Override
    public void close() throws Exception {
        thread.shutdown();
        thread.awaitTermination(CLOSE_WAIT_S, TimeUnit.SECONDS);
        connection.close();
    }
}
