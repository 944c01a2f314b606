package fr.mlml.ledger.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** HTTP by hand over a socket, for what no HTTP client sends: half a request, a body never finished. */
final class RawHttp {
    private RawHttp() {
    }

    static Socket open(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(60_000);
        return s;
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** One answer: the head, then as many body bytes as its Content-Length says. */
    static String readAnswer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder text = new StringBuilder();
        int bodyStart = -1;
        int contentLength = 0;
        while (bodyStart < 0 || text.length() < bodyStart + contentLength) {
            int c = in.read();
            if (c < 0) break;
            text.append((char) c);
            if (bodyStart < 0 && text.length() >= 4 && text.substring(text.length() - 4).equals("\r\n\r\n")) {
                bodyStart = text.length();
                for (String line : text.toString().split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).trim());
                    }
                }
            }
        }
        return text.toString();
    }

    /** The next byte, or -1 once the service closed the connection (end of stream or reset). */
    static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    /** Sends a byte a second until the connection is closed: the idle timeout never fires, only the others. */
    static Thread drip(Socket s) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1_000);
                    send(s, " ");
                }
            } catch (IOException | InterruptedException ended) {
                // closed by the service, or the test is over
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
