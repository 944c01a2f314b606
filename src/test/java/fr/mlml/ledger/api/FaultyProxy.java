package fr.mlml.ledger.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 hop in front of the service that does to chosen requests what networks and load do: forwards the
 * request and then drops the answer (the client never learns it was done), or answers 503 with {@code Retry-After}
 * without forwarding. One request per connection; records when each request came.
 */
final class FaultyProxy implements AutoCloseable {
    enum Fault { NONE, DROP_ANSWER, OVERLOADED }

    private final ServerSocket server;
    private final int servicePort;
    private final List<Fault> faults;
    final List<Long> arrivalsMs = new ArrayList<>();
    private final Thread acceptor;

    /** {@code faults}: what happens to the 1st, 2nd… request; every later one passes. */
    FaultyProxy(int servicePort, List<Fault> faults) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.servicePort = servicePort;
        this.faults = faults;
        this.acceptor = new Thread(this::serve, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        int n = 0;
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                byte[] request = readRequest(client.getInputStream());
                Fault fault = n < faults.size() ? faults.get(n) : Fault.NONE;
                synchronized (arrivalsMs) {
                    arrivalsMs.add(System.currentTimeMillis());
                }
                n++;
                OutputStream out = client.getOutputStream();
                if (fault == Fault.OVERLOADED) {
                    String body = "{\"type\":\"about:blank\",\"title\":\"overloaded\",\"status\":503,"
                            + "\"code\":\"overloaded\",\"detail\":\"busy\"}";
                    out.write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: "
                            + "application/problem+json\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                byte[] answer = forward(request);
                if (fault == Fault.NONE) out.write(answer);
                // DROP_ANSWER: the service did the work; the connection closes with nothing said.
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    private byte[] forward(byte[] request) throws IOException {
        try (Socket service = new Socket(InetAddress.getLoopbackAddress(), servicePort)) {
            service.getOutputStream().write(request);
            return readAnswer(service.getInputStream());
        }
    }

    /** The head (with {@code Connection: close} put in) and the body of one request. */
    private static byte[] readRequest(InputStream in) throws IOException {
        String head = readHead(in);
        int length = contentLength(head);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.replaceFirst("\r\n\r\n$", "\r\nConnection: close\r\n\r\n")
                .replaceAll("(?im)^connection: keep-alive\r\n", "").getBytes(StandardCharsets.ISO_8859_1));
        out.write(in.readNBytes(length));
        return out.toByteArray();
    }

    private static byte[] readAnswer(InputStream in) throws IOException {
        String head = readHead(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked") ? in.readAllBytes()
                : in.readNBytes(contentLength(head)));
        return out.toByteArray();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            int n = head.size();
            byte[] h = head.toByteArray();
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') break;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
