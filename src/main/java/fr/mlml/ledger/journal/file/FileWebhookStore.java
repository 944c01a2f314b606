package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.WebhookStore;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The file journal's webhooks: {@code <journal>/webhooks}, one JSON line per endpoint, rewritten whole at each
 * change into a temporary file that is forced and renamed over it (a crash leaves the old or the new file, never a
 * mix). Mode 600: it holds the endpoints' secrets. A handful of endpoints and a few writes a second at most (cursors
 * are written in batches), so rewriting it whole costs less than keeping a log of changes.
 */
final class FileWebhookStore implements WebhookStore {
    private final Path file;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "journal-webhooks");
        t.setDaemon(true);
        return t;
    });
    /** Writer thread only. */
    private final Map<String, Stored> endpoints = new LinkedHashMap<>();
    private boolean loaded;

    FileWebhookStore(Path dir) {
        this.file = dir.resolve("webhooks");
    }

    @Override
    public CompletableFuture<List<Stored>> load() {
        return CompletableFuture.supplyAsync(() -> {
            readOnce();
            return new ArrayList<>(endpoints.values());
        }, writer);
    }

    @Override
    public CompletableFuture<Void> put(Stored endpoint) {
        return change(() -> endpoints.put(endpoint.id(), endpoint));
    }

    @Override
    public CompletableFuture<Void> cursors(Map<String, Long> cursors) {
        return change(() -> cursors.forEach((id, cursor) -> endpoints.computeIfPresent(id,
                (k, e) -> new Stored(e.id(), e.endpoint(), cursor))));
    }

    @Override
    public CompletableFuture<Void> delete(String id) {
        return change(() -> endpoints.remove(id));
    }

    /** A store closed with its journal (a recovery opens a new one) fails the change rather than throw. */
    private CompletableFuture<Void> change(Runnable change) {
        try {
            return CompletableFuture.runAsync(() -> {
                readOnce();
                change.run();
                write();
            }, writer);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(closed);
        }
    }

    private void readOnce() {
        if (loaded) return;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    JsonObject o = new JsonObject(line);
                    endpoints.put(o.getString("id"), new Stored(o.getString("id"), o.getString("endpoint"),
                            o.getLong("cursor")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loaded = true;
    }

    private void write() {
        StringBuilder out = new StringBuilder();
        for (Stored e : endpoints.values()) {
            out.append(new JsonObject().put("id", e.id()).put("endpoint", e.endpoint()).put("cursor", e.cursor())
                    .encode()).append('\n');
        }
        Path temporary = file.resolveSibling("webhooks.new");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            RecordFile.forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        writer.shutdown();
    }
}
