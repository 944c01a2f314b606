package fr.mlml.ledger.cli;

import fr.mlml.ledger.client.EventsConsumer;
import fr.mlml.ledger.client.Json;
import fr.mlml.ledger.client.LedgerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code events tail}: the token's events as they come, one JSON line each, or forwarded to a local URL. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Read your events.",
        subcommands = {EventsCommand.Tail.class})
final class EventsCommand extends GroupCommand {

    @Command(name = "tail", mixinStandardHelpOptions = true, description = {
            "Print each event as one JSON line as it comes (Ctrl-C stops), or POST it to --forward-to.",
            "With --cursor FILE, a restart resumes after the last event printed or forwarded."})
    static final class Tail implements Callable<Integer> {
        @Mixin private Connection connection;
        @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "e.g. transfer.created")
        private List<String> types = List.of();
        @Option(names = "--cursor", paramLabel = "FILE", description = "where to keep the place") private Path cursor;
        @Option(names = "--after", defaultValue = "0", paramLabel = "SEQ",
                description = "without --cursor: start after this event (default: from the first)") private long after;
        @Option(names = "--forward-to", paramLabel = "URL",
                description = "POST each event there (JSON); the next waits for a 2xx, retried until then")
        private URI forwardTo;
        @Option(names = "--once", description = "print what there is now, then stop") private boolean once;
        @Spec private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            LedgerClient client = connection.client(false);
            EventsConsumer consumer = cursor != null ? new EventsConsumer(client, cursor, types)
                    : new EventsConsumer(client, after, types);
            PrintWriter out = spec.commandLine().getOut();
            Consumer<Map<String, Object>> handler = forwardTo == null ? event -> {
                out.println(Json.write(event));
                out.flush();
            } : new Forwarder(forwardTo, spec.commandLine().getErr());
            if (once) consumer.drain(handler);
            else consumer.run(handler);
            return 0;
        }
    }

    /** POSTs each event to a local receiver, again and again until it says 2xx. */
    private record Forwarder(URI target, PrintWriter err) implements Consumer<Map<String, Object>> {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        @Override
        public void accept(Map<String, Object> event) {
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(event))).build();
            for (long pauseMs = 500; ; pauseMs = Math.min(pauseMs * 2, 30_000)) {
                try {
                    int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status / 100 == 2) return;
                    err.println("events tail: " + target + " answered " + status + " to " + event.get("id")
                            + "; trying again");
                } catch (IOException e) {
                    err.println("events tail: " + target + " unreachable (" + e.getMessage() + "); trying again");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                err.flush();
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }
}
