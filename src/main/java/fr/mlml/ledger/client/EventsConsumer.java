package fr.mlml.ledger.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a token's events in order and keeps its place in a cursor file, so that a restart resumes after the last
 * event handled: at least once (an event handled just before a crash may come again: deduplicate on its {@code id}),
 * never skipping one. The cursor is written (atomically: a new file moved over the old) after each page is handled;
 * without a cursor file it is kept in memory only, from a given start.
 */
public final class EventsConsumer {
    private static final int PAGE = 1_000;
    private static final int WAIT_S = 25;

    private final LedgerClient client;
    private final Path cursorFile;
    private final List<String> types;
    private volatile boolean stopped;
    private long inMemory;

    /** {@code types} empty for every event the token may see. */
    public EventsConsumer(LedgerClient client, Path cursorFile, List<String> types) {
        this.client = client;
        this.cursorFile = cursorFile;
        this.types = List.copyOf(types);
    }

    /** Without a cursor file: from the event after {@code after}, the place kept in memory only. */
    public EventsConsumer(LedgerClient client, long after, List<String> types) {
        this(client, (Path) null, types);
        this.inMemory = after;
    }

    /** The sequence of the last event handled (0 before the first). */
    public long cursor() throws IOException {
        if (cursorFile == null) return inMemory;
        if (!Files.exists(cursorFile)) return 0;
        String text = Files.readString(cursorFile, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(cursorFile + " is not a cursor (one number): " + text, e);
        }
    }

    /** Handles the events there are now, then returns: how many were handled. */
    public int drain(Consumer<Map<String, Object>> handler) throws IOException {
        return pages(handler, 0, true);
    }

    /** Handles events as they come until {@link #stop}, waiting on the ledger (long poll) between them. */
    public void run(Consumer<Map<String, Object>> handler) throws IOException {
        pages(handler, WAIT_S, false);
    }

    public void stop() {
        stopped = true;
    }

    @SuppressWarnings("unchecked")
    private int pages(Consumer<Map<String, Object>> handler, int waitS, boolean once) throws IOException {
        int handled = 0;
        long after = cursor();
        while (!stopped) {
            Map<String, Object> page = client.events(after, PAGE, types, waitS);
            List<Object> items = (List<Object>) page.get("items");
            for (Object item : items) {
                handler.accept((Map<String, Object>) item);
                handled++;
            }
            Object next = page.get("next");
            if (next instanceof Long n && n > after) {
                after = n;
                save(after);
            }
            if (once && items.size() < PAGE) break;
        }
        return handled;
    }

    private void save(long after) throws IOException {
        inMemory = after;
        if (cursorFile == null) return;
        Path fresh = cursorFile.resolveSibling(cursorFile.getFileName() + ".new");
        Files.writeString(fresh, after + "\n", StandardCharsets.US_ASCII);
        Files.move(fresh, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
