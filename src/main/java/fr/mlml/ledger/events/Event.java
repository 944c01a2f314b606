package fr.mlml.ledger.events;

import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.journal.StoredEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One event: {@code {id: "evt_<seq>", seq, type, timestamp, data}} (DESIGN.md §9), with its {@link Audience}.
 * {@code data} is the JSON of the object as its {@code GET} route answers it, rendered when first asked for (on
 * the journal's writer, not the engine's thread). Stored as {@code [type][timestamp][audience][data]}: the seq is
 * the store's key.
 */
public final class Event implements StoredEvent {
    private static final Logger LOG = LoggerFactory.getLogger(Event.class);
    private final long seq;
    private final EventType type;
    private final long timestampMs;
    private final Audience audience;
    /** Renders the data, until it is asked for; guarded by this. */
    private Supplier<String> render;
    /**
     * The event as sent, built once (readers and endpoints all send the same text): its data runs from
     * {@link #dataStart} to the closing brace. Written under this, after {@code dataStart}.
     */
    private volatile String json;
    private int dataStart;

    Event(long seq, EventType type, long timestampMs, Audience audience, Supplier<String> render) {
        this.seq = seq;
        this.type = type;
        this.timestampMs = timestampMs;
        this.audience = audience;
        this.render = render;
    }

    @Override
    public long seq() {
        return seq;
    }

    public EventType type() {
        return type;
    }

    public long timestampMs() {
        return timestampMs;
    }

    public Audience audience() {
        return audience;
    }

    public String id() {
        return "evt_" + seq;
    }

    /** The data object's JSON. */
    public String data() {
        String text = json();
        return text.substring(dataStart, text.length() - 1);
    }

    /** The event as feeds, streams and webhooks send it. */
    public String json() {
        String text = json;
        return text != null ? text : rendered();
    }

    /**
     * Renders the data the first time. A view that cannot render (a bug) must not fail the batch it travels with:
     * the event keeps its place and type with {@code null} data, and the error is logged.
     */
    private synchronized String rendered() {
        if (json != null) return json;
        String data;
        try {
            data = render.get();
        } catch (RuntimeException e) {
            LOG.error("event {} ({}): its data could not be rendered", seq, type.code, e);
            data = "null";
        }
        render = null;
        return withData(data);
    }

    private String withData(String data) {
        String head = "{\"id\":\"" + id() + "\",\"seq\":" + seq + ",\"type\":\"" + type.code + "\",\"timestamp\":\""
                + Instant.ofEpochMilli(timestampMs) + "\",\"data\":";
        dataStart = head.length();
        json = head + data + "}";
        return json;
    }

    @Override
    public byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(type.wire);
            out.writeLong(timestampMs);
            writeStrings(out, audience.members());
            writeStrings(out, audience.terminals());
            writeText(out, audience.holdsOf() == null ? "" : audience.holdsOf());
            writeText(out, data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads back an event stored as {@code seq} (feeds past the ring read thousands at a time: no copies). */
    public static Event decode(long seq, byte[] stored) {
        try {
            ByteBuffer in = ByteBuffer.wrap(stored);
            int wire = in.get();
            EventType type = EventType.ofWire(wire, "event");
            long timestampMs = in.getLong();
            List<String> members = readStrings(in);
            List<String> terminals = readStrings(in);
            String holdsOf = readText(in);
            String data = readText(in);
            Event e = new Event(seq, type, timestampMs, new Audience(members, terminals,
                    holdsOf.isEmpty() ? null : holdsOf), null);
            e.withData(data); // here, on the journal's reader rather than on the event loop that sends it
            return e;
        } catch (BufferUnderflowException | IllegalArgumentException | CorruptRecordException e) {
            throw new CorruptRecordException("event " + seq + " cannot be read: " + e.getMessage());
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) writeText(out, s);
    }

    private static List<String> readStrings(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > 1024) throw new IllegalArgumentException("bad audience size " + n);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(readText(in));
        return out;
    }

    private static void writeText(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readText(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("bad text length " + n);
        String text = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return text;
    }
}
