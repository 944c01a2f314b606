package fr.mlml.ledger.api;

import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.crypto.Ed25519;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members' public keys the event loops verify signatures with: a copy of the ledger's, filled at start and kept
 * up to date as keys are registered and revoked (a revoked key is put again, as the ledger has it now). The ledger
 * checks the key again when it applies the command, so a revocation racing a request still wins. Each key is decoded
 * into its point of the curve once, here, not at every verification (the decoding is a square root in the field).
 */
final class SigningKeys {
    /** A key as the ledger has it, and its public key decoded (null if it is no point of the curve: never matches). */
    record Key(SigningKeyView view, Ed25519PublicKeyParameters publicKey) {
    }

    private final Map<String, Key> byId = new ConcurrentHashMap<>();

    void put(SigningKeyView k) {
        Ed25519PublicKeyParameters decoded;
        try {
            decoded = Ed25519.publicKey(k.publicKey());
        } catch (IllegalArgumentException notAPoint) {
            decoded = null;
        }
        byId.put(k.keyId(), new Key(k, decoded));
    }

    Key get(String keyId) {
        return byId.get(keyId);
    }
}
