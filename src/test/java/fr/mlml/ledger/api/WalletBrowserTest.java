package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wallet at {@code /wallet/} in a real browser on a phone-sized window (360×740), against the real service, as
 * a citizen and a business use it: enrolling from a code, paying a business found in the directory or from its
 * printed QR code, reading the history and downloading a statement, enrolling again after the phone was wiped,
 * converting. One browser serves the class; each test enrols afresh as its own member.
 */
class WalletBrowserTest {
    private static final Path DOWNLOADS = Path.of("target", "wallet-downloads");

    @TempDir
    static Path dataDir;
    private static ApiFixture f;
    private static Browser phone;
    private static String site;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null);
        // The address the service writes in its links (enroll_url, pay_url): the wallet follows only its own site's.
        site = "http://localhost:" + f.service.port();
        phone = Browser.open(360, 740, DOWNLOADS);
        f.member("boulangerie", "business");
        f.account("mlc:boulangerie", "boulangerie", "MLC");
    }

    @AfterAll
    static void stop() throws Exception {
        if (phone != null) phone.close();
        if (f != null) f.close();
    }

    /** The service's API on a connection of its own (the service closes one left idle 10 s, as the browser may). */
    private static ApiFixture api() {
        return new ApiFixture(f.service.port());
    }

    /** A citizen {@code id} with {@code cents} in its MLC account, enrolled in the phone from its enroll_url. */
    private static void enrolledCitizen(String id, long cents) {
        api().member(id, "citizen");
        api().account("mlc:" + id, id, "MLC");
        if (cents > 0) api().issue("mlc:" + id, cents);
        enrol(id);
    }

    private static void enrol(String member) {
        enrol(phone, api(), member);
    }

    /**
     * {@code phone}'s wallet, its storage wiped, enrolled as {@code member} from the enroll_url of a code the back
     * office made, as a person opens it; on the accounts screen after.
     */
    static void enrol(Browser phone, ApiFixture api, String member) {
        String link = api.enrollment(member, new JsonObject().put("role", "member")).getString("enroll_url");
        phone.wipe(java.net.URI.create(link).resolve("/").toString().replaceFirst("/$", ""));
        phone.get("about:blank");
        phone.get(link);
        phone.heading("Inscrire cet appareil");
        phone.type("Nom de cet appareil (facultatif)", "Téléphone de " + member);
        phone.click("Inscrire cet appareil");
        phone.waiting().until(ExpectedConditions.textMatches(By.tagName("h1"), java.util.regex.Pattern.compile(
                "^Mes comptes — ")));
    }

    private static String balanceCard(String account) {
        return Browser.plain(phone.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-account='" + account + "'] .amount"))).getText());
    }

    @Test
    void aCitizenPaysABusinessFoundInTheDirectoryAndReadsItInItsHistory() throws Exception {
        enrolledCitizen("claire", 50_00);
        assertEquals("50,00 MLC", balanceCard("mlc:claire"));
        phone.fitsTheWindow();
        phone.shot("wallet-home");

        phone.click("Annuaire");
        phone.heading("Annuaire des commerces");
        phone.type("Rechercher un commerce", "BOULANG");
        phone.bodyShows("1 commerce");
        phone.shot("wallet-directory");
        phone.click("Payer en MLC");
        phone.heading("Payer Member boulangerie");
        phone.click("Continuer");
        WebElement error = phone.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-field=amount] .error-message")));
        assertEquals("Erreur : Saisissez le montant à payer", Browser.plain(error.getAttribute("textContent")));
        phone.type("Montant à payer", "3,20");
        phone.type("Motif (facultatif)", "2 croissants");
        phone.click("Continuer");
        phone.heading("Vérifiez votre paiement");
        assertEquals("3,20 MLC", phone.text("pay-amount"));
        phone.click("Payer 3,20 MLC");
        phone.heading("Paiement effectué");
        assertEquals("Vous avez payé 3,20 MLC à Member boulangerie.", phone.text("paid"));
        assertEquals("46,80 MLC", phone.text("balance-after"));
        assertEquals(46_80, api().balance("mlc:claire"));
        String id = phone.text("paid-id");
        JsonObject paid = expect(200, api().client.get("/v1/transfers/" + id, ADMIN)).json();
        assertEquals("mlc:boulangerie", paid.getString("credit_account"));
        assertEquals("2 croissants", paid.getString("memo"));

        phone.click("Retour à mes comptes");
        assertEquals("46,80 MLC", balanceCard("mlc:claire"));
        phone.click("Historique et relevés");
        phone.heading("Monnaie citoyenne");
        WebElement row = phone.waiting().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//tr[td[normalize-space(.)='2 croissants']]")));
        String shown = Browser.plain(row.getText());
        assertTrue(shown.contains("mlc:boulangerie") && shown.contains("−3,20 MLC") && shown.contains("46,80 MLC"),
                shown);
        phone.fitsTheWindow();
        phone.shot("wallet-history");
        phone.click("Télécharger le relevé (CSV)");
        Path csv = phone.downloaded("mlc-claire_[0-9-_]+\\.csv");
        assertTrue(Files.readString(csv).contains(id + ",posted,mlc:claire,mlc:boulangerie,320,4680,2 croissants"),
                Files.readString(csv));
        phone.noScriptErrors();
    }

    @Test
    void aShopsPrintedQrCodeOpensTheWalletOnItsAccountAndThePayerTypesTheAmount() throws Exception {
        enrolledCitizen("paul", 10_00);
        // What a shop prints: its account's link. Typed in the scan screen as a phone without a camera would.
        phone.click("Payer");
        phone.heading("Payer avec un code QR");
        phone.type("Lien ou code de la demande de paiement", "https://elsewhere.example/pay/to/mlc:boulangerie");
        phone.click("Continuer");
        phone.bodyShows("Ce code n’est pas une demande de paiement de ce registre");
        phone.type("Lien ou code de la demande de paiement", site + "/pay/to/mlc:boulangerie");
        phone.click("Continuer");
        phone.heading("Payer Member boulangerie");
        phone.type("Montant à payer", "12,50");
        phone.click("Continuer");
        phone.click("Payer 12,50 MLC");
        // More than Paul holds: refused, and nothing moved.
        phone.bodyShows("Votre solde ne suffit pas pour ce paiement");
        assertEquals(10_00, api().balance("mlc:paul"));
        phone.click("Modifier le montant");
        phone.type("Montant à payer", "2,50");
        phone.click("Continuer");
        phone.click("Payer 2,50 MLC");
        phone.heading("Paiement effectué");
        assertEquals(7_50, api().balance("mlc:paul"));
        assertEquals("7,50 MLC", phone.text("balance-after"));
        // The printed QR code opened by the phone's own camera app: its link leads to the wallet, on that account.
        phone.get(site + "/pay/to/mlc:boulangerie");
        phone.heading("Payer Member boulangerie");
        phone.field("Montant à payer");
        phone.noScriptErrors();
    }

    @Test
    void aWipedPhoneEnrolsAgainWithANewCodeAndTheOldOneIsRefused() throws Exception {
        enrolledCitizen("zoe", 0);
        String used = api().enrollment("zoe", new JsonObject().put("role", "member")).getString("code");
        // The storage wiped (the browser's data cleared): the wallet asks for a code again.
        // Wiped, then a shop's printed link opened: the wallet enrols first, then opens on what was to be paid.
        phone.wipe(site);
        phone.get(site + "/pay/to/mlc:boulangerie");
        enrolsAfterAWipe(used);
        phone.heading("Payer Member boulangerie");
        phone.wipe(site);
        phone.reload();
        enrolsAfterAWipe(used);
        WebElement error = phone.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-field=code] .error-message")));
        assertEquals("Erreur : Ce code d’inscription n’est pas valable",
                Browser.plain(error.getAttribute("textContent")));
        phone.shot("wallet-enroll-refused");
        long keys = expect(200, api().client.get("/v1/members/zoe/signing-keys", ADMIN)).json().getJsonArray("items")
                .size();
        assertEquals(2, keys, "one key per enrollment, none for the refused code");
    }

    /** The phone's site data was cleared: the wallet asks for a code again, and {@code code} is typed. */
    private static void enrolsAfterAWipe(String code) {
        phone.heading("Inscrire cet appareil");
        phone.bodyShows("ses données ont été effacées, demandez un nouveau code");
        phone.type("Code d’inscription", code);
        phone.click("Inscrire cet appareil");
    }

    @Test
    void aBusinessConvertsCitizenCurrencyIntoInterEnterpriseCurrency() throws Exception {
        api().member("epicerie", "business");
        api().account("mlc:epicerie", "epicerie", "MLC");
        api().account("mie:epicerie", "epicerie", "MIE");
        api().issue("mlc:epicerie", 100_00);
        enrol("epicerie");
        phone.click("Convertir");
        phone.heading("Convertir");
        phone.driver.findElement(By.xpath("//label[normalize-space(.)='Monnaie citoyenne (MLC) vers inter-entreprises "
                + "(MIE)']")).click();
        phone.type("Montant à convertir", "40");
        phone.shot("wallet-convert");
        phone.click("Faire la conversion");
        assertEquals("40,00 MLC convertis en MIE.", phone.text("converted"));
        assertEquals(60_00, api().balance("mlc:epicerie"));
        assertEquals(40_00, api().balance("mie:epicerie"));
        phone.noScriptErrors();
    }

    @Test
    void aPhoneTheAssociationRevokedIsAskedForANewCode() throws Exception {
        enrolledCitizen("hugo", 1_00);
        JsonObject token = expect(200, api().client.get("/v1/members/hugo/tokens", ADMIN)).json()
                .getJsonArray("items").getJsonObject(0);
        expect(204, api().client.delete("/v1/tokens/" + token.getString("id"), ADMIN));
        phone.click("Annuaire");
        phone.heading("Inscrire cet appareil");
        phone.bodyShows("Cet appareil n’est plus inscrit (son accès a été révoqué ou a expiré).");
        // A till's code typed by mistake: the phone does not keep a till's token, and says why.
        String tillCode = api().enrollment("boulangerie", new JsonObject().put("role", "terminal")
                .put("terminal_id", "caisse-hugo")).getString("code");
        phone.type("Code d’inscription", tillCode);
        phone.click("Inscrire cet appareil");
        phone.bodyShows("Ce code inscrit une caisse, pas un téléphone");
        assertEquals(Boolean.FALSE, phone.asyncScript("const done = arguments[arguments.length - 1];"
                + "const open = indexedDB.open('mlml-device-wallet'); open.onsuccess = () => {"
                + "const get = open.result.transaction('device').objectStore('device').get('this');"
                + "get.onsuccess = () => done(Boolean(get.result)); };"), "no till token kept in the wallet");
        phone.noScriptErrors();
    }

    @Test
    void inEnglishToo() throws Exception {
        enrolledCitizen("emma", 5_00);
        phone.click("English");
        phone.heading("My accounts — Member emma");
        assertEquals("5.00 MLC", balanceCard("mlc:emma"));
        phone.click("Français");
        phone.heading("Mes comptes — Member emma");
    }
}
