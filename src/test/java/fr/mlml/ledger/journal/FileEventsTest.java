package fr.mlml.ledger.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The file journal's events hold exactly the events of durable batches: those of a batch whose record never became
 * durable are cut at the next start, and numbering goes on from the last kept.
 */
class FileEventsTest {
    @TempDir
    Path dir;

    private record Stored(long seq, String text) implements StoredEvent {
        @Override
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static List<StoredEvent> events(long from, int n) {
        List<StoredEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Stored(from + i, "event " + (from + i)));
        return out;
    }

    private static List<String> read(FileEvents events, long after) throws Exception {
        List<String> out = new ArrayList<>();
        for (byte[] b : events.after(after, 100).get()) out.add(new String(b, StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void eventsOfBatchesThatNeverBecameDurableAreCutAtStart() throws Exception {
        try (FileEvents events = FileEvents.open(dir, 0)) {
            events.write(1, events(1, 3));
            events.publish();
            events.write(2, events(4, 2));
            events.publish();
            events.write(3, events(6, 4)); // batch 3's record never made it
            events.publish();
        }
        try (FileEvents events = FileEvents.open(dir, 2)) {
            assertEquals(5, events.lastSeq());
            assertEquals(List.of("event 4", "event 5"), read(events, 3));
            events.write(3, events(6, 1));
            events.publish();
            assertEquals(List.of("event 5", "event 6"), read(events, 4));
        }
        try (FileEvents events = FileEvents.open(dir, 3)) {
            assertEquals(6, events.lastSeq());
            assertEquals(6, read(events, 0).size());
        }
    }

    @Test
    void readersSeeOnlyPublishedEvents() throws Exception {
        try (FileEvents events = FileEvents.open(dir, 0)) {
            events.write(1, events(1, 2));
            assertEquals(0, events.lastSeq());
            assertEquals(List.of(), read(events, 0), "not durable yet: not read");
            events.publish();
            assertEquals(List.of("event 1", "event 2"), read(events, 0));
        }
    }
}
