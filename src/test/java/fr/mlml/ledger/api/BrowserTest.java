package fr.mlml.ledger.api;

import fr.mlml.ledger.RequiredTools;
import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the browser apps' tests share: one headless Debian Chromium for a test class (skipped, loudly, where it is
 * missing, unless the tools are required), and the steps of a person reading and using a page: headings, labelled
 * fields, buttons and links by their words, key–value rows.
 */
abstract class BrowserTest {
    protected static WebDriver browser;

    /** Chromium's options for a French-speaking person, its console kept; {@code arguments} add to them. */
    protected static ChromeOptions chromium(String... arguments) {
        Path chromium = RequiredTools.require("chromium", "apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR")
                .addArguments(arguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    protected static ChromeDriver open(ChromeOptions options) {
        Path driver = RequiredTools.require("chromedriver", "apt-get install chromium chromium-driver");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        browser = chrome;
        return chrome;
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) browser.quit();
        browser = null;
    }

    /** Polls a condition for up to 10 s; an element redrawn meanwhile (a live page) is looked up again. */
    protected static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Waits until the page's h1 says {@code text}. */
    protected static void heading(String text) {
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    /** The control whose label says {@code label}. */
    protected static WebElement field(String label) {
        WebElement l = waiting().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//label[normalize-space(.)=" + xpath(label) + "]")));
        return browser.findElement(By.id(l.getAttribute("for")));
    }

    protected static void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
    }

    protected static void click(String button) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)="
                + xpath(button) + "] | //a[normalize-space(.)=" + xpath(button) + "]"))).click();
    }

    protected static String xpath(String text) {
        return text.contains("'") ? "concat('" + text.replace("'", "',\"'\",'") + "')" : "'" + text + "'";
    }

    /** Waits until the key–value row labelled {@code key} reads {@code expected} (any space as a plain one). */
    protected static void rowReads(String key, String expected) {
        waiting().until(d -> plain(d.findElement(By.xpath("//dt[normalize-space(.)=" + xpath(key)
                + "]/following-sibling::dd[1]")).getText()).equals(expected));
    }

    /** The text with its no-break and narrow no-break spaces (thousands, before a currency) as plain spaces. */
    protected static String plain(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    protected static void bodyShows(String text) {
        waiting().until(d -> plain(d.findElement(By.tagName("main")).getText()).contains(plain(text)));
    }

    /**
     * No script failed. Refusals the API answered are logged by the browser too ("Failed to load resource"): they are
     * what the pages show people, not errors of the pages.
     */
    protected static void noScriptErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("Failed to load resource")).toList();
        assertTrue(severe.isEmpty(), "the browser's console: " + severe);
    }
}
