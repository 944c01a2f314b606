package fr.mlml.ledger.api;

import fr.mlml.ledger.client.KeyFileSigner;
import fr.mlml.ledger.client.LedgerClient;
import fr.mlml.ledger.client.Transfer;
import fr.mlml.ledger.client.TransferResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shop's till at {@code /till/} in a real browser (Debian's headless Chromium) on a phone-sized window, against the
 * real service: enrolled from a code the back office made, it takes a payment that a citizen pays with the client
 * library, turns green, counts it in the day's takings, refunds within its limits, captures a hold. Screenshots go
 * to {@code target/screenshots/}.
 */
class TillBrowserTest extends BrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dataDir;
    private static ApiFixture f;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        ChromeOptions options = chromium();
        f = new ApiFixture(dataDir, null);
        base = "http://127.0.0.1:" + f.service.port() + "/till/";
        // A phone's screen, 360×740 CSS pixels (a window is never narrower than 500 pixels, a page's view can be).
        open(options).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 360, "height", 740,
                "deviceScaleFactor", 1, "mobile", true));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) f.close();
    }

    /** The API on a connection of its own: the service closes one idle past its header timeout. */
    private static ApiFixture api() {
        return new ApiFixture(f.service.port());
    }

    // ---- what a person does ----

    /** The message shown next to the field labelled {@code label}, without the "Erreur :" a screen reader hears. */
    private static String errorNextTo(String label) {
        String id = field(label).getAttribute("id");
        WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(id + "-error")));
        return error.getText().replaceFirst("^Erreur :\\s*", "");
    }

    /** What a person sees on the phone's screen, 360×740; nothing is wider than it. */
    private static void shot(String name) throws Exception {
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, name + ": nothing wider than the phone's screen, " + overflow + " px too wide");
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A fresh browser profile for the till: nothing stored from an earlier test. */
    private static void freshTill() {
        browser.get(base);
        ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "localStorage.clear(); sessionStorage.clear();"
                + "const r = indexedDB.deleteDatabase('mlml-device-till'); r.onsuccess = r.onerror = r.onblocked = "
                + "() => done(true);");
        browser.get(base);
        browser.navigate().refresh();
    }

    /** The back office's enrollment code for one of {@code member}'s tills. */
    private static String enrollmentCode(String member, String terminal, long refundLimit, long perDay) {
        return expect(201, api().client.post("/v1/members/" + member + "/enrollments", ADMIN, new JsonObject()
                .put("role", "terminal").put("terminal_id", terminal).put("refund_limit", refundLimit)
                .put("refund_limit_per_day", perDay))).json().getString("code");
    }

    /** A citizen with {@code amount} on {@code mlc:<id>}, and the signing key of her phone. */
    private static ApiFixture.Signer citizen(ApiFixture a, String id, long amount) {
        a.member(id, "citizen");
        a.account("mlc:" + id, id, "MLC");
        a.issue("mlc:" + id, amount);
        return a.key(id, id + "-phone");
    }

    /** What the citizen pays with here: the client library, signing with her key. */
    private static LedgerClient paying(ApiFixture a, String id, ApiFixture.Signer key) {
        return new LedgerClient(URI.create("http://127.0.0.1:" + f.service.port() + "/"), a.memberToken(id),
                new KeyFileSigner(key.keyId(), key.seed()));
    }

    /**
     * Read in the page from the till's IndexedDB: [its public key (base64url), what exporting the private key gave,
     * whether the private key says it is extractable].
     */
    @SuppressWarnings("unchecked")
    private static List<Object> storedKey() {
        return (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const open = indexedDB.open('mlml-device-till');"
                + "open.onsuccess = () => {"
                + "  const get = open.result.transaction('device').objectStore('device').get('this');"
                + "  get.onsuccess = async () => {"
                + "    const pair = get.result.keyPair;"
                + "    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));"
                + "    const b64 = btoa(String.fromCharCode(...raw)).replace(/\\+/g, '-').replace(/\\//g, '_')"
                + "      .replace(/=+$/, '');"
                + "    let exported;"
                + "    try { await crypto.subtle.exportKey('pkcs8', pair.privateKey); exported = 'exported'; }"
                + "    catch (e) { exported = e.name; }"
                + "    done([b64, exported, pair.privateKey.extractable]);"
                + "  };"
                + "};");
    }

    // ---- the scenario ----

    @Test
    void aDayAtTheTill() throws Exception {
        ApiFixture a = api();
        a.member("epicerie", "business");
        a.account("mlc:epicerie", "epicerie", "MLC");
        ApiFixture.Signer claireKey = citizen(a, "claire", 10_000);
        LedgerClient claire = paying(a, "claire", claireKey);

        // Enrolled from the back office's code: one refund of at most 10,00, at most 8,00 refunded a day.
        freshTill();
        heading("Inscrire cette caisse");
        type("Code d’inscription", enrollmentCode("epicerie", "caisse-1", 1_000, 800));
        type("Nom de cet appareil (facultatif)", "Tablette du comptoir");
        click("Inscrire la caisse");
        heading("Nouveau paiement");
        bodyShows("La caisse caisse-1 est inscrite.");
        bodyShows("Encaissé sur mlc:epicerie.");

        // The key the ledger registered for the till is the one the browser made, and the page cannot export it.
        List<Object> key = storedKey();
        assertEquals("InvalidAccessError", key.get(1), "the private key cannot leave the browser");
        assertEquals(false, key.get(2));
        JsonArray keys = expect(200, a.client.get("/v1/members/epicerie/signing-keys", ADMIN)).json()
                .getJsonArray("items");
        assertEquals(1, keys.size(), keys.encode());
        assertEquals(key.get(0), keys.getJsonObject(0).getString("public_key"));
        assertEquals("caisse-1", keys.getJsonObject(0).getString("terminal_id"));

        // A payment asked for: its QR code reads as its pay link, shown as text too.
        type("Montant", "12,50");
        type("Libellé (facultatif)", "Table 4");
        shot("till-amount");
        click("Demander le paiement");
        heading("Paiement demandé");
        waiting().until(d -> plain(d.findElement(By.id("to-pay")).getText()).equals("12,50 MLC"));
        String payUrl = browser.findElement(By.id("pay-link")).getText();
        WebElement qr = browser.findElement(By.cssSelector(".till-qr svg"));
        assertEquals("Code QR du lien de paiement", qr.getAttribute("aria-label"));
        assertEquals(payUrl, QrImages.decode(qr.getAttribute("outerHTML")));
        String ref = payUrl.substring(payUrl.lastIndexOf('/') + 1);
        assertTrue(ref.matches("epicerie~p-[0-9a-f]{32}"), "a random id, never a count: " + ref);
        assertTrue(browser.findElement(By.id("expires")).getText().startsWith("À payer avant "));
        assertEquals(payUrl, expect(200, a.client.get("/v1/payment-requests/" + ref, ADMIN)).json()
                .getString("pay_url"));
        shot("till-request");

        // The citizen pays it (the client library signs as her): the till turns green with the amount.
        Map<String, Object> payable = claire.payable(ref);
        assertEquals(1250L, payable.get("amount"));
        TransferResult paid = claire.pay(new Transfer(Transfer.newId(), "mlc:claire", "mlc:epicerie", 1250, "MLC",
                "Table 4", ref.substring(ref.indexOf('~') + 1)));
        assertEquals("created", paid.status());
        WebElement green = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".paid")));
        waiting().until(d -> plain(green.getText()).equals("12,50 MLC\nPayé"));
        heading("Paiement reçu");
        shot("till-paid");

        // The day's takings count it.
        click("Recette du jour");
        heading("Recette du jour");
        rowReads("Paiements reçus", "1");
        rowReads("Encaissé", "12,50 MLC");
        rowReads("Recette nette", "12,50 MLC");

        // Refunds: one within the limits goes through, signed in the browser by the till's key.
        click("Rembourser");
        heading("Rembourser un paiement de 12,50 MLC");
        type("Montant à rembourser", "5,00");
        click("Rembourser ce montant");
        heading("Recette du jour");
        bodyShows("5,00 MLC remboursés au client.");
        rowReads("Remboursé", "5,00 MLC");
        rowReads("Recette nette", "7,50 MLC");
        assertEquals(10_000 - 1250 + 500, a.balance("mlc:claire"));
        String refundId = expect(200, a.client.get("/v1/accounts/mlc:claire/transfers?limit=1", ADMIN)).json()
                .getJsonArray("items").getJsonObject(0).getString("id");
        JsonObject refund = expect(200, a.client.get("/v1/transfers/" + refundId, ADMIN)).json();
        assertEquals(paid.transfer().get("id"), refund.getString("refund_of"));
        assertEquals("caisse-1", refund.getString("terminal_id"), "the till's own refund, signed by its key");

        // One over what the till may refund at once, then one over its day: each refused next to the amount.
        click("Rembourser");
        type("Montant à rembourser", "10,01");
        click("Rembourser ce montant");
        assertEquals("Cette caisse ne peut pas rembourser autant en une fois : c’est au-delà du plafond que le back "
                + "office lui a fixé", errorNextTo("Montant à rembourser"));
        type("Montant à rembourser", "3,01");
        click("Rembourser ce montant");
        waiting().until(d -> errorNextTo("Montant à rembourser").equals("Cette caisse a atteint son plafond de "
                + "remboursements sur 24 heures, fixé par le back office"));
        shot("till-refund-refused");
        assertEquals(10_000 - 1250 + 500, a.balance("mlc:claire"), "the refused refunds moved nothing");

        // A hold the customer made is listed, and captured in part: the rest goes back to her.
        JsonObject hold = ApiFixture.transfer("mlc:claire", "mlc:epicerie", 2_000, "MLC").put("pending_timeout_s", 3600)
                .put("memo", "Caution vélo");
        assertEquals("created", a.send(a.memberToken("claire"), claireKey, hold).getJsonObject(0)
                .getString("status"));
        click("Préautorisations");
        heading("Préautorisations");
        click("Traiter 20,00\u00a0MLC");
        heading("Préautorisation de 20,00 MLC");
        rowReads("Libellé", "Caution vélo");
        type("Montant à encaisser", "15,00");
        shot("till-hold");
        click("Encaisser ce montant");
        heading("Préautorisations");
        bodyShows("15,00 MLC encaissés.");
        bodyShows("Aucune préautorisation en attente.");
        JsonObject captured = expect(200, a.client.get("/v1/transfers/" + hold.getString("id"), ADMIN)).json();
        assertEquals("posted", captured.getString("status"));
        assertEquals(1_500, captured.getLong("posted_amount"));
        click("Recette du jour");
        rowReads("Encaissé", "27,50 MLC");
        rowReads("Recette nette", "22,50 MLC");
        shot("till-takings");

        // Opened again, the till reads on from where it was: a new hold comes, nothing is counted twice; voided, the
        // hold goes back to the customer whole.
        browser.navigate().refresh();
        heading("Recette du jour");
        JsonObject second = ApiFixture.transfer("mlc:claire", "mlc:epicerie", 100, "MLC").put("pending_timeout_s", 600);
        assertEquals("created", a.send(a.memberToken("claire"), claireKey, second).getJsonObject(0)
                .getString("status"));
        click("Préautorisations");
        click("Traiter 1,00\u00a0MLC");
        heading("Préautorisation de 1,00 MLC");
        click("Annuler la préautorisation");
        heading("Préautorisations");
        bodyShows("Préautorisation de 1,00 MLC annulée.");
        assertEquals("voided", expect(200, a.client.get("/v1/transfers/" + second.getString("id"), ADMIN)).json()
                .getString("status"));
        click("Recette du jour");
        rowReads("Paiements reçus", "2");
        rowReads("Encaissé", "27,50 MLC");
        rowReads("Recette nette", "22,50 MLC");
        noScriptErrors();
    }

    /** What the browser signs is the text the ledger rebuilds: members in UTF-16 order, strings escaped alike. */
    @Test
    void theBrowsersCanonicalJsonIsTheLedgers() {
        browser.get(base);
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("z", List.of(1, -2, 9_007_199_254_740_991L, true, false));
        value.put("\uD83D\uDE00", "outside the BMP: by UTF-16 units before \\uFB01, by code points after it");
        value.put("\u00e9", "é, \" \\ \u0007 \u001f \u2028 </script> \uD83D\uDE00");
        value.put("A", Map.of("b", "", "a", Map.of()));
        value.put("\uFB01", "a key above the surrogates");
        value.put("memo", null);
        Object canonical = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "import('/common/js/jcs.js').then(m => {"
                + "  let refused;"
                + "  try { m.canonical({ amount: 12.5 }); refused = 'signed'; } catch (e) { refused = e.name; }"
                + "  done([m.canonical(JSON.parse(arguments[0])), refused]);"
                + "});", fr.mlml.ledger.client.Json.write(value));
        assertEquals(List.of(fr.mlml.ledger.client.Json.canonical(value), "TypeError"), canonical,
                "and an amount that is not a whole number of minor units is never signed");
    }

    @Test
    void aTillWhoseStorageWasWipedIsEnrolledAgainFromItsLink() throws Exception {
        ApiFixture a = api();
        a.member("boulangerie", "business");
        a.account("mlc:boulangerie", "boulangerie", "MLC");
        a.account("mie:boulangerie", "boulangerie", "MIE");
        JsonObject made = expect(201, a.client.post("/v1/members/boulangerie/enrollments", ADMIN, new JsonObject()
                .put("role", "terminal").put("terminal_id", "caisse-a"))).json();
        // The till finds where it may be paid in the directory: its business's accounts, and nothing of their balances.
        JsonObject listed = expect(200, a.client.get("/v1/directory", a.memberToken("boulangerie"))).json()
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("id").equals("boulangerie")).findFirst().orElseThrow();
        assertEquals(new JsonArray().add(new JsonObject().put("id", "mlc:boulangerie").put("currency", "MLC"))
                .add(new JsonObject().put("id", "mie:boulangerie").put("currency", "MIE")),
                listed.getJsonArray("accounts"), "in the order they were opened");
        String link = made.getString("enroll_url");
        assertTrue(link.endsWith("/till/#enroll=" + made.getString("code")), link);

        freshTill();
        browser.get(base + "#enroll=" + made.getString("code"));
        heading("Inscrire cette caisse");
        assertEquals(made.getString("code"), field("Code d’inscription").getAttribute("value"));
        click("Inscrire la caisse");
        heading("Compte qui reçoit les paiements");
        assertFalse(browser.getCurrentUrl().contains(made.getString("code")), "the spent code leaves the address");
        waiting().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//label[normalize-space(.)='mlc:boulangerie — Monnaie citoyenne (MLC)']"))).click();
        click("Encaisser sur ce compte");
        heading("Nouveau paiement");
        bodyShows("Encaissé sur mlc:boulangerie.");
        click("English");
        heading("New payment");
        click("Français");
        heading("Nouveau paiement");

        // While the event stream cannot be reached, the till reads the request itself: it still turns green.
        LedgerClient marc = paying(a, "marc", citizen(a, "marc", 1_000));
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/v1/events/stream*")));
        try {
            browser.navigate().refresh();
            heading("Nouveau paiement");
            type("Montant", "3,20");
            click("Demander le paiement");
            heading("Paiement demandé");
            waiting().until(d -> d.findElement(By.id("live-state")).getText().startsWith("Connexion interrompue"));
            String ref = browser.findElement(By.id("pay-link")).getText().replaceFirst(".*/pay/", "");
            assertEquals("created", marc.pay(new Transfer(Transfer.newId(), "mlc:marc", "mlc:boulangerie", 320, "MLC",
                    null, ref.substring(ref.indexOf('~') + 1))).status());
            heading("Paiement reçu");
            waiting().until(d -> plain(d.findElement(By.id("paid-amount")).getText()).equals("3,20 MLC"));
        } finally {
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }

        // The storage is wiped: the till asks to be enrolled again, and a new code enrols it under its name.
        freshTill();
        heading("Inscrire cette caisse");
        type("Code d’inscription", enrollmentCode("boulangerie", "caisse-a", 100, 100));
        click("Inscrire la caisse");
        heading("Compte qui reçoit les paiements");
        JsonArray keys = expect(200, a.client.get("/v1/members/boulangerie/signing-keys", ADMIN)).json()
                .getJsonArray("items");
        assertEquals(2, keys.size(), "a new key of the browser's: " + keys.encode());
        assertEquals(storedKey().get(0), keys.getJsonObject(1).getString("public_key"));

        // A code already spent is refused next to its field.
        freshTill();
        type("Code d’inscription", made.getString("code"));
        click("Inscrire la caisse");
        assertEquals("Ce code n’est pas valable : il a déjà servi, a expiré ou est mal recopié. Demandez-en un nouveau "
                + "au back office", errorNextTo("Code d’inscription"));
        noScriptErrors();
    }
}
