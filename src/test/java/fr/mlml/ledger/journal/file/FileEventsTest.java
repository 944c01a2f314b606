package fr.mlml.ledger.journal.file;

import fr.mlml.ledger.journal.EventStore;
import fr.mlml.ledger.journal.StoredEvent;
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
    void aReadOfManyEventsGivesEachOnceInOrderFromAnyPointUpToTheLastPublished() throws Exception {
        try (FileEvents events = FileEvents.open(dir, 0)) {
            for (int batch = 1; batch <= 30; batch++) {
                events.write(batch, events(1 + (batch - 1) * 1_000L, 1_000));
                events.publish();
            }
            events.write(31, events(30_001, 5)); // written, not yet durable
            for (long after : new long[] {0, 1, 999, 12_345, 29_990, 29_999}) {
                List<byte[]> got = events.after(after, 100_000).get();
                long expected = Math.min(EventStore.MAX_READ, 30_000 - after);
                assertEquals(expected, got.size(), "after " + after);
                for (int i = 0; i < got.size(); i++) {
                    assertEquals("event " + (after + 1 + i), new String(got.get(i), StandardCharsets.UTF_8));
                }
            }
            assertEquals(List.of("event 30000"), read(events, 29_999), "never the batch not yet durable");
            assertEquals(List.of(), read(events, 30_000));
            assertEquals(List.of("event 7", "event 8"), events.after(6, 2).get().stream()
                    .map(b -> new String(b, StandardCharsets.UTF_8)).toList());
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
