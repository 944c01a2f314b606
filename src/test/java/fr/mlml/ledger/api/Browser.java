package fr.mlml.ledger.api;

import fr.mlml.ledger.RequiredTools;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One headless Chromium (Debian's) driven as a person uses a page: by the words of labels, buttons and headings.
 * Several can run at once, each its own browser profile (a till and a phone at the same counter). Tests skip when
 * Chromium is missing, unless {@code LEDGER_TEST_REQUIRE_TOOLS=1}.
 */
final class Browser implements AutoCloseable {
    static final Path SHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final Path downloads;
    private int width;
    private int height;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** A browser with a page of {@code width}×{@code height} (a phone: 360×740) saving files to {@code downloads}. */
    static Browser open(int width, int height, Path downloads) throws Exception {
        Path chromium = RequiredTools.require("chromium", "apt-get install chromium chromium-driver");
        Path chromedriver = RequiredTools.require("chromedriver", "apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                        "--window-size=" + width + "," + height, "--lang=fr-FR");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        Files.createDirectories(downloads);
        try (var old = Files.list(downloads)) {
            for (Path file : old.toList()) Files.delete(file); // a file of an earlier run is not this one's
        }
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath()
                .toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        Files.createDirectories(SHOTS);
        Browser browser = new Browser(new ChromeDriver(service, options), downloads);
        browser.resize(width, height);
        return browser;
    }

    @Override
    public void close() {
        driver.quit();
    }

    void get(String url) {
        driver.get(url);
    }

    /** What {@code origin} stored in this browser (IndexedDB, local storage…) erased, as "clear site data" does. */
    void wipe(String origin) {
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    }

    void reload() {
        driver.navigate().refresh();
    }

    /** Polls a condition for up to 10 s; an element redrawn meanwhile is looked up again. */
    WebDriverWait waiting() {
        return waiting(Duration.ofSeconds(10));
    }

    WebDriverWait waiting(Duration limit) {
        WebDriverWait wait = new WebDriverWait(driver, limit, Duration.ofMillis(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Waits until the page's h1 says {@code text}. */
    void heading(String text) {
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    /** The control whose label says {@code label}. */
    WebElement field(String label) {
        WebElement l = waiting().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//label[normalize-space(.)=" + xpath(label) + "]")));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
    }

    /** The button or link that says {@code text} (any no-break space as a plain one), once it can be clicked. */
    WebElement button(String text) {
        String words = "normalize-space(translate(., '\u00a0\u202f', '  '))=" + xpath(plain(text));
        return waiting().until(ExpectedConditions.elementToBeClickable(By.xpath("//button[" + words + "] | //a["
                + words + "]")));
    }

    void click(String text) {
        button(text).click();
    }

    /** Waits until the page's main part shows {@code text} (any no-break space as a plain one). */
    void bodyShows(String text) {
        waiting().until(d -> plain(d.findElement(By.tagName("main")).getText()).contains(plain(text)));
    }

    /** The text of the element {@code id} once it is shown, spaces made plain. */
    String text(String id) {
        return plain(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText());
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs {@code js}, whose last argument is the callback it answers through. */
    Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /** The text with its no-break and narrow no-break spaces (thousands, before a currency) as plain spaces. */
    static String plain(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    static String xpath(String text) {
        return text.contains("'") ? "concat('" + text.replace("'", "',\"'\",'") + "')" : "'" + text + "'";
    }

    /** The page as the window shows it (a phone's screen), to {@code target/screenshots/<name>.png}. */
    void shot(String name) throws Exception {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Nothing on the page is wider than the window (no sideways scrolling on a phone). */
    void fitsTheWindow() {
        long overflow = (Long) script("return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, "nothing wider than the window: " + overflow + " px too wide");
    }

    /** Waits for the browser to have saved a whole file whose name matches {@code name}. */
    Path downloaded(String name) {
        return waiting().until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(p -> p.getFileName().toString().matches(name)).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
    }

    /**
     * No script failed. Refusals the API answered are logged by the browser too ("Failed to load resource"): they are
     * what the pages show people, not errors of the pages.
     */
    void noScriptErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("Failed to load resource")).toList();
        assertTrue(severe.isEmpty(), "the browser's console: " + severe);
    }

    /**
     * The page's own size, {@code width}×{@code height}, whatever the smallest window the platform allows (500 px wide
     * for headless Chromium); under 600 px wide the page is told it is on a phone.
     */
    void resize(int width, int height) {
        this.width = width;
        this.height = height;
        pageSize(width, height);
    }

    private void pageSize(int w, int h) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", w, "height", h,
                "deviceScaleFactor", 1, "mobile", w < 600));
    }

    /** The whole page, however long, to {@code target/screenshots/<name>.png}; the page's size is then as it was. */
    void pageShot(String name) throws Exception {
        long page = (Long) script("return document.documentElement.scrollHeight;");
        pageSize(width, (int) Math.min(Math.max(page, height), 4000));
        try {
            shot(name);
        } finally {
            pageSize(width, height);
        }
    }
}
