package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.crypto.LedgerKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL journal: one row per batch in {@code batches} (see {@code db/V1__batches.sql}), written on one
 * dedicated connection so batches commit in order, pipelined (the next INSERT is sent before the previous one
 * answered). A session advisory lock, taken before anything is read, makes this instance the only writer: a second
 * instance waits on the lock and takes over when the first one's connection dies.
 */
public final class PgJournal implements Journal {
    /** The advisory lock key: one writer per database. */
    static final long WRITER_LOCK = 0x6d6c6d6c_6c656467L;
    private static final String[] MIGRATIONS = {"V1__batches.sql"};
    private static final long TIMEOUT_S = 60;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final LedgerKey key;
    /** Three connections: the writer-lock holder, the writer, and one for the verifier. */
    private final Pool pool;
    private SqlConnection lock;
    private SqlConnection writer;
    private volatile AuditChain.Head head = new AuditChain.Head(0, AuditChain.GENESIS, new byte[0]);
    private volatile boolean failed;

    public PgJournal(Vertx vertx, String url, LedgerKey key) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url);
        this.key = key;
        this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(3)).connectingTo(options).using(vertx).build();
    }

    @Override
    public long recover(Recovery into) throws Exception {
        lock = await(pool.getConnection());
        // Blocks while another instance writes; returns once it has died or stopped.
        await(lock.query("SELECT pg_advisory_lock(" + WRITER_LOCK + ")").execute());
        lock.closeHandler(v -> failed = true);
        writer = await(pool.getConnection());
        writer.closeHandler(v -> failed = true);
        migrate();
        for (Row row : await(writer.query("SELECT sequence, hash, signature, body FROM batches ORDER BY sequence")
                .execute())) {
            byte[] body = row.getBuffer(3).getBytes();
            head = AuditChain.follow(head, row.getLong(0), row.getBuffer(1).getBytes(), row.getBuffer(2).getBytes(),
                    body);
            into.batch(BatchCodec.decode(body));
        }
        AuditChain.requireSigned(head, key.publicKey);
        return head.sequence();
    }

    private void migrate() throws Exception {
        boolean fresh = await(writer.query("SELECT to_regclass('schema_version') IS NULL").execute())
                .iterator().next().getBoolean(0);
        if (fresh) {
            await(writer.query("CREATE TABLE schema_version (version int PRIMARY KEY, "
                    + "applied_at timestamptz NOT NULL DEFAULT now())").execute());
        }
        int current = await(writer.query("SELECT coalesce(max(version), 0) FROM schema_version").execute())
                .iterator().next().getInteger(0);
        for (int v = current + 1; v <= MIGRATIONS.length; v++) {
            String sql = resource("/db/" + MIGRATIONS[v - 1]);
            int version = v;
            await(writer.query("BEGIN").execute()
                    .compose(x -> writer.query(sql).execute())
                    .compose(x -> writer.query("INSERT INTO schema_version (version) VALUES (" + version + ")").execute())
                    .compose(x -> writer.query("COMMIT").execute()));
        }
    }

    @Override
    public CompletableFuture<Void> append(long sequence, List<Command> commands, BatchEffects effects) {
        if (failed) return CompletableFuture.failedFuture(new IllegalStateException("the journal failed earlier"));
        byte[] body = BatchCodec.encode(commands);
        AuditChain.Head next = AuditChain.extend(head, sequence, body, key);
        head = next;
        return writer.preparedQuery("INSERT INTO batches (sequence, hash, signature, body) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(sequence, Buffer.buffer(next.hash()), Buffer.buffer(next.signature()),
                        Buffer.buffer(body)))
                .<Void>mapEmpty()
                .onFailure(e -> failed = true)
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Void> snapshot(long sequence, byte[] state) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("postgres snapshots: not yet"));
    }

    @Override
    public TransferRecord archived(long idHi, long idLo) {
        return null;
    }

    @Override
    public History history() {
        throw new UnsupportedOperationException("postgres history: not yet");
    }

    @Override
    public AuditChain.Head head() {
        return head;
    }

    @Override
    public AuditChain.Verification verify() throws Exception {
        AuditChain.Checker checker = new AuditChain.Checker(key.publicKey);
        SqlConnection reader = await(pool.getConnection());
        try {
            for (Row row : await(reader.query("SELECT sequence, hash, signature, body FROM batches ORDER BY sequence")
                    .execute())) {
                checker.check(row.getLong(0), row.getBuffer(1).getBytes(), row.getBuffer(2).getBytes(),
                        row.getBuffer(3).getBytes());
            }
        } finally {
            reader.close();
        }
        return checker.verification();
    }

    @Override
    public void close() throws Exception {
        if (writer != null) await(writer.close());
        if (lock != null) await(lock.close());
        await(pool.close());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = PgJournal.class.getResourceAsStream(path)) {
            if (in == null) throw new IOException("missing migration " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
