package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser apps' files as a browser and a stranger get them: without a token, each with the strict security
 * headers; nothing outside them; pay links leading to the wallet; and the QR codes the back office draws read back,
 * by another decoder, as the text sent.
 */
class OfficePagesTest {
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

    private static void strictlyHeaded(ApiClient.Answer a) {
        String csp = a.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", a.header("X-Content-Type-Options"));
        assertEquals("DENY", a.header("X-Frame-Options"));
        assertEquals("no-referrer", a.header("Referrer-Policy"));
    }

    @Test
    void pagesAndTheirFilesNeedNoTokenAndCarryTheSecurityHeaders() {
        ApiClient.Answer page = f.client.get("/office/", null);
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.text().contains("<script type=\"module\" src=\"js/app.js\"></script>"));
        strictlyHeaded(page);
        for (String file : new String[] {"/office/js/app.js", "/office/js/messages/fr.js", "/office/office.css",
                "/common/js/money.js", "/common/js/messages/fr.js", "/common/css/app.css"}) {
            ApiClient.Answer a = f.client.get(file, null);
            assertEquals(200, a.status(), file);
            strictlyHeaded(a);
        }
        ApiClient.Answer bare = f.client.get("/office", null);
        assertEquals(302, bare.status());
        assertEquals("/office/", bare.header("Location"));
    }

    @Test
    void theTillIsServedAsTheBackOfficeIsAndOnlyTheWalletMayFilm() {
        for (String file : new String[] {"/till/", "/till/js/app.js", "/till/js/messages/en.js", "/till/till.css",
                "/common/js/device.js", "/office/"}) {
            ApiClient.Answer a = f.client.get(file, null);
            assertEquals(200, a.status(), file);
            strictlyHeaded(a);
            assertTrue(a.header("Permissions-Policy").startsWith("camera=(),"), file);
        }
        assertEquals("/till/", f.client.get("/till", null).header("Location"));
        // The wallet scans pay links' QR codes with the camera, on its own pages only.
        assertTrue(f.client.get("/wallet/", null).header("Permissions-Policy").startsWith("camera=(self),"));
    }

    @Test
    void payLinksOpenTheWalletOnThePaymentOrOnPayingTheAccount() {
        ApiClient.Answer request = f.client.get("/pay/epicerie~p-0123abcd", null);
        assertEquals(302, request.status());
        assertEquals("/wallet/#/pay/epicerie~p-0123abcd", request.header("Location"));
        ApiClient.Answer account = f.client.get("/pay/to/mlc:epicerie", null);
        assertEquals(302, account.status());
        assertEquals("/wallet/#/pay-to/mlc:epicerie", account.header("Location"));
        for (String path : new String[] {"/pay/epicerie", "/pay/Epicerie~p-1", "/pay/epicerie~p-1/x", "/pay/to/",
                "/pay/to/mlc:epicerie~x", "/pay/epicerie~%0d%0aSet-Cookie:x"}) {
            ApiClient.Answer a = f.client.get(path, null);
            assertEquals(404, a.status(), path);
            assertTrue(a.header("Content-Type").startsWith("application/problem+json"), path);
        }
    }

    @Test
    void nothingOutsideThePagesIsServed() {
        for (String path : new String[] {"/office/../pom.xml", "/office/%2e%2e/%2e%2e/pom.xml",
                "/office/js/..%2F..%2F..%2Fconfig/ledger.json", "/office/nope.js", "/office/.hidden",
                "/office/js/", "/office/%00", "/common/../pom.xml", "/common/js/", "/common/%2e%2e/%2e%2e/pom.xml"}) {
            ApiClient.Answer a = f.client.get(path, null);
            assertTrue(a.status() == 404 || a.status() == 400, path + " answered " + a.status());
            assertTrue(a.header("Content-Type").startsWith("application/problem+json"), path);
        }
    }

    @Test
    void aQrCodeReadsBackAsTheTextSent() throws Exception {
        String link = "https://ledger.mlml.example/wallet/#enroll=Zm9vYmFy-0123456789abcdefghijklmnopqrstuv";
        ApiClient.Answer a = f.client.call("POST", "/office/qr.svg", null, link, "text/plain; charset=utf-8");
        assertEquals(200, a.status(), a.text());
        assertEquals("image/svg+xml", a.header("Content-Type"));
        assertEquals("no-store", a.header("Cache-Control"), "an enrollment link is a secret: no cache keeps it");
        assertEquals(link, QrImages.decode(a.text()));
    }

    @Test
    void aQrCodeOfNothingOrOfTooMuchIsRefused() {
        ApiClient.Answer empty = f.client.call("POST", "/office/qr.svg", null, "", "text/plain");
        assertEquals(400, empty.status());
        assertEquals("invalid_request", empty.code());
        ApiClient.Answer big = f.client.call("POST", "/office/qr.svg", null, "x".repeat(2_000), "text/plain");
        assertEquals(413, big.status());
        assertEquals("too_large", big.code());
    }

    /** What the live dashboard relies on: from the report's {@code events_after}, the next change is the next event. */
    @Test
    void theReconciliationSaysFromWhichEventToFollowTheBooks() {
        f.member("suivi", "citizen");
        f.account("mlc:suivi", "suivi", "MLC");
        JsonObject books = expect(200, f.client.get("/v1/reconciliation", ApiFixture.ADMIN)).json();
        JsonObject mlc = books.getJsonArray("currencies").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("currency").equals("MLC")).findFirst().orElseThrow();
        assertEquals(2, mlc.getInteger("scale"), "amounts in cents");
        long after = books.getLong("events_after");
        f.issue("mlc:suivi", 4_200);
        JsonObject next = expect(200, f.client.get("/v1/events?limit=1&wait_s=5&types=issuance.created&after=" + after,
                ApiFixture.ADMIN)).json().getJsonArray("items").getJsonObject(0);
        JsonObject credited = next.getJsonObject("data").getJsonArray("transfers").stream()
                .map(JsonObject.class::cast).filter(t -> t.getString("currency").equals("MLC")).findFirst()
                .orElseThrow();
        assertEquals("mlc:suivi", credited.getString("credit_account"));
        assertEquals(4_200, credited.getLong("amount"));
    }
}
