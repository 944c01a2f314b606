package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.util.List;

/**
 * What every run ends with: the ledger's own reconciliation says its invariants hold, the audit chain verifies from
 * storage, and a sample of acknowledged transfers reads back as they were sent. The first failure stops the run.
 */
final class Checks {
    private static final String[] FIELDS = {"id", "debit_account", "credit_account", "amount", "currency"};

    private final Api api;
    private final String adminToken;

    Checks(Api api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    void all(Tally tally, List<Workload.Signed> requests) {
        if (tally.rejectedTotal() > 0) {
            throw new CheckFailed("transfers rejected " + tally.rejectedTransfers + ": the workload is made of valid transfers");
        }
        JsonNode reconciliation = api.expect(200, HttpMethod.GET, "/v1/reconciliation", adminToken, null);
        if (!reconciliation.path("invariants_ok").asBoolean(false)) {
            throw new CheckFailed("reconciliation: invariants_ok is not true\n  " + reconciliation);
        }
        JsonNode audit = api.expect(200, HttpMethod.GET, "/v1/audit/verify", adminToken, null);
        if (!audit.path("ok").asBoolean(false)) throw new CheckFailed("audit/verify: ok is not true\n  " + audit);
        for (Tally.Acknowledged acknowledged : tally.sample) readBack(acknowledged, requests);
    }

    private void readBack(Tally.Acknowledged acknowledged, List<Workload.Signed> requests) {
        JsonNode sent;
        try {
            sent = Api.JSON.readTree(requests.get(acknowledged.request()).body().getBytes())
                    .get("transfers").get(acknowledged.position());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String id = sent.get("id").asText();
        JsonNode stored = api.expect(200, HttpMethod.GET, "/v1/transfers/" + id, adminToken, null);
        for (String field : FIELDS) {
            if (!sent.get(field).equals(stored.get(field))) {
                throw new CheckFailed("transfer " + id + " acknowledged as created reads back with " + field + " "
                        + stored.get(field) + ", sent " + sent.get(field) + "\n  " + stored);
            }
        }
        if (!"posted".equals(stored.path("status").asText())) {
            throw new CheckFailed("transfer " + id + " acknowledged as created reads back as " + stored);
        }
    }
}
