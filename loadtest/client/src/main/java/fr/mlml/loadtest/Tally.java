package fr.mlml.loadtest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The answers of a run, read after it: latency histogram, transfers created, refusals by the problem {@code code} of
 * the request and by the result {@code code} of each transfer, and a uniform sample of created transfers to read back.
 */
final class Tally {
    /** Transfer {@code position} of request {@code request}. */
    record Acknowledged(int request, int position) {
    }

    final Histogram latencyUs = new Histogram(3);
    final TreeMap<String, Long> refusedRequests = new TreeMap<>();
    final TreeMap<String, Long> rejectedTransfers = new TreeMap<>();
    final List<Acknowledged> sample = new ArrayList<>();
    long createdInWindow;
    long answeredInWindow;
    long created;
    long exists;

    Tally(LoadRun run, int sampleSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < run.sent; i++) {
            if (run.sentAfterWarmup(i)) latencyUs.recordValue(Math.max(1, (run.answeredNs[i] - run.sentNs[i]) / 1_000));
            Reply reply = run.replies[i];
            long createdHere = reply.status() == 200 ? results(i, reply, sampleSize, random) : refused(reply);
            if (run.answeredInWindow(i)) {
                answeredInWindow++;
                createdInWindow += createdHere;
            }
        }
    }

    private long refused(Reply reply) {
        String code = reply.status() == 0 ? "no_answer" : Api.read(reply.body()).path("code").asText("http_" + reply.status());
        refusedRequests.merge(code, 1L, Long::sum);
        return 0;
    }

    /** Reads {@code {results:[{id, status, code?, transfer?}]}}, reservoir-sampling created transfers. */
    private long results(int request, Reply reply, int sampleSize, SplittableRandom random) {
        long createdHere = 0;
        try (JsonParser parser = Api.JSON.getFactory().createParser(reply.body().getBytes())) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "results".equals(parser.currentName())) break;
                if (parser.currentToken() == JsonToken.START_ARRAY) parser.skipChildren();
            }
            if (parser.nextToken() != JsonToken.START_ARRAY) throw new CheckFailed("an answer without results: " + reply.body());
            for (int position = 0; parser.nextToken() == JsonToken.START_OBJECT; position++) {
                String status = null;
                String code = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if ("status".equals(field)) status = parser.getText();
                    else if ("code".equals(field)) code = parser.getText();
                    else parser.skipChildren();
                }
                if ("created".equals(status)) {
                    createdHere++;
                    created++;
                    if (sample.size() < sampleSize) sample.add(new Acknowledged(request, position));
                    else if (random.nextLong(created) < sampleSize) sample.set(random.nextInt(sampleSize), new Acknowledged(request, position));
                } else if ("exists".equals(status)) {
                    exists++;
                } else {
                    rejectedTransfers.merge(code == null ? String.valueOf(status) : code, 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new CheckFailed("an answer that is not JSON: " + reply.body());
        }
        return createdHere;
    }

    long rejectedTotal() {
        return rejectedTransfers.values().stream().mapToLong(Long::longValue).sum();
    }
}
