package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Signed {@code POST /v1/transfers} bodies, made before the timed phase so that signing does not limit it.
 * Request {@code i} is signed by member {@code i % members} and debits only that member's accounts (DESIGN.md §6).
 * Uniform mix: debit among the signer's accounts, credit among all. Hot mix: 80% of debits on the signer's hot
 * account(s) and 80% of credits on the 10 hot accounts. Amounts are 1 to 1,000 cents; every request is generated
 * from its own seeded random, so a run's workload is reproducible.
 */
final class Workload {
    static final int MAX_AMOUNT = 1_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A ready request: who signed it, how many transfers it carries, the exact bytes to send. */
    record Signed(int member, int transfers, Buffer body) {
    }

    private final Population population;
    private final boolean hot;
    private final AtomicLongArray debits;

    Workload(Population population, boolean hot) {
        this.population = population;
        this.hot = hot;
        this.debits = new AtomicLongArray(population.accounts);
    }

    List<Signed> generate(int requests, int transfersPerRequest, long seed) {
        return IntStream.range(0, requests).parallel()
                .mapToObj(i -> request(i, transfersPerRequest, new SplittableRandom(seed + i)))
                .collect(Collectors.toList());
    }

    /** The sum of every generated debit of an account: funding it with that much keeps it above its floor of 0. */
    long debitsOf(int account) {
        return debits.get(account);
    }

    private Signed request(int index, int transfers, SplittableRandom random) {
        int member = index % population.members;
        ObjectNode body = NODES.objectNode();
        ArrayNode list = body.putArray("transfers");
        for (int t = 0; t < transfers; t++) list.add(transfer(member, random));
        byte[] bytes = population.signers[member].signedBody("transfers", body);
        return new Signed(member, transfers, Buffer.buffer(bytes));
    }

    ObjectNode transfer(int member, SplittableRandom random) {
        int debit = debitAccount(member, random);
        int credit;
        do {
            credit = hot && random.nextInt(10) < 8 ? random.nextInt(Population.HOT) : random.nextInt(population.accounts);
        } while (credit == debit);
        long amount = 1 + random.nextInt(MAX_AMOUNT);
        debits.addAndGet(debit, amount);
        ObjectNode transfer = NODES.objectNode();
        transfer.put("id", uuid(random));
        transfer.put("debit_account", Population.accountId(debit));
        transfer.put("credit_account", Population.accountId(credit));
        transfer.put("amount", amount);
        transfer.put("currency", "MLC");
        return transfer;
    }

    private int debitAccount(int member, SplittableRandom random) {
        int k = hot && random.nextInt(10) < 8
                ? random.nextInt(population.hotOwnedBy(member))
                : random.nextInt(population.ownedBy(member));
        return member + k * population.members;
    }

    /** A version 4 UUID from the request's seeded random (UUID.randomUUID would make generation slow and irreproducible). */
    static String uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
