package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a connection may hold before it has earned anything ({@link HttpLimits}), each shown as the attack it stops,
 * over raw sockets: a body is not read for a caller that may not send it (the answer comes with the body unsent);
 * members holding half-sent bodies get no more than the buffered-body cap, others 503 meanwhile; past the connection
 * cap a connection is answered once, probes normally; a body sent too slowly is cut off.
 */
class ConnectionLimitsTest {
    private static final int MAX_CONNECTIONS = 4;
    /** Short timeouts, for the body sent too slowly. */
    private static final HttpLimits QUICK = new HttpLimits(30, 5, 6, MAX_CONNECTIONS, LedgerApi.MAX_BODY_BYTES, 15);
    /** Timeouts far longer than any of the cap tests' steps, so that only the caps close their connections. */
    private static final HttpLimits PATIENT = new HttpLimits(120, 60, 60, MAX_CONNECTIONS, LedgerApi.MAX_BODY_BYTES, 15);
    private static final String CONNECTIONS_OPEN = "ledger_http_connections_open";
    private static final String BUFFERED_BYTES = "ledger_http_buffered_body_bytes";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path patientDataDir;
    private static ApiFixture f;
    private static ApiFixture patient;
    private static String memberToken;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null, 10_000, 65_536, QUICK);
        f.member("cl-claire", "citizen");
        memberToken = f.memberToken("cl-claire");
        patient = new ApiFixture(patientDataDir, null, 10_000, 65_536, PATIENT);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        patient.close();
    }

    @Test
    void aCallerThatMayNotSendTheBodyIsAnsweredBeforeSendingIt() throws IOException {
        for (String[] caller : new String[][] {{null, "401"}, {"not-a-token", "401"}, {memberToken, "403"}}) {
            try (Socket s = open()) {
                RawHttp.send(s, "POST /v1/members HTTP/1.1\r\nHost: ledger\r\nContent-Type: application/json\r\n"
                        + (caller[0] == null ? "" : "Authorization: Bearer " + caller[0] + "\r\n")
                        + "Content-Length: 1048576\r\n\r\n");
                String answer = RawHttp.readAnswer(s);
                assertTrue(answer.startsWith("HTTP/1.1 " + caller[1] + " "), answer);
            }
        }
    }

    @Test
    void halfSentBodiesHoldNoMoreThanTheBufferedBodyCap() throws Exception {
        awaitGauge(BUFFERED_BYTES, 0, 0); // what an earlier test held is given back
        awaitGauge(CONNECTIONS_OPEN, 0, MAX_CONNECTIONS - 2); // room for the holder and the client's connection
        try (Socket holder = RawHttp.open(patient.service.port())) {
            RawHttp.send(holder, "POST /v1/members HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer " + ADMIN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + LedgerApi.MAX_BODY_BYTES
                    + "\r\n\r\n{\"id\":");
            // Once the service has read those headers the whole cap is reserved for that body: another has no room.
            awaitGauge(BUFFERED_BYTES, LedgerApi.MAX_BODY_BYTES, LedgerApi.MAX_BODY_BYTES);
            ApiClient.Answer refused = createMember(patient, "cl-refused");
            assertEquals(503, refused.status(), refused.text());
            assertEquals("overloaded", refused.code());
            assertTrue(refused.header("Retry-After") != null, "Retry-After");
        }
        awaitGauge(BUFFERED_BYTES, 0, 0);
        assertEquals(201, createMember(patient, "cl-after").status());
    }

    @Test
    void pastTheConnectionCapOnlyProbesAreServed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) held.add(RawHttp.open(patient.service.port()));
            // A socket is connected before the service has taken it in: wait until it counts them all.
            awaitGauge(CONNECTIONS_OPEN, MAX_CONNECTIONS, Integer.MAX_VALUE);
            try (Socket past = RawHttp.open(patient.service.port())) {
                RawHttp.send(past, "GET /v1/directory HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer " + ADMIN
                        + "\r\n\r\n");
                String answer = RawHttp.readAnswer(past);
                assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
                assertTrue(answer.contains("\"code\":\"overloaded\"") && answer.contains("Retry-After: 1"), answer);
                assertEquals(-1, RawHttp.readOrReset(past.getInputStream()), "closed after its answer");
            }
            try (Socket probe = RawHttp.open(patient.service.port())) {
                RawHttp.send(probe, "GET /health HTTP/1.1\r\nHost: ledger\r\n\r\n");
                String answer = RawHttp.readAnswer(probe);
                assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
                assertEquals(-1, RawHttp.readOrReset(probe.getInputStream()), "closed after its answer");
            }
        } finally {
            for (Socket s : held) s.close();
        }
        awaitGauge(CONNECTIONS_OPEN, 0, MAX_CONNECTIONS - 1);
        assertEquals(200, patient.client.get("/v1/directory", ADMIN).status());
    }

    @Test
    void aBodySentTooSlowlyIsCutOffUnanswered() throws Exception {
        try (Socket s = open()) {
            RawHttp.send(s, "POST /v1/members HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer " + ADMIN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
            Thread dripping = RawHttp.drip(s);
            int first = RawHttp.readOrReset(s.getInputStream());
            dripping.interrupt();
            assertEquals(-1, first, "closed without an answer");
        }
    }

    private static ApiClient.Answer createMember(ApiFixture on, String id) {
        return on.client.post("/v1/members", ADMIN, new JsonObject().put("id", id).put("name", "Member " + id)
                .put("kind", "citizen"));
    }

    /** Waits until the patient service's gauge reads between {@code low} and {@code high}, both included. */
    private static void awaitGauge(String name, long low, long high) throws InterruptedException {
        double value = patient.service.metrics().gauge(name);
        for (int attempt = 0; attempt < 600 && !(value >= low && value <= high); attempt++) {
            Thread.sleep(50);
            value = patient.service.metrics().gauge(name);
        }
        assertTrue(value >= low && value <= high, name + " = " + value + ", waited for " + low + ".." + high);
    }

    private static Socket open() throws IOException {
        return RawHttp.open(f.service.port());
    }
}
