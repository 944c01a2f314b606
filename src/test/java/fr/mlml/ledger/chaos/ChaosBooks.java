package fr.mlml.ledger.chaos;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the clients were told, kept the way a careful client would: the balance each of their accounts must show,
 * the status each acknowledged transfer must read back with, and the requests acknowledged since the last check.
 * Every answer is recorded once, when it is final, so a transfer applied twice by the service shows in the balances.
 */
final class ChaosBooks {
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, String> statuses = new LinkedHashMap<>();
    private final List<String> touchedThisCycle = new ArrayList<>();
    private final List<ChaosOp> acknowledgedThisCycle = new ArrayList<>();
    private final List<ChaosOp> retriedThisCycle = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long requests;
    private long acknowledged;
    private long retried;
    private long doubles;

    synchronized void open(String account, long balance) {
        balances.put(account, balance);
    }

    /** A request's final answer (after retries if {@code retried}); {@code readBack} fetches a transfer. */
    synchronized void record(ChaosOp op, ChaosHttp.Answer a, boolean retried, Function<String, JsonObject> readBack) {
        requests++;
        if (retried) this.retried++;
        switch (op.kind()) {
            case TRANSFERS -> {
                if (a.status() != 200) {
                    problem(op, a);
                    return;
                }
                for (Object o : a.json().getJsonArray("results")) {
                    JsonObject r = (JsonObject) o;
                    if (!created(op, r, retried)) return;
                    JsonObject t = r.getJsonObject("transfer");
                    if (t.getString("status").equals("posted")) move(t, t.getLong("amount"));
                    statuses.put(r.getString("id"), t.getString("status"));
                    touchedThisCycle.add(r.getString("id"));
                }
            }
            case CONVERSION -> {
                if (a.status() != 200) {
                    problem(op, a);
                    return;
                }
                if (!created(op, a.json(), retried)) return;
                for (Object o : a.json().getJsonArray("transfers")) {
                    JsonObject leg = (JsonObject) o;
                    move(leg, leg.getLong("amount"));
                    statuses.put(leg.getString("id"), leg.getString("status"));
                    touchedThisCycle.add(leg.getString("id"));
                }
            }
            case POST, VOID -> {
                String wanted = op.kind() == ChaosOp.Kind.POST ? "posted" : "voided";
                JsonObject t;
                if (a.status() == 200) {
                    t = a.json();
                } else if (retried && a.status() == 409 && "pending_already_resolved".equals(a.json().getString("code"))) {
                    // No id of its own: a resolution that took before the fault is recognised by the hold's state.
                    t = readBack.apply(op.holdId());
                } else {
                    problem(op, a);
                    return;
                }
                if (!wanted.equals(t.getString("status"))) {
                    problems.add(op.kind() + " " + op.holdId() + " left the hold " + t.getString("status"));
                    return;
                }
                if (op.kind() == ChaosOp.Kind.POST) move(t, t.getLong("posted_amount"));
                statuses.put(op.holdId(), wanted);
                touchedThisCycle.add(op.holdId());
            }
        }
        acknowledged++;
        acknowledgedThisCycle.add(op);
        if (retried) retriedThisCycle.add(op);
    }

    /** created, or exists for a request sent again: a new id that already exists would be a double. */
    private boolean created(ChaosOp op, JsonObject r, boolean retried) {
        String status = r.getString("status");
        if (status.equals("created") || status.equals("exists") && retried) return true;
        if (status.equals("exists")) {
            doubles++;
            problems.add("a new id answered exists on its first sending: " + r.encode());
        } else {
            problems.add(op.kind() + " refused: " + r.encode());
        }
        return false;
    }

    private void move(JsonObject t, long amount) {
        balances.computeIfPresent(t.getString("debit_account"), (k, b) -> b - amount);
        balances.computeIfPresent(t.getString("credit_account"), (k, b) -> b + amount);
    }

    private void problem(ChaosOp op, ChaosHttp.Answer a) {
        problems.add(op.kind() + " " + op.path() + " answered " + a.status() + " " + a.text());
    }

    synchronized void problem(String text) {
        problems.add(text);
    }

    synchronized void doubled(String text) {
        doubles++;
        problems.add(text);
    }

    synchronized Map<String, Long> balances() {
        return new HashMap<>(balances);
    }

    synchronized Map<String, String> statuses() {
        return new HashMap<>(statuses);
    }

    synchronized List<String> allIds() {
        return new ArrayList<>(statuses.keySet());
    }

    /** What the checks after a fault look at: taken, so the next cycle starts afresh. */
    record Cycle(List<String> touched, List<ChaosOp> acknowledged, List<ChaosOp> retried) {
    }

    synchronized Cycle takeCycle() {
        Cycle c = new Cycle(new ArrayList<>(touchedThisCycle), new ArrayList<>(acknowledgedThisCycle),
                new ArrayList<>(retriedThisCycle));
        touchedThisCycle.clear();
        acknowledgedThisCycle.clear();
        retriedThisCycle.clear();
        return c;
    }

    synchronized long requests() {
        return requests;
    }

    synchronized long acknowledged() {
        return acknowledged;
    }

    synchronized long retried() {
        return retried;
    }

    synchronized long doubles() {
        return doubles;
    }

    synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }
}
