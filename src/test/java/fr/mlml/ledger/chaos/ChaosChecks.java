package fr.mlml.ledger.chaos;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static fr.mlml.ledger.chaos.ServiceProcess.ADMIN;

/**
 * What must hold once every request of a cycle is answered: every transfer acknowledged in the cycle (and a sample
 * of older ones) reads back in its state, the requests that needed a retry (and a sample of others) sent once more
 * answer {@code exists}, every client account shows exactly the balance its answers add up to with nothing left
 * pending, the books reconcile (sum 0 per currency, MLC backed 1:1) and the audit chain verifies.
 */
final class ChaosChecks {
    private static final int OLDER_IDS_SAMPLE = 50;
    private static final int REPLAY_SAMPLE = 10;

    private final ChaosBooks books;
    private final Random random;
    private long lost;

    ChaosChecks(ChaosBooks books, Random random) {
        this.books = books;
        this.random = random;
    }

    /** Acknowledged transfers found missing or in another state so far. */
    long lost() {
        return lost;
    }

    void check(String when, ChaosHttp http) {
        ChaosBooks.Cycle done = books.takeCycle();
        Map<String, String> statuses = books.statuses();
        List<String> ids = new ArrayList<>(done.touched());
        List<String> all = books.allIds();
        for (int i = 0; i < OLDER_IDS_SAMPLE && !all.isEmpty(); i++) ids.add(all.get(random.nextInt(all.size())));
        for (String id : ids) {
            ChaosHttp.Answer a = read(http, "/v1/transfers/" + id);
            String state = a.status() == 200 ? a.json().getString("status") : a.status() + " " + a.text();
            if (!state.equals(statuses.get(id))) {
                lost++;
                books.problem(when + ": transfer " + id + " acknowledged " + statuses.get(id)
                        + ", reads back " + state);
            }
        }
        List<ChaosOp> replays = new ArrayList<>(done.retried());
        List<ChaosOp> others = new ArrayList<>(done.acknowledged());
        Collections.shuffle(others, random);
        replays.addAll(others.subList(0, Math.min(REPLAY_SAMPLE, others.size())));
        for (ChaosOp op : replays) {
            if (op.idempotentById()) replay(when, http, op);
        }
        for (Map.Entry<String, Long> account : books.balances().entrySet()) {
            JsonObject a = read(http, "/v1/accounts/" + account.getKey()).json();
            if (a.getLong("balance") != account.getValue().longValue() || a.getLong("debits_pending") != 0
                    || a.getLong("credits_pending") != 0) {
                books.problem(when + ": " + account.getKey() + " should hold " + account.getValue()
                        + " with nothing pending, is " + a.encode());
            }
        }
        JsonObject reconciliation = read(http, "/v1/reconciliation").json();
        boolean balanced = reconciliation.getBoolean("invariants_ok", false);
        for (Object o : reconciliation.getJsonArray("currencies")) {
            JsonObject c = (JsonObject) o;
            balanced &= c.getLong("sum_of_balances") == 0
                    && (!c.getString("currency").equals("MLC") || "1".equals(c.getString("backing_ratio")));
        }
        if (!balanced) books.problem(when + ": the books do not reconcile: " + reconciliation.encode());
        JsonObject verified = read(http, "/v1/audit/verify").json();
        if (!verified.getBoolean("ok", false)) {
            books.problem(when + ": the audit chain does not verify: " + verified.encode());
        }
    }

    /** The same bytes once more: every id in it must answer {@code exists}; {@code created} would be a double. */
    private void replay(String when, ChaosHttp http, ChaosOp op) {
        ChaosHttp.Answer a = ChaosClient.answered(http, "POST", op.path(), op.token(), op.body()).answer();
        List<JsonObject> outcomes = new ArrayList<>();
        if (a.status() == 200 && op.kind() == ChaosOp.Kind.TRANSFERS) {
            a.json().getJsonArray("results").forEach(o -> outcomes.add((JsonObject) o));
        } else if (a.status() == 200) {
            outcomes.add(a.json());
        }
        for (JsonObject o : outcomes) {
            if ("created".equals(o.getString("status"))) {
                books.doubled(when + ": sent again, " + o.getString("id") + " was created twice");
            } else if (!"exists".equals(o.getString("status"))) {
                books.problem(when + ": sent again, " + o.encode());
            }
        }
        if (outcomes.isEmpty()) books.problem(when + ": sent again, answered " + a.status() + " " + a.text());
    }

    private static ChaosHttp.Answer read(ChaosHttp http, String path) {
        return ChaosClient.answered(http, "GET", path, ADMIN, null).answer();
    }
}
