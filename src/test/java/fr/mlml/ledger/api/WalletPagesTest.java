package fr.mlml.ledger.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wallet's files as a phone gets them: without a token, with the strict security headers, and the camera
 * allowed to the wallet's own pages only (to read a till's QR code); no other page may film.
 */
class WalletPagesTest {
    @TempDir
    static Path dataDir;
    private static ApiFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void theWalletIsServedStrictlyAndOnlyItMayUseTheCamera() {
        for (String file : new String[] {"", "js/app.js", "js/payments.js", "js/messages/fr.js", "wallet.css"}) {
            ApiClient.Answer a = f.client.get("/wallet/" + file, null);
            assertEquals(200, a.status(), file);
            String csp = a.header("Content-Security-Policy");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
            assertEquals("nosniff", a.header("X-Content-Type-Options"));
            assertTrue(a.header("Permissions-Policy").contains("camera=(self)"), a.header("Permissions-Policy"));
        }
        assertTrue(f.client.get("/wallet/", null).text().contains("<script type=\"module\" src=\"js/app.js\">"));
        for (String page : new String[] {"/office/", "/common/js/api.js"}) {
            String policy = f.client.get(page, null).header("Permissions-Policy");
            assertTrue(policy.contains("camera=()"), page + ": " + policy);
        }
        assertEquals("/wallet/", f.client.get("/wallet", null).header("Location"));
    }
}
