package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.journal.AccountChange;
import fr.mlml.ledger.journal.AuditChain;
import fr.mlml.ledger.journal.BatchCodec;
import fr.mlml.ledger.journal.BatchEffects;
import fr.mlml.ledger.journal.ChangeLog;
import fr.mlml.ledger.journal.EntriesDigest;
import fr.mlml.ledger.journal.EventStore;
import fr.mlml.ledger.journal.History;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.WebhookStore;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Entry;
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
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL journal: one transaction per batch on one dedicated connection (so batches commit in order): the
 * batch's row in {@code batches} with its audit-chain link (see {@code db/V1__batches.sql}), its entries, the
 * accounts it changed, the ids it forgot, its events and its accounts' limit and status changes ({@link PgRows},
 * {@link PgArchive}, {@link PgEvents}, {@link PgChanges}, {@code db/V2__rows.sql}), all but the batch row by binary
 * {@code COPY} ({@link PgWriter}); a batch is durable when its COMMIT answers. A session advisory lock, taken before
 * anything is read, makes this instance the only writer: a second instance waits on the lock and takes over when
 * the first one's connection dies. Recovery, snapshots, history and look-ups go through the Vert.x pool; snapshots
 * once their batch committed, and recovery starts from the newest one.
 */
public final class PgJournal implements Journal {
    /** The advisory lock key: one writer per database. */
    static final long WRITER_LOCK = 0x6d6c6d6c_6c656467L;
    private static final String[] MIGRATIONS = {"V1__batches.sql", "V2__rows.sql", "V3__identifiers_collate_c.sql",
            "V4__entries_digest.sql", "V5__batch_body_lz4.sql", "V6__account_numbers.sql", "V7__events.sql",
            "V8__account_changes.sql"};
    /** The schema this build migrates a database to. */
    static final int SCHEMA_VERSION = MIGRATIONS.length;
    private static final long TIMEOUT_S = 60;
    /** How often a standby asks for the writer lock: its take-over comes at most this long after the writer died. */
    private static final long LOCK_POLL_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(PgJournal.class);
    /** Batches read at a time by recovery and verification: bounds memory (a batch is at most a few MB). */
    private static final int BATCHES_PER_READ = 32;
    /** Snapshots kept: the newest, and the one before in case the newest cannot be read. */
    private static final int SNAPSHOTS_KEPT = 2;
    private static final String BATCHES_AFTER = "SELECT sequence, hash, signature, body, entries_digest, last_entry "
            + "FROM batches WHERE sequence > $1 ORDER BY sequence LIMIT " + BATCHES_PER_READ;

    private final LedgerKey key;
    /**
     * The writer-lock holder and the writer, held for the journal's life; the others for snapshots, history,
     * archive look-ups and verification.
     */
    private final Pool pool;
    private final PgArchive archive;
    private final PgHistory history;
    private final PgAccountNumbers accountNumbers = new PgAccountNumbers();
    private final PgEvents events;
    private final PgChanges changes;
    private final PgWebhookStore webhooks;
    private final String url;
    private SqlConnection lock;
    private PgWriter writer;
    private volatile AuditChain.Head head = new AuditChain.Head(0, AuditChain.GENESIS, new byte[0]);
    /** The number of the ledger's last entry handed over so far (engine thread only). */
    private long lastEntry;
    /** The newest batch's durability: a snapshot waits for it, so it is written after its own batch committed. */
    private volatile CompletableFuture<Void> lastAppend = CompletableFuture.completedFuture(null);
    private volatile boolean failed;
    /** Batch bytes handed to {@link #append} (engine thread), and of those committed (any thread reads). */
    private long bytesHandedOver;
    private volatile long bytesWritten;

