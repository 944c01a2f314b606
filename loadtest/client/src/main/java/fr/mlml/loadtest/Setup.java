package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Sets a population up through the API with the admin token, field names as in DESIGN.md §6: members, their
 * signing keys and member tokens, their MLC accounts, then issuances that fund every account with what the
 * workload will debit from it.
 */
final class Setup {
    private static final int IN_FLIGHT = 64;

    /** One setup call: what to send, and the status DESIGN.md §6 says it answers. */
    private record Call(HttpMethod method, String path, Object body, int expected) {
    }

    private final Api api;
    private final String adminToken;

    Setup(Api api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    void membersAndAccounts(Population population) {
        SecureRandom random = new SecureRandom();
        for (int m = 0; m < population.members; m++) {
            population.signers[m] = RequestSigner.generate(Population.memberId(m) + "-k1", random);
        }
        all(population.members, m -> new Call(HttpMethod.POST, "/v1/members", object()
                .put("id", Population.memberId(m)).put("name", "Load test business " + m).put("kind", "business"), 201));
        all(population.members, m -> new Call(HttpMethod.POST, "/v1/members/" + Population.memberId(m) + "/signing-keys",
                object().put("key_id", population.signers[m].keyId()).put("public_key", population.signers[m].publicKey()), 201));
        for (int m = 0; m < population.members; m++) {
            JsonNode answer = api.expect(201, HttpMethod.POST, "/v1/members/" + Population.memberId(m) + "/tokens",
                    adminToken, object().put("role", "member"));
            if (!answer.path("token").isTextual()) throw new CheckFailed("a member token answer without token: " + answer);
            population.tokens[m] = answer.get("token").asText();
        }
        all(population.accounts, a -> new Call(HttpMethod.POST, "/v1/accounts", object()
                .put("id", Population.accountId(a)).put("member_id", Population.memberId(population.owner(a)))
                .put("currency", "MLC"), 201));
    }

    void fund(Population population, Workload workload, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] ids = new String[population.accounts];
        for (int a = 0; a < ids.length; a++) ids[a] = Workload.uuid(random);
        all(population.accounts, a -> new Call(HttpMethod.POST, "/v1/issuances", object().put("id", ids[a])
                .put("to_account", Population.accountId(a)).put("amount", workload.debitsOf(a) + 1)
                .put("reference", "load test funding"), 200));
    }

    private static ObjectNode object() {
        return Api.JSON.createObjectNode();
    }

    /** Sends {@code n} calls, at most {@link #IN_FLIGHT} at a time; the first unexpected answer stops the run. */
    private void all(int n, IntFunction<Call> calls) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<String> failure = new AtomicReference<>();
        for (int i = 0; i < n && failure.get() == null; i++) {
            Call call = calls.apply(i);
            slots.acquireUninterruptibly();
            byte[] body = Api.write(call.body());
            api.send(call.method(), call.path(), adminToken, Buffer.buffer(body)).onComplete(done -> {
                Reply reply = done.result();
                String problem = reply.status() != call.expected() ? reply.status() + ", " + reply.body()
                        : rejection(call, reply);
                if (problem != null) {
                    failure.compareAndSet(null, call.method() + " " + call.path() + " answered " + problem
                            + "\n  where DESIGN.md §6 says " + call.expected() + (call.expected() == 200 ? " created" : "")
                            + "\n  request: " + new String(body, StandardCharsets.UTF_8));
                }
                slots.release();
            });
        }
        slots.acquireUninterruptibly(IN_FLIGHT);
        if (failure.get() != null) throw new CheckFailed(failure.get());
    }

    /** Issuances answer 200 with a status: anything but created is a refusal. */
    private static String rejection(Call call, Reply reply) {
        if (call.expected() != 200) return null;
        JsonNode answer = Api.read(reply.body());
        return "created".equals(answer.path("status").asText()) ? null : "200 but not created: " + answer;
    }
}
