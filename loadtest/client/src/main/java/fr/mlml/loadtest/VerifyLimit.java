package fr.mlml.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limit of the single-transfer path: BouncyCastle Ed25519 verifications per second of a typical signed
 * one-transfer request, on every core at once, nothing else running.
 */
final class VerifyLimit {
    private VerifyLimit() {
    }

    static void main(Args options) throws Exception {
        double seconds = options.decimal("seconds", 10);
        int threads = Runtime.getRuntime().availableProcessors();
        Population population = new Population(10, 10_000);
        population.signers[0] = RequestSigner.generate(Population.memberId(0) + "-k1", new SecureRandom());
        ObjectNode body = Api.JSON.createObjectNode();
        body.putArray("transfers").add(new Workload(population, true).transfer(0, new SplittableRandom(1)));
        body.put("key_id", population.signers[0].keyId());
        byte[] message = RequestSigner.signedBytes("transfers", body);
        byte[] signature = Base64.getUrlDecoder().decode(population.signers[0].signature(message));
        Ed25519PublicKeyParameters key = new Ed25519PublicKeyParameters(
                Base64.getUrlDecoder().decode(population.signers[0].publicKey()), 0);

        LongAdder verified = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                Ed25519Signer verifier = new Ed25519Signer();
                while (!stop.get()) {
                    verifier.init(false, key);
                    verifier.update(message, 0, message.length);
                    if (!verifier.verifySignature(signature)) throw new IllegalStateException("a good signature failed");
                    if (counting.get()) verified.increment();
                }
            });
            workers[t].start();
        }
        Thread.sleep(2_000); // JIT warm-up
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1_000));
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread worker : workers) worker.join();
        System.out.println(Api.JSON.writeValueAsString(Api.JSON.createObjectNode()
                .put("scenario", "verify-limit").put("verifications_per_s", Math.round(verified.sum() / elapsed))
                .put("threads", threads).put("message_bytes", message.length).put("seconds", Math.round(elapsed * 10) / 10.0)));
    }
}
