package fr.mlml.ledger;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The address links are written with: from the environment over the config, checked, without a trailing slash. */
class ServiceSettingsTest {
    @Test
    void thePublicUrlComesFromTheEnvironmentOverTheConfig() {
        JsonObject service = new JsonObject().put("public_url", "https://config.example");
        assertEquals("https://ledger.mlml.example", ServiceSettings.of(service,
                Map.of("LEDGER_PUBLIC_URL", "https://ledger.mlml.example/")).publicUrl());
        assertEquals("https://config.example", ServiceSettings.of(service, Map.of()).publicUrl());
        assertNull(ServiceSettings.of(new JsonObject(), Map.of()).publicUrl(), "none: the service's own address");
        for (String bad : new String[] {"ledger.example", "javascript:alert(1)", "https://a b", "https://x/#frag",
                "ftp://x"}) {
            assertThrows(IllegalArgumentException.class, () -> ServiceSettings.of(new JsonObject(),
                    Map.of("LEDGER_PUBLIC_URL", bad)), bad);
        }
    }
}
