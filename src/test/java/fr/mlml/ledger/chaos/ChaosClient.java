package fr.mlml.ledger.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static fr.mlml.ledger.chaos.ServiceProcess.ADMIN;

/**
 * One member's software: sends a mix of signed payments (single and atomic pairs, MLC and MIE), conversions, holds
 * that it then posts or voids, and till refunds, one request at a time. A request without an answer, or answered
 * 503, is sent again with the same bytes until it is answered; only then does the client go on.
 */
final class ChaosClient implements Runnable {
    /** Longest a request may stay unanswered (across restarts) before the run fails. */
    private static final long ANSWER_DEADLINE_MS = 120_000;

    private final ChaosHttp http;
    private final ChaosBooks books;
    private final ChaosMember me;
    private final ChaosMember next;
    private final Random random;
    private final BooleanSupplier stopping;

    ChaosClient(ChaosHttp http, ChaosBooks books, ChaosMember me, ChaosMember next, long seed,
                BooleanSupplier stopping) {
        this.http = http;
        this.books = books;
        this.me = me;
        this.next = next;
        this.random = new Random(seed);
        this.stopping = stopping;
    }

    @Override
    public void run() {
        try {
            while (!stopping.getAsBoolean()) step();
        } catch (RuntimeException | AssertionError e) {
            books.problem("client " + me.business() + " stopped: " + e);
        }
    }

    private void step() {
        int pick = random.nextInt(100);
        if (pick < 30) {
            transfers(me.citizenToken(), me.citizenKey(), false, payment(me.mlcOfCitizen(), me.mlcOfBusiness(), "MLC"));
        } else if (pick < 45) {
            transfers(me.businessToken(), me.businessKey(), true, payment(me.mlcOfBusiness(), next.mlcOfBusiness(),
                    "MLC"), payment(me.mieOfBusiness(), next.mieOfBusiness(), "MIE"));
        } else if (pick < 55) {
            transfers(me.businessToken(), me.businessKey(), false, payment(me.mieOfBusiness(), next.mieOfBusiness(),
                    "MIE"));
        } else if (pick < 65) {
            convert(new JsonObject().put("to_currency", "EUR").put("reference", "payout"));
        } else if (pick < 75) {
            convert(new JsonObject().put("to_account", me.mieOfBusiness()));
        } else if (pick < 90) {
            holdThenResolve();
        } else {
            purchaseThenRefund();
        }
    }

    /** A citizen's purchase at its shop, then part of it given back by the shop's till, naming the purchase. */
    private void purchaseThenRefund() {
        JsonObject purchase = payment(me.mlcOfCitizen(), me.mlcOfBusiness(), "MLC");
        transfers(me.citizenToken(), me.citizenKey(), false, purchase);
        JsonObject refund = payment(me.mlcOfBusiness(), me.mlcOfCitizen(), "MLC")
                .put("amount", 1 + random.nextInt(purchase.getInteger("amount")))
                .put("refund_of", purchase.getString("id"));
        transfers(me.tillToken(), me.tillKey(), false, refund);
    }

    private JsonObject payment(String debit, String credit, String currency) {
        return new JsonObject().put("id", UUID.randomUUID().toString()).put("debit_account", debit)
                .put("credit_account", credit).put("amount", 1 + random.nextInt(500)).put("currency", currency);
    }

    private void transfers(String token, Signer key, boolean atomic, JsonObject... ts) {
        JsonObject body = new JsonObject().put("transfers", new JsonArray(List.of((Object[]) ts)));
        if (atomic) body.put("atomic", true);
        deliver(ChaosOp.of(ChaosOp.Kind.TRANSFERS, "/v1/transfers", token, key.sign("transfers", body)));
    }

    private void convert(JsonObject target) {
        JsonObject body = target.put("id", UUID.randomUUID().toString()).put("from_account", me.mlcOfBusiness())
                .put("amount", 100 + random.nextInt(1_000));
        deliver(ChaosOp.of(ChaosOp.Kind.CONVERSION, "/v1/conversions", me.businessToken(),
                me.businessKey().sign("conversion", body)));
    }

    /** A citizen's hold at its shop's till, then captured (in part or whole) by the till, or voided by the citizen. */
    private void holdThenResolve() {
        JsonObject hold = payment(me.mlcOfCitizen(), me.mlcOfBusiness(), "MLC").put("pending_timeout_s", 3_600);
        transfers(me.citizenToken(), me.citizenKey(), false, hold);
        String id = hold.getString("id");
        String path = "/v1/transfers/" + id;
        if (random.nextBoolean()) {
            JsonObject body = new JsonObject().put("id", id).put("amount", 1 + random.nextInt(hold.getInteger("amount")));
            deliver(new ChaosOp(ChaosOp.Kind.POST, path + "/post", me.tillToken(), me.tillKey().sign("post", body), id));
        } else {
            deliver(new ChaosOp(ChaosOp.Kind.VOID, path + "/void", me.citizenToken(),
                    me.citizenKey().sign("void", new JsonObject().put("id", id)), id));
        }
    }

    private void deliver(ChaosOp op) {
        Delivery a = answered(http, "POST", op.path(), op.token(), op.body());
        books.record(op, a.answer(), a.retried(), id -> answered(http, "GET", "/v1/transfers/" + id, ADMIN, null)
                .answer().json());
    }

    record Delivery(ChaosHttp.Answer answer, boolean retried) {
    }

    /** Sends until the service answers something else than 503 (it is down or recovering meanwhile). */
    static Delivery answered(ChaosHttp http, String method, String path, String token, String body) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_DEADLINE_MS);
        boolean retried = false;
        while (true) {
            ChaosHttp.Answer a = http.send(method, path, token, body);
            if (a != null && a.status() != 503) return new Delivery(a, retried);
            if (System.nanoTime() > deadline) {
                throw new AssertionError(method + " " + path + " unanswered for " + ANSWER_DEADLINE_MS + " ms");
            }
            retried = true;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while retrying " + path);
            }
        }
    }
}
