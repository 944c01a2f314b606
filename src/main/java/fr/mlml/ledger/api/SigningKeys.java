package fr.mlml.ledger.api;

import fr.mlml.ledger.core.SigningKeyView;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members' public keys the event loops verify signatures with: a copy of the ledger's, filled at start and kept
 * up to date as keys are registered and revoked (a revoked key is put again, as the ledger has it now). The ledger checks the key again when it applies the command, so a
 * revocation racing a request still wins.
 */
final class SigningKeys {
    private final Map<String, SigningKeyView> byId = new ConcurrentHashMap<>();

    void put(SigningKeyView k) {
        byId.put(k.keyId(), k);
    }

    SigningKeyView get(String keyId) {
        return byId.get(keyId);
    }
}