    public PgJournal(Vertx vertx, String url, LedgerKey key) {
        // Statements are prepared once per connection: the batch statements run thousands of times.
        PgConnectOptions options = PgConnectOptions.fromUri(url).setCachePreparedStatements(true)
                .setPreparedStatementCacheSqlLimit(4096);
        this.key = key;
        this.url = url;
        this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(6)).connectingTo(options).using(vertx).build();
        this.archive = new PgArchive(pool);
        this.history = new PgHistory(pool);
        this.events = new PgEvents(pool);
        this.changes = new PgChanges(pool);
        this.webhooks = new PgWebhookStore(pool);
    }

    @Override
    public long recover(Recovery into) throws Exception {
        lock = await(pool.getConnection());
        waitForWriterLock();
        lock.closeHandler(v -> failed = true);
        SqlConnection reader = await(pool.getConnection());
        try {
            recover(reader, into);
        } finally {
            await(reader.close());
        }
        writer = PgWriter.open(url);
        return head.sequence();
    }

    /** Migrates the schema, then reads the newest snapshot and every batch after it into {@code into}. */
    private void recover(SqlConnection reader, Recovery into) throws Exception {
        migrate(reader);
        RowSet<Row> snapshot = await(reader.query("SELECT s.sequence, s.state, b.hash, b.signature FROM snapshots s "
                + "JOIN batches b USING (sequence) ORDER BY s.sequence DESC LIMIT 1").execute());
        long after = 0;
        if (snapshot.size() > 0) {
            Row row = snapshot.iterator().next();
            after = row.getLong(0);
            head = new AuditChain.Head(after, row.getBuffer(2).getBytes(), row.getBuffer(3).getBytes());
        }
        // Before any replay: the ledger looks ids up in the archive as it replays.
        archive.load(reader, after);
        accountNumbers.load(reader);
        events.load(reader);
        if (snapshot.size() > 0) into.snapshot(after, snapshot.iterator().next().getBuffer(1).getBytes());
        forEachBatch(reader, after, (sequence, hash, signature, body, entriesDigest, lastEntry) -> {
            head = AuditChain.follow(head, sequence, hash, signature, AuditChain.canonical(body, entriesDigest));
            into.batch(BatchCodec.decode(body));
            archive.replayed(sequence);
        });
        archive.replayed(Long.MAX_VALUE);
        AuditChain.requireSigned(head, key.publicKey);
        RowSet<Row> last = await(reader.query("SELECT last_entry FROM batches ORDER BY sequence DESC LIMIT 1")
                .execute());
        Long entry = last.size() == 0 ? null : last.iterator().next().getLong(0);
        lastEntry = entry == null ? 0 : entry;
    }

    private interface BatchVisitor {
        void batch(long sequence, byte[] hash, byte[] signature, byte[] body, byte[] entriesDigest, long lastEntry)
                throws Exception;
    }

    /** Every batch after {@code after}, in order, read a few at a time. */
    private static void forEachBatch(SqlConnection connection, long after, BatchVisitor visitor) throws Exception {
        long next = after;
        RowSet<Row> rows;
        do {
            rows = await(connection.preparedQuery(BATCHES_AFTER).execute(Tuple.of(next)));
            for (Row row : rows) {
                next = row.getLong(0);
                Buffer digest = row.getBuffer(4);
                Long lastEntry = row.getLong(5);
                visitor.batch(next, row.getBuffer(1).getBytes(), row.getBuffer(2).getBytes(),
                        row.getBuffer(3).getBytes(), digest == null ? new byte[AuditChain.HASH_BYTES] : digest.getBytes(),
                        lastEntry == null ? 0 : lastEntry);
            }
        } while (rows.size() == BATCHES_PER_READ);
    }

    private static void migrate(SqlConnection writer) throws Exception {
        boolean fresh = await(writer.query("SELECT to_regclass('schema_version') IS NULL").execute())
                .iterator().next().getBoolean(0);
        if (fresh) {
            await(writer.query("CREATE TABLE schema_version (version int PRIMARY KEY, "
                    + "applied_at timestamptz NOT NULL DEFAULT now())").execute());
        }
        int current = await(writer.query("SELECT coalesce(max(version), 0) FROM schema_version").execute())
                .iterator().next().getInteger(0);
        for (int v = current + 1; v <= SCHEMA_VERSION; v++) {
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
        bytesHandedOver += body.length;
        byte[] entriesDigest = EntriesDigest.of(effects.entries());
        AuditChain.Head next = AuditChain.extend(head, sequence, AuditChain.canonical(body, entriesDigest), key);
        head = next;
        List<Entry> entries = effects.entries();
        if (!entries.isEmpty()) lastEntry = entries.get(entries.size() - 1).number();
        archive.handedOver(sequence, effects.forgotten());
        List<AccountChange> accountChanges = AccountChange.of(commands);
        // Accounts first: a new account's number is given out there, and its entries name it.
        CopyRows accounts = effects.accounts().isEmpty() ? null
                : PgRows.accounts(sequence, effects.accounts(), accountNumbers);
        List<CopyRows> rows = new ArrayList<>(4);
        if (!entries.isEmpty()) rows.add(PgRows.entries(sequence, entries, accountNumbers));
        if (!effects.forgotten().isEmpty()) rows.add(PgArchive.rows(sequence, effects.forgotten()));
        if (!effects.events().isEmpty()) rows.add(PgEvents.rows(sequence, effects.events()));
        if (!accountChanges.isEmpty()) rows.add(PgChanges.rows(sequence, accountChanges));
        long bytesAfter = bytesHandedOver;
        CompletableFuture<Void> durable = writer.write(new PgWriter.Batch(sequence, next.hash(), next.signature(),
                        body, effects.timestampMs(), lastEntry, entriesDigest, accounts, rows))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        failed = true;
                        return;
                    }
                    archive.committed(effects.forgotten());
                    events.committed(effects.events());
                    bytesWritten = bytesAfter;
                });
        lastAppend = durable;
        return durable;
    }

    @Override
    public CompletableFuture<Void> snapshot(long sequence, byte[] state) {
        if (failed) return CompletableFuture.failedFuture(new IllegalStateException("the journal failed earlier"));
        // Batches commit in order: once the newest handed over has, batch `sequence` has too.
        return lastAppend.thenCompose(v -> pool.withTransaction(c -> c
                        .preparedQuery("INSERT INTO snapshots (sequence, state, taken_at_ms) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(sequence, Buffer.buffer(state), System.currentTimeMillis()))
                        .compose(x -> c.preparedQuery("DELETE FROM snapshots WHERE sequence NOT IN "
                                        + "(SELECT sequence FROM snapshots ORDER BY sequence DESC LIMIT $1)")
                                .execute(Tuple.of(SNAPSHOTS_KEPT))))
                .<Void>mapEmpty()
                .toCompletionStage());
    }

    @Override
    public TransferRecord archived(long idHi, long idLo) {
        return archive.find(idHi, idLo);
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public History history() {
        return history;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public ChangeLog changes() {
        return changes;
    }

    @Override
    public WebhookStore webhooks() {
        return webhooks;
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
            PgEntryPages entries = new PgEntryPages(reader);
            forEachBatch(reader, 0, (sequence, hash, signature, body, storedDigest, lastEntry) -> {
                // The digest as the rows now are, not as stored beside the batch: a changed row breaks the chain.
                checker.check(sequence, hash, signature, AuditChain.canonical(body,
                        EntriesDigest.of(entries.takeUpTo(lastEntry))));
            });
        } finally {
            reader.close();
        }
        return checker.verification();
    }

    @Override
    public void chainFrom(long fromSequence, java.util.function.Consumer<AuditChain.Link> links) throws Exception {
        SqlConnection reader = await(pool.getConnection());
        try {
            forEachBatch(reader, fromSequence - 1, (sequence, hash, signature, body, entriesDigest, lastEntry) ->
                    links.accept(new AuditChain.Link(sequence, hash, signature, body, entriesDigest)));
        } finally {
            reader.close();
        }
    }

    @Override
    public void close() throws Exception {
        archive.close();
        if (writer != null) writer.close();
        if (lock != null) await(lock.close());
        await(pool.close());
    }

    /**
     * Returns once this instance holds the writer lock: at once, or when the instance writing now has died or
     * stopped. Polled rather than blocking in PostgreSQL, so the wait has no time limit yet stops on an interrupt.
     */
    private void waitForWriterLock() throws Exception {
        boolean logged = false;
        while (!await(lock.query("SELECT pg_try_advisory_lock(" + WRITER_LOCK + ")").execute()).iterator().next()
                .getBoolean(0)) {
            if (!logged) LOG.info("another instance writes to this database; standing by until it stops");
            logged = true;
            Thread.sleep(LOCK_POLL_MS);
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = PgJournal.class.getResourceAsStream(path)) {
            if (in == null) throw new IOException("missing migration " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
