package fr.mlml.ledger.chaos;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A run's tally. {@code requests}: money-moving requests (a retried one counts once); {@code acknowledged}: those
 * answered with success; {@code retried}: those that needed more than one sending; {@code lost}: acknowledged
 * transfers missing or in another state after a fault; {@code doubles}: requests applied twice. {@code problems}
 * names every failed check.
 */
record ChaosReport(String journal, int cycles, long requests, long acknowledged, long retried, long lost,
                   long doubles, List<String> problems) {
    JsonObject toJson() {
        return new JsonObject().put("journal", journal).put("cycles", cycles).put("requests", requests)
                .put("acknowledged", acknowledged).put("retried", retried).put("lost", lost).put("doubles", doubles)
                .put("checks", problems.isEmpty() ? "ok" : "failed: " + problems.size() + " problems, first: "
                        + problems.get(0));
    }
}
