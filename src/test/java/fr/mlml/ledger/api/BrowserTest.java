package fr.mlml.ledger.api;

import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;

/**
 * What the tests of one browser share: one headless Debian Chromium for a test class ({@link Browser}: skipped,
 * loudly, where it is missing, unless the tools are required), and a person's steps on its page as plain calls:
 * headings, labelled fields, buttons and links by their words, key–value rows.
 */
abstract class BrowserTest {
    protected static Browser person;
    protected static ChromeDriver browser;

    /** The class's browser, its page {@code width}×{@code height}, saving files to {@code downloads}. */
    protected static ChromeDriver open(int width, int height, Path downloads) throws Exception {
        person = Browser.open(width, height, downloads);
        browser = person.driver;
        return browser;
    }

    @AfterAll
    static void quitBrowser() {
        if (person != null) person.close();
        person = null;
        browser = null;
    }

    protected static WebDriverWait waiting() {
        return person.waiting();
    }

    protected static void heading(String text) {
        person.heading(text);
    }

    protected static WebElement field(String label) {
        return person.field(label);
    }

    protected static void type(String label, String text) {
        person.type(label, text);
    }

    protected static void click(String button) {
        person.click(button);
    }

    protected static String xpath(String text) {
        return Browser.xpath(text);
    }

    /** Waits until the key–value row labelled {@code key} reads {@code expected} (any space as a plain one). */
    protected static void rowReads(String key, String expected) {
        waiting().until(d -> plain(d.findElement(By.xpath("//dt[normalize-space(.)=" + xpath(key)
                + "]/following-sibling::dd[1]")).getText()).equals(expected));
    }

    protected static String plain(String text) {
        return Browser.plain(text);
    }

    protected static void bodyShows(String text) {
        person.bodyShows(text);
    }

    protected static void noScriptErrors() {
        person.noScriptErrors();
    }
}
