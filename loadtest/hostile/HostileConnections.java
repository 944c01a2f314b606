import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stranger holding half-sent bodies: {@code connections} sockets, each sending a request's headers without a
 * token, {@code Content-Length: 1048576} and a few bytes of body, then nothing; each one the service closes is opened
 * again at once, so that many are held for the whole run. Meanwhile {@code /health} is asked every second on a
 * connection of its own. Prints one JSON line: the answers the held connections got, how many the service closed,
 * the probes' slowest answer and how many took a second or more.
 *
 * <p>Usage: {@code java HostileConnections.java <port> <connections> <seconds>}
 */
public final class HostileConnections {
    private static final byte[] REQUEST = ("POST /v1/transfers HTTP/1.1\r\nHost: ledger\r\nContent-Type: "
            + "application/json"
            + "\r\nContent-Length: 1048576\r\n\r\n{\"transfers\":[").getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        Map<String, Long> answers = new TreeMap<>();
        AtomicLong maxProbeMs = new AtomicLong();
        long[] probe = new long[3]; // probes, slow (>= 1 s), failed
        Thread prober = new Thread(() -> probe(port, seconds, maxProbeMs, probe), "health-probe");
        prober.start();

        long opened = 0;
        long closedByService = 0;
        long refusedConnects = 0;
        Selector selector = Selector.open();
        for (int i = 0; i < connections; i++) {
            open(selector, address);
            opened++;
        }
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            selector.select(200);
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel ch = (SocketChannel) key.channel();
                boolean reopen = false;
                try {
                    if (key.isConnectable()) {
                        ch.finishConnect();
                        ByteBuffer out = ByteBuffer.wrap(REQUEST);
                        while (out.hasRemaining()) ch.write(out);
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        in.clear();
                        int n = ch.read(in);
                        if (n < 0) {
                            closedByService++;
                            reopen = true;
                        } else if (key.attachment() == null && n >= 12) {
                            String status = new String(in.array(), 9, 3, StandardCharsets.US_ASCII);
                            answers.merge(status, 1L, Long::sum);
                            key.attach(status);
                        }
                    }
                } catch (IOException e) {
                    if (key.isValid() && key.isConnectable()) refusedConnects++;
                    else closedByService++;
                    reopen = true;
                }
                if (reopen) {
                    key.cancel();
                    ch.close();
                    open(selector, address);
                    opened++;
                }
            }
            selector.selectedKeys().clear();
        }
        prober.join();
        System.out.printf("{\"scenario\":\"hostile-connections\",\"held\":%d,\"seconds\":%d,\"opened\":%d,"
                        + "\"answers\":%s,\"closed_by_service\":%d,\"refused_connects\":%d,\"health_probes\":%d,"
                        + "\"health_max_ms\":%d,\"health_ge_1s\":%d,\"health_failed\":%d}%n",
                connections, seconds, opened, json(answers), closedByService, refusedConnects, probe[0],
                maxProbeMs.get(), probe[1], probe[2]);
    }

    private static void open(Selector selector, InetSocketAddress address) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.connect(address);
        ch.register(selector, SelectionKey.OP_CONNECT);
    }

    /** Every second, {@code /health} on its own connection: its latency, or a failure. */
    private static void probe(int port, long seconds, AtomicLong maxMs, long[] counts) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try {
                int status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
                long ms = (System.nanoTime() - start) / 1_000_000;
                counts[0]++;
                if (status != 200) counts[2]++;
                if (ms >= 1_000) counts[1]++;
                maxMs.accumulateAndGet(ms, Math::max);
            } catch (IOException | InterruptedException e) {
                counts[0]++;
                counts[2]++;
            }
            long left = 1_000 - (System.nanoTime() - start) / 1_000_000;
            if (left > 0) {
                try {
                    Thread.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static String json(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder("{");
        counts.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }
}
