package fr.mlml.ledger.api;

import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.RequestSignatures;

import java.util.Objects;

/**
 * Checks the signature of a money-moving request (DESIGN.md §4) on the event loop that received it, so
 * verifications run in parallel and never on the engine thread. The key must be a live key of the caller's member,
 * and the caller's own: a member token signs with the member's keys, a terminal token with its terminal's keys.
 */
final class SignedRequests {
    private static final int MAX_SIGNATURE = 128;

    private final SigningKeys keys;

    SignedRequests(SigningKeys keys) {
        this.keys = keys;
    }

    /** The id of the key that signed the body, or a 403 {@code bad_signature}. */
    String verify(String operation, JsonInput body, Caller caller) {
        String keyId = body.id("key_id");
        String signature = body.text("signature", MAX_SIGNATURE);
        SigningKeys.Key found = keys.get(keyId);
        SigningKeyView key = found == null ? null : found.view();
        if (key == null || key.revoked() || !caller.isMember(key.memberId())
                || !Objects.equals(key.terminalId(), caller.terminalId())) {
            throw ApiProblem.badSignature("key " + keyId + " is not a live signing key of this "
                    + (caller.terminalId() == null ? "member" : "terminal"));
        }
        if (found.publicKey() == null
                || !RequestSignatures.verifyDecoded(operation, body.json(), found.publicKey(), signature)) {
            throw ApiProblem.badSignature("the signature does not match the body");
        }
        return keyId;
    }

    /** A base64url public key of 32 bytes, in its one canonical spelling, that is a point of the curve. */
    static byte[] publicKey(JsonInput body, String field) {
        String text = body.text(field, 64);
        try {
            byte[] key = Ed25519.fromBase64url(text);
            if (!Ed25519.base64url(key).equals(text)) throw new IllegalArgumentException("not canonical");
            Ed25519.publicKey(key);
            return key;
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(body.at(field), "must be a 32-byte Ed25519 public key, base64url without padding");
        }
    }
}
