package fr.mlml.ledger.api;

import fr.mlml.ledger.crypto.RequestSignatures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counter scene with two browsers, as in a shop: the shop's till and a citizen's phone, each enrolled from a code
 * the back office made. The till asks for an amount and shows the request's QR code; the QR code read off the till's
 * page opens the wallet, which shows what it pays and pays it; the till turns green within 2 s, from the ledger's
 * event stream; both balances move. The phone's private key cannot be exported, and the signature the ledger
 * accepted verifies under the public key the phone registered. An answer lost after the ledger committed is sent
 * again with the same id: {@code exists}, one payment only.
 *
 * <p>{@code -Dcounter.payments=100} runs that many payments and prints the time from the wallet's "pay" click to the
 * till turning green (each browser's clock is the machine's: {@code Date.now()} in both).
 */
class CounterBrowserTest {
    private static final int PAYMENTS = Integer.getInteger("counter.payments", 3);
    private static final Duration GREEN_WITHIN = Duration.ofSeconds(2);

    @TempDir
    static Path dataDir;
    private static ApiFixture f;
    private static Browser till;
    private static Browser phone;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null);
        till = Browser.open(360, 740, Path.of("target", "till-downloads"));
        phone = Browser.open(360, 740, Path.of("target", "wallet-downloads"));
        expect(201, f.client.post("/v1/members", ADMIN, new JsonObject().put("id", "fournil")
                .put("name", "Le Fournil de Wazemmes").put("kind", "business")));
        f.account("mlc:fournil", "fournil", "MLC");
        expect(201, f.client.post("/v1/members", ADMIN, new JsonObject().put("id", "claire").put("name", "Claire")
                .put("kind", "citizen")));
        f.account("mlc:claire", "claire", "MLC");
        f.issue("mlc:claire", 1_000_00);
        String tillLink = api().enrollment("fournil", new JsonObject().put("role", "terminal")
                .put("terminal_id", "caisse-1")).getString("enroll_url");
        till.get(tillLink);
        till.heading("Inscrire cette caisse");
        till.click("Inscrire la caisse");
        till.heading("Nouveau paiement");
        WalletBrowserTest.enrol(phone, api(), "claire");
    }

    @AfterAll
    static void stop() throws Exception {
        if (till != null) till.close();
        if (phone != null) phone.close();
        if (f != null) f.close();
    }

    private static ApiFixture api() {
        return new ApiFixture(f.service.port());
    }

    /** The till asks for {@code amount} (typed as a cashier does); the link its QR code holds, read off the page. */
    private static String tillAsks(String amount) throws Exception {
        return tillAsks(amount, null);
    }

    private static String tillAsks(String amount, String memo) throws Exception {
        till.get(till.driver.getCurrentUrl().replaceFirst("#.*$", "#/"));
        till.heading("Nouveau paiement");
        till.type("Montant", amount);
        if (memo != null) till.type("Libellé (facultatif)", memo);
        till.click("Demander le paiement");
        till.heading("Paiement demandé");
        String svg = till.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                ".till-qr svg"))).getAttribute("outerHTML");
        String link = QrImages.decode(svg);
        assertEquals(till.driver.findElement(By.id("pay-link")).getAttribute("href"), link, "the QR code is the link");
        // The till's screen turning green is stamped in the page, so the time is the browser's, not a poll's.
        till.script("window.paidAt = null; new MutationObserver(() => { if (!window.paidAt "
                + "&& document.querySelector('#request-state .paid')) window.paidAt = Date.now(); })"
                + ".observe(document.body, { childList: true, subtree: true });");
        return link;
    }

    /** The wallet opened on the link, as the phone's camera would: what the payer confirms, and its button. */
    private static void phoneOpens(String link, String amount) {
        phone.get("about:blank");
        phone.get(link);
        phone.heading("Payer Le Fournil de Wazemmes");
        assertEquals(amount + " MLC", phone.text("pay-amount"));
        phone.script("document.getElementById('pay').addEventListener('click', () => {"
                + " window.clickedAt = Date.now(); }, { capture: true });");
    }

    /** Waits at most 2 s for the till to show "Payé" in green; the milliseconds from the click to that. */
    private static long tillTurnsGreen(String amount) {
        till.waiting(GREEN_WITHIN).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#request-state .paid")));
        assertEquals(amount + " MLC", till.text("paid-amount"));
        long paidAt = ((Number) till.script("return window.paidAt;")).longValue();
        long clickedAt = ((Number) phone.script("return window.clickedAt;")).longValue();
        return paidAt - clickedAt;
    }

    @Test
    void aCustomerPaysTheTillWithAPhone() throws Exception {
        long shopBefore = api().balance("mlc:fournil");
        long claireBefore = api().balance("mlc:claire");
        List<Long> times = new ArrayList<>();
        long paid = 0;
        for (int i = 0; i < PAYMENTS; i++) {
            long cents = i == 0 ? 12_50 : 1_00 + i;
            String amount = String.format("%d,%02d", cents / 100, cents % 100);
            String link = tillAsks(amount, i == 0 ? "2 baguettes et un pain de campagne" : null);
            if (i == 0) till.shot("counter-till-request");
            phoneOpens(link, amount);
            if (i == 0) phone.shot("wallet-confirm");
            phone.click("Payer " + amount + " MLC");
            times.add(tillTurnsGreen(amount));
            paid += cents;
            phone.heading("Paiement effectué");
            assertEquals(euros(claireBefore - paid) + " MLC", phone.text("balance-after"), "what the phone has left");
            if (i == 0) {
                phone.shot("wallet-paid");
                till.shot("counter-till-paid");
            }
        }
        assertEquals(shopBefore + paid, api().balance("mlc:fournil"));
        assertEquals(claireBefore - paid, api().balance("mlc:claire"));
        till.click("Recette du jour");
        till.heading("Recette du jour");
        // What the shop took today, on its till: all its account received (it had nothing before, refunded nothing).
        String received = euros(api().balance("mlc:fournil")) + " MLC";
        till.waiting().until(d -> Browser.plain(d.findElement(By.xpath("//dt[normalize-space(.)='Encaissé']"
                + "/following-sibling::dd[1]")).getText()).equals(received));
        phone.click("Retour à mes comptes");
        phone.heading("Mes comptes — Claire");
        Collections.sort(times);
        System.out.printf("counter: %d payments, click on the phone to the till green: p50 %d ms, p99 %d ms, "
                + "max %d ms%n", times.size(), percentile(times, 50), percentile(times, 99),
                times.get(times.size() - 1));
        phone.noScriptErrors();
        till.noScriptErrors();
    }

    /** "1 234,50" from 123450, as the pages write it in French. */
    private static String euros(long units) {
        return Browser.plain(String.format(java.util.Locale.FRANCE, "%,d", units / 100)) + "," + String.format("%02d",
                units % 100);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    @Test
    void theKeyNeverLeavesThePhoneAndSignedWhatTheLedgerAccepted() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) phone.asyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const open = indexedDB.open('mlml-device-wallet');"
                + "open.onsuccess = () => {"
                + "const get = open.result.transaction('device').objectStore('device').get('this');"
                + "get.onsuccess = async () => { const { keyPair, keyId } = get.result;"
                + "const exported = await crypto.subtle.exportKey('pkcs8', keyPair.privateKey).then(() => 'exported',"
                + "  (e) => e.name);"
                + "const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));"
                + "done({ keyId, exported, extractable: keyPair.privateKey.extractable,"
                + "  publicKey: btoa(String.fromCharCode(...raw)) }); }; };");
        assertEquals("InvalidAccessError", key.get("exported"), "the private key cannot be exported");
        assertEquals(false, key.get("extractable"));
        byte[] publicKey = Base64.getDecoder().decode((String) key.get("publicKey"));
        JsonObject registered = expect(200, api().client.get("/v1/members/claire/signing-keys", ADMIN)).json()
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(k -> k.getString("key_id").equals(key.get("keyId"))).findFirst().orElseThrow();
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey),
                registered.getString("public_key"), "the ledger holds the phone's own public key");

        // A payment, the body the phone sent kept as it went: the ledger accepted it, and its signature is the
        // phone's (it verifies under that public key, over exactly what was sent).
        String link = tillAsks("2,00");
        phoneOpens(link, "2,00");
        phone.script("const real = window.fetch; window.sent = [];"
                + "window.fetch = (url, init) => {"
                + " if (String(url).endsWith('/v1/transfers')) window.sent.push(init.body);"
                + " return real(url, init); };");
        phone.click("Payer 2,00 MLC");
        tillTurnsGreen("2,00");
        phone.heading("Paiement effectué");
        JsonObject body = new JsonObject((String) ((List<?>) phone.script("return window.sent;")).get(0));
        assertEquals(key.get("keyId"), body.getString("key_id"));
        assertTrue(RequestSignatures.verify("transfers", body, publicKey, body.getString("signature")),
                "the phone's key signed what the ledger took");
        String id = body.getJsonArray("transfers").getJsonObject(0).getString("id");
        assertEquals(phone.text("paid-id"), id);
        expect(200, api().client.get("/v1/transfers/" + id, ADMIN));
    }

    @Test
    void anAnswerLostAfterTheLedgerCommittedIsSentAgainAndPaysOnce() throws Exception {
        long claireBefore = api().balance("mlc:claire");
        String link = tillAsks("3,00");
        phoneOpens(link, "3,00");
        // The network drops the ledger's answer: the request reached the ledger, which committed, and the phone
        // gets a network error instead of the answer (as when a phone loses its signal at that moment).
        phone.script("const real = window.fetch; window.fetch = async (url, init) => {"
                + " const answer = await real(url, init);"
                + " if (String(url).endsWith('/v1/transfers')) throw new TypeError('Failed to fetch');"
                + " return answer; };");
        phone.click("Payer 3,00 MLC");
        phone.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("unknown")));
        phone.bodyShows("Pas de réponse du registre");
        assertFalse(phone.driver.findElements(By.id("paid")).stream().anyMatch(e -> e.isDisplayed()),
                "no answer is never shown as paid");
        tillTurnsGreen("3,00");
        assertEquals(claireBefore - 3_00, api().balance("mlc:claire"), "the ledger took it");
        phone.shot("wallet-no-answer");

        // The phone is closed and opened again: its accounts say a payment is waiting for an answer; on the same
        // request, the payment is there with the same id, and sending it again answers exists.
        phone.get("about:blank");
        phone.get(link.replaceFirst("/pay/.*$", "/wallet/#/"));
        phone.heading("Mes comptes — Claire");
        phone.bodyShows("Paiement sans réponse");
        phone.bodyShows("3,00 MLC à Le Fournil de Wazemmes");
        phone.get(link);
        phone.heading("Payer Le Fournil de Wazemmes");
        phone.bodyShows("Pas de réponse du registre");
        phone.script("const real = window.fetch; window.answers = []; window.fetch = async (url, init) => {"
                + " const answer = await real(url, init);"
                + " if (String(url).endsWith('/v1/transfers')) window.answers.push(await answer.clone().text());"
                + " return answer; };");
        phone.click("Réessayer le paiement");
        phone.heading("Paiement effectué");
        JsonArray results = new JsonObject((String) ((List<?>) phone.script("return window.answers;")).get(0))
                .getJsonArray("results");
        assertEquals("exists", results.getJsonObject(0).getString("status"));
        assertEquals(phone.text("paid-id"), results.getJsonObject(0).getString("id"));
        assertEquals(claireBefore - 3_00, api().balance("mlc:claire"), "paid once");
        long payments = expect(200, api().client.get("/v1/accounts/mlc:claire/transfers?limit=1000", ADMIN)).json()
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(t -> t.getLong("amount") == 3_00).count();
        assertEquals(1, payments, "one transfer only");
    }
}
