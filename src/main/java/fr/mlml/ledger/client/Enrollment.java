package fr.mlml.ledger.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device joining a member with the enrollment code the back office gave (no token yet): it sends its own new
 * public key, signed by that key over {@code mlml-ledger/v1/enroll}, and gets its token. The private key never
 * leaves the device. Not retried: a code is good once.
 */
public final class Enrollment {
    private Enrollment() {
    }

    /** Answers {@code {member_id, token, token_id, key_id, terminal_id?}}; the token is shown this once. */
    public static Map<String, Object> enroll(URI server, String code, KeyFileSigner newKey, String deviceName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("key_id", newKey.keyId());
        body.put("public_key", newKey.publicKey());
        if (deviceName != null) body.put("device_name", deviceName);
        return LedgerClient.object(new LedgerClient(server, null, null)
                .call("POST", "v1/enrollments", RequestSigning.sign("enroll", body, newKey), false));
    }
}
