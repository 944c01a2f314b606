package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The back office at {@code /office/} driven in a real browser (Debian's headless Chromium) against the real service,
 * as a member of staff and an auditor use it. One browser serves the whole class; each test signs in afresh and
 * makes its own members. Screenshots of each screen go to {@code target/screenshots/}.
 */
class OfficeBrowserTest extends BrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Path DOWNLOADS = Path.of("target", "office-downloads").toAbsolutePath();
    /** The read-only actions an auditor may see as buttons: nothing that changes the ledger. */
    private static final Set<String> READ_ONLY_BUTTONS = Set.of("English", "Français", "Se déconnecter",
            "Rechercher", "Télécharger le relevé (CSV)", "Vérifier maintenant", "Télécharger le journal",
            "Télécharger le FEC");

    @TempDir
    static Path dataDir;
    private static ApiFixture f;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        ChromeOptions options = chromium("--window-size=1280,1000");
        f = new ApiFixture(dataDir, null);
        base = "http://127.0.0.1:" + f.service.port() + "/office/";
        Files.createDirectories(DOWNLOADS);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        open(options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) f.close();
    }

    /**
     * The back office's API on a connection of its own: the service closes a connection left idle longer than its
     * header timeout (10 s), which the browser's steps between two calls can outlast.
     */
    private static ApiFixture api() {
        return new ApiFixture(f.service.port());
    }

    // ---- what a person does ----

    private static void signIn(String token) throws Exception {
        browser.get(base);
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.get(base + "#/");
        browser.navigate().refresh();
        heading("Se connecter au back office");
        shot("signin");
        field("Jeton").sendKeys(token);
        click("Se connecter");
        heading("Tableau de bord");
    }

    private static void go(String hash) {
        browser.get(base + "#" + hash);
    }

    /** The whole page: the window grows to the page's height for the picture, then returns to its size. */
    private static void shot(String name) throws Exception {
        Dimension size = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(size.width, (int) Math.min(height + 140, 4000)));
        try {
            Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    /** Waits for the browser to have saved a whole file whose name matches {@code name}. */
    private static Path downloaded(String name) {
        return waiting().until(d -> {
            try (var files = Files.list(DOWNLOADS)) {
                return files.filter(p -> p.getFileName().toString().matches(name)).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
    }

    /** Texts of the buttons on the page that a person can see. */
    private static List<String> visibleButtons() {
        return browser.findElements(By.cssSelector("button, input[type=submit], a.button")).stream()
                .filter(WebElement::isDisplayed).map(b -> b.getText().trim()).collect(Collectors.toList());
    }

    // ---- the scenarios ----

    @Test
    void aDayAtTheBackOffice() throws Exception {
        signIn(ADMIN);
        bodyShows("En circulation");
        String before = circulation();

        click("Membres");
        heading("Membres");
        click("Ouvrir un membre");
        heading("Ouvrir un membre");
        browser.findElement(By.xpath("//label[normalize-space(.)='Entreprise']")).click();
        type("Nom", "Boulangerie Dupont");
        assertEquals("boulangerie-dupont", field("Identifiant").getAttribute("value"), "the id follows the name");
        WebElement mie = field("Un compte en MIE (Monnaie inter-entreprises)");
        assertTrue(mie.isSelected() && field("Un compte en MLC (Monnaie citoyenne)").isSelected());
        shot("new-member");
        click("Ouvrir le membre et ses comptes");
        heading("Boulangerie Dupont");
        bodyShows("mie:boulangerie-dupont, mlc:boulangerie-dupont");
        assertEquals("business", expect(200, api().client.get("/v1/members/boulangerie-dupont", ADMIN)).json()
                .getString("kind"));
        shot("member");

        click("Membres");
        type("Nom ou identifiant", "DUPONT");
        click("Rechercher");
        WebElement found = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.linkText("Boulangerie Dupont")));
        shot("members");
        found.click();
        heading("Boulangerie Dupont");

        browser.findElement(By.linkText("mie:boulangerie-dupont")).click();
        heading("mie:boulangerie-dupont");
        type("Ligne de crédit", "2 000,00");
        click("Enregistrer les limites");
        bodyShows("Limites enregistrées.");
        rowReads("Ligne de crédit", "2 000,00 MIE");
        // Who changed it and when: the admin token's handle, as the issuance records it.
        String handle = expect(200, api().client.get("/v1/accounts/mie:boulangerie-dupont/changes", ADMIN)).json()
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(c -> Long.valueOf(-200_000).equals(c.getLong("floor"))).findFirst().orElseThrow()
                .getString("by");
        WebElement change = waiting().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//tr[td[contains(., 'ligne de crédit')]][1]")));
        assertTrue(change.getText().contains(handle), change.getText());
        assertTrue(plain(change.getText()).contains("ligne de crédit 2 000,00 MIE"), change.getText());
        assertEquals(-200_000L, expect(200, api().client.get("/v1/accounts/mie:boulangerie-dupont", ADMIN)).json()
                .getLong("floor"));
        shot("account");

        click("Émission");
        heading("Émettre de la MLC");
        type("Compte MLC à créditer", "mlc:boulangerie-dupont");
        type("Euros reçus", "12,50");
        type("Bureau de change et référence", "Bureau de change Lille-Centre, reçu 0042");
        shot("issuance");
        click("Émettre et imprimer le reçu");
        heading("Reçu d’émission de MLC");
        assertEquals("12,50 MLC", plain(browser.findElement(By.id("issued")).getText()));
        assertEquals(1250, api().balance("mlc:boulangerie-dupont"));
        shot("receipt");
        // Printed, the receipt is all there is: no header, no navigation, no buttons.
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertTrue(browser.findElement(By.id("receipt")).isDisplayed());
            assertFalse(browser.findElement(By.cssSelector("header.top")).isDisplayed());
            assertTrue(visibleButtons().isEmpty(), "printed buttons: " + visibleButtons());
            shot("receipt-printed");
        } finally {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }

        // The account's statement, downloaded as a person does: a CSV with the issuance in it.
        go("/account/mlc:boulangerie-dupont");
        heading("mlc:boulangerie-dupont");
        bodyShows("Bureau de change Lille-Centre, reçu 0042");
        click("Télécharger le relevé (CSV)");
        Path csv = downloaded("mlc-boulangerie-dupont_[0-9-_]+\\.csv");
        assertTrue(Files.readString(csv).contains(",mlc:issuance,mlc:boulangerie-dupont,1250,1250,"),
                Files.readString(csv));

        click("Tableau de bord");
        heading("Tableau de bord");
        String after = circulation();
        assertFalse(after.equals(before), "the circulation moved: " + before + " → " + after);
        // Live: money issued elsewhere shows without reloading the page.
        waiting().until(ExpectedConditions.textToBe(By.id("live-state"),
                "En direct : mis à jour à chaque opération"));
        api().issue("mlc:boulangerie-dupont", 10_000);
        long outstanding = expect(200, api().client.get("/v1/reconciliation", ADMIN)).json().getJsonArray("currencies")
                .stream().map(JsonObject.class::cast).filter(c -> c.getString("currency").equals("MLC")).findFirst()
                .orElseThrow().getLong("outstanding");
        waiting().until(d -> circulation().equals(euros(outstanding) + " MLC"));
        shot("dashboard");
        noScriptErrors();
    }

    /** "1 234,50" from 123450, as the page writes it in French. */
    private static String euros(long units) {
        return plain(String.format(java.util.Locale.FRANCE, "%,d", units / 100)) + "," + String.format("%02d",
                units % 100);
    }

    private static String circulation() {
        return plain(browser.findElement(By.xpath("//dt[normalize-space(.)='En circulation']"
                + "/following-sibling::dd[1]")).getText());
    }

    @Test
    void aRefusalIsShownNextToItsFieldInFrench() throws Exception {
        api().member("refus", "business");
        api().account("mie:refus", "refus", "MIE");
        signIn(ADMIN);
        go("/account/mie:refus");
        heading("mie:refus");
        type("Ligne de crédit", "-50");
        click("Enregistrer les limites");
        String message = "Le solde minimal doit être négatif ou nul et le solde maximal positif ou nul : une ligne "
                + "de crédit ne peut pas être négative";
        WebElement input = field("Ligne de crédit");
        WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-field=floor] .error-message")));
        assertEquals(message, error.getText().replaceFirst("^Erreur :\\s*", ""));
        assertTrue(error.getAttribute("textContent").startsWith("Erreur : "), "a screen reader hears it is an error");
        assertTrue(input.getAttribute("aria-describedby").contains(error.getAttribute("id")),
                "a screen reader reads the error with the field");
        assertEquals(message, browser.findElement(By.cssSelector(".error-summary li")).getText());
        assertEquals(-100_000L, expect(200, api().client.get("/v1/accounts/mie:refus", ADMIN)).json().getLong("floor"),
                "the refused limit changed nothing");
        shot("refusal");
    }

    @Test
    void anAccountIsFrozenUnfrozenAndClosedOnlyAtZero() throws Exception {
        api().member("gel", "citizen");
        api().account("mlc:gel", "gel", "MLC");
        api().issue("mlc:gel", 700);
        signIn(ADMIN);
        go("/account/mlc:gel");
        heading("mlc:gel");
        click("Geler le compte");
        bodyShows("Le compte est gelé.");
        rowReads("État", "Gelé");
        assertEquals("frozen", expect(200, api().client.get("/v1/accounts/mlc:gel", ADMIN)).json().getString("status"));
        click("Dégeler le compte");
        bodyShows("Le compte est de nouveau actif.");
        click("Clôturer le compte…");
        click("Oui, clôturer définitivement");
        bodyShows("Le solde doit être nul pour clôturer le compte");
        assertEquals("active", expect(200, api().client.get("/v1/accounts/mlc:gel", ADMIN)).json().getString("status"));
        shot("account-not-empty");
    }

    @Test
    void aRevokedTillTokenIsRefusedAtOnce() throws Exception {
        api().member("epicerie", "business");
        api().account("mlc:epicerie", "epicerie", "MLC");
        String till = api().token("epicerie", new JsonObject().put("role", "terminal").put("terminal_id", "caisse-1"));
        expect(200, api().client.get("/v1/events", till));
        signIn(ADMIN);
        go("/member/epicerie/devices");
        heading("Appareils du membre epicerie");
        click("Créer le code d’inscription");
        // With no till name the form says so next to it; then a code is made and drawn as a QR code.
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-field=terminal_id] .error-message")));
        type("Nom du terminal", "caisse-2");
        click("Créer le code d’inscription");
        WebElement qr = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#enrollment svg")));
        assertEquals("Code QR du lien d’inscription", qr.getAttribute("aria-label"));
        assertFalse(browser.findElement(By.id("enroll-code")).getText().isBlank());
        shot("devices");

        WebElement row = waiting().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//tr[td[normalize-space(.)='caisse-1']]")));
        row.findElement(By.xpath(".//button[normalize-space(.)='Révoquer']")).click();
        click("Oui, révoquer");
        bodyShows("révoqué : il est refusé dès maintenant.");
        assertEquals(401, api().client.get("/v1/events", till).status(), "the till's token is refused from now on");
        noScriptErrors();
    }

    @Test
    void anAuditorSeesEveryScreenAndCanChangeNothing() throws Exception {
        api().member("lecture", "business");
        api().account("mlc:lecture", "lecture", "MLC");
        api().account("mie:lecture", "lecture", "MIE");
        api().issue("mlc:lecture", 5_000);
        JsonObject auditor = expect(201, api().client.post("/v1/tokens", ADMIN,
                new JsonObject().put("role", "auditor"))).json();
        signIn(auditor.getString("token"));
        assertEquals("Connecté : auditeur (lecture seule)",
                browser.findElement(By.cssSelector("#nav .role")).getText());
        for (String[] screen : new String[][] {{"/", "Tableau de bord"}, {"/members", "Membres"},
                {"/members/new", "Ouvrir un membre"}, {"/member/lecture", "Member lecture"},
                {"/account/mie:lecture", "mie:lecture"}, {"/account/mlc:lecture", "mlc:lecture"},
                {"/issue", "Émettre de la MLC"}, {"/member/lecture/devices", "Appareils du membre lecture"},
                {"/audit", "Audit"}}) {
            go(screen[0]);
            heading(screen[1]);
            bodyShows(screen[0].equals("/") ? "En circulation" : "");
            for (String b : visibleButtons()) {
                assertTrue(READ_ONLY_BUTTONS.contains(b), screen[0] + " shows an auditor the button " + b);
            }
            assertTrue(browser.findElements(By.cssSelector("main input:not([type=search]):not([type=date])"))
                    .stream().noneMatch(WebElement::isDisplayed), screen[0] + " has no field to change anything");
        }
        go("/account/mlc:lecture");
        heading("mlc:lecture");
        bodyShows("exchange office");
        shot("auditor-account");
        go("/audit");
        click("Vérifier maintenant");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"),
                "La chaîne est intacte"));
        shot("audit");
        click("Télécharger le FEC");
        Path fec = downloaded("FEC[0-9]{8}\\.txt");
        assertTrue(new String(Files.readAllBytes(fec), java.nio.charset.StandardCharsets.ISO_8859_1)
                .startsWith("JournalCode"), "the FEC's header line first");
        noScriptErrors();

        // Its token revoked, the next screen it opens signs it out and says why.
        expect(204, api().client.delete("/v1/tokens/" + auditor.getString("id"), ADMIN));
        go("/");
        heading("Se connecter au back office");
        bodyShows("Votre session a pris fin (jeton révoqué ou expiré). Reconnectez-vous.");
    }

    @Test
    void worksInEnglishAndOnAPhone() throws Exception {
        signIn(ADMIN);
        click("English");
        heading("Dashboard");
        bodyShows("In circulation");
        browser.manage().window().setSize(new Dimension(360, 800));
        try {
            go("/issue");
            heading("Issue MLC");
            long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertTrue(overflow <= 0, "nothing wider than the phone's screen: " + overflow + " px too wide");
            shot("phone-issuance");
            go("/members/new");
            heading("Open a member");
            type("Name", "Brasserie du Nord");
            shot("phone-new-member");
            go("/");
            heading("Dashboard");
            shot("phone-dashboard");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void amountsAreReadFromTextWithoutFloatingPoint() {
        browser.get(base);
        @SuppressWarnings("unchecked")
        List<Object> parsed = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/common/js/money.js').then(m => done(['12,50', '12.5', '1 234,56', '-20', '0,07', "
                        + "'90071992547409,92', '1,234', '12,', 'abc', '1.2.3', '9007199254740,99']"
                        + ".map(x => m.parseAmount(x, 2)).concat([m.formatAmount(-123456789, 2, 'fr-FR', ','), "
                        + "m.formatAmount(5, 2, 'en-GB', '.')])));");
        assertNotNull(parsed);
        assertEquals(java.util.Arrays.asList(1250L, 1250L, 123456L, -2000L, 7L, null, null, 1200L, null, null,
                900719925474099L, "−1\u202f234\u202f567,89", "0.05"), parsed);
    }
}
