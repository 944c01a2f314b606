package fr.mlml.ledger.chaos;

import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.RequestSignatures;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.security.SecureRandom;

/** A signing key of a member or of one of its terminals, as its owner's software holds it. */
record Signer(String keyId, byte[] seed) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Signer generate(String keyId) {
        return new Signer(keyId, new Ed25519PrivateKeyParameters(RANDOM).getEncoded());
    }

    String publicKey() {
        return Ed25519.base64url(new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded());
    }

    /** The body as sent: with {@code key_id} and the signature of {@code operation} over it. */
    String sign(String operation, JsonObject body) {
        JsonObject signed = body.copy().put("key_id", keyId);
        return signed.put("signature", RequestSignatures.sign(operation, signed, seed)).encode();
    }
}
