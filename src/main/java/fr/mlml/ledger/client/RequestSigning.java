package fr.mlml.ledger.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a money-moving request is signed: Ed25519 over {@code mlml-ledger/v1/<operation>\n} followed by the RFC 8785
 * canonical JSON of the body without its {@code signature} member; the body names the key ({@code key_id}).
 */
public final class RequestSigning {
    private RequestSigning() {
    }

    /** {@code body} with {@code key_id} and {@code signature} set; {@code body} itself is left as it was. */
    public static Map<String, Object> sign(String operation, Map<String, Object> body, Signer signer) {
        Map<String, Object> signed = new LinkedHashMap<>(body);
        signed.remove("signature");
        signed.put("key_id", signer.keyId());
        byte[] message = ("mlml-ledger/v1/" + operation + "\n" + Json.canonical(signed))
                .getBytes(StandardCharsets.UTF_8);
        signed.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign(message)));
        return signed;
    }
}
