package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The CT page in a real headless Chromium (docs/DESIGN.md §1), against a real hub web server. */
class CtPageBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    WebFixture hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new WebFixture(dataDir));
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.heard("vangalen-1");
        hub.heard("kw-vo-1");
        browser = chromium.driver();
        // Logged in as CT through the login page: the page then holds the session cookie.
        chromium.logIn(hub.uri("/"), "ct", WebFixture.PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/"), browser.getCurrentUrl());
    }

    private WebDriverWait waitUpTo(Duration timeout) {
        // The page re-renders its rows on every update: an element found a moment ago may be gone; look again.
        return chromium.waitUpTo(timeout);
    }

    private String cell(String code, String kind) {
        return browser.findElement(By.cssSelector("tr[data-code='" + code + "'] td[data-kind='" + kind + "']")).getText();
    }

    private String status(String code) {
        return browser.findElement(By.cssSelector("tr[data-code='" + code + "'] .freshness")).getText();
    }

    private void open() {
        browser.get(hub.uri("/").toString());
        waitUpTo(Duration.ofSeconds(10)).until(driver -> driver.findElements(By.cssSelector("#rows tr")).size() == 10);
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }

    @Test
    void the_page_shows_the_locations_in_dutch_with_freshness_in_words() {
        open();

        assertEquals("Vrije plekken — Regio Amersfoort", browser.getTitle());
        assertEquals("nl", browser.findElement(By.tagName("html")).getAttribute("lang"));
        String totals = browser.findElement(By.id("totals")).getText();
        assertTrue(totals.startsWith("Vannacht vrij: 65 plekken · 4 crisisplekken · noodbedden gesloten · 5 opstartplekken"),
                totals);
        List<WebElement> rows = browser.findElements(By.cssSelector("#rows tr"));
        assertEquals("smallepad", rows.get(0).getAttribute("data-code"), "most free first");
        assertTrue(cell("smallepad", "regular").startsWith("42 vrij"), cell("smallepad", "regular"));
        assertEquals("live", status("smallepad"));
        assertEquals("geen contact", status("ijselberch"));
        assertTrue(cell("ijselberch", "regular").contains("laatst bekend: 32"), "offline: last figure, not free");
        assertTrue(browser.findElement(By.cssSelector("tr[data-code='kw-vo'] th")).getText().contains("Vrouwenopvang"));
        assertEquals("Live verbonden met de centrale.", browser.findElement(By.id("connection")).getText());
        screenshot("ct-page");
    }

    @Test
    void a_phone_with_a_note_calls_the_number_only() {
        open();

        WebElement vo = browser.findElement(By.cssSelector("tr[data-code='kw-vo'] td.phone a"));
        assertEquals("088 000 0200 (24/7)", vo.getText(), "the note stays beside the number");
        assertEquals("tel:0880000200", vo.getAttribute("href"), "the note's digits are not dialled");
        for (WebElement link : browser.findElements(By.cssSelector("td.phone a"))) {
            assertTrue(link.getAttribute("href").matches("tel:\\+?[0-9]{9,15}"), link.getAttribute("href"));
        }
    }

    @Test
    void a_change_appears_without_reload_and_a_silent_node_turns_grey_with_its_age() {
        open();
        browser.executeScript("window.notReloaded = true;");

        hub.bed("smallepad-1", "S02", PlaceStatus.OCCUPIED);
        waitUpTo(Duration.ofSeconds(2)).until(driver -> cell("smallepad", "regular").startsWith("41 vrij"));

        // Van Galenstraat's node was last heard two minutes ago and has been silent since: past its heartbeat.
        hub.lastHeard("vangalen-1", hub.clock.instant().minus(Duration.ofMinutes(2)));
        hub.projection.refreshFreshness();
        waitUpTo(Duration.ofSeconds(2)).until(driver -> status("vangalen").startsWith("laatst bevestigd"));

        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true;"));
        assertTrue(cell("vangalen", "crisis").contains("laatst bekend: 2"), cell("vangalen", "crisis"));
        assertFalse(cell("vangalen", "crisis").matches("^\\d+ vrij.*"));
        assertTrue(status("vangalen").matches("laatst bevestigd 2 min geleden"), status("vangalen"));
        screenshot("ct-page-stale");
    }

    @Test
    void alerts_for_a_full_location_and_lost_contact_appear_live_newest_first_and_go_when_resolved() {
        open();
        browser.executeScript("window.notReloaded = true;");
        waitUpTo(Duration.ofSeconds(2)).until(driver -> alert("contact:ijselberch").equals("Geen contact: IJselberch"));
        assertEquals("", alert("full:vangalen:crisis"), "two crisis places free at Van Galenstraat");
        assertEquals("", alert("contact:kw-vo"), "the women's shelter is live");

        hub.bed("vangalen-1", "GC1", PlaceStatus.OCCUPIED);
        hub.bed("vangalen-1", "GC2", PlaceStatus.OCCUPIED);
        waitUpTo(Duration.ofSeconds(2)).until(driver -> alert("full:vangalen:crisis")
                .equals("Vol: Van Galenstraat e.o. — geen crisisplek vrij"));
        assertEquals("full:vangalen:crisis", browser.findElement(By.cssSelector("#alert-list li")).getAttribute("data-alert"),
                "newest first");
        screenshot("ct-page-alerts");
        assertEquals(List.of(), violations(), "with alerts");

        hub.bed("vangalen-1", "GC1", PlaceStatus.FREE);
        waitUpTo(Duration.ofSeconds(2)).until(driver -> alert("full:vangalen:crisis").isEmpty());

        hub.clock.advance(Duration.ofMinutes(10));
        hub.projection.refreshFreshness();
        waitUpTo(Duration.ofSeconds(2)).until(driver -> alert("contact:kw-vo").startsWith("Geen contact: Vrouwenopvang (sinds ")
                || alert("contact:kw-vo").startsWith("Geen live contact: Vrouwenopvang (laatst bevestigd 10 min geleden)"));
        hub.heard("kw-vo-1");
        waitUpTo(Duration.ofSeconds(2)).until(driver -> alert("contact:kw-vo").isEmpty());
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true;"));
    }

    /** The alert's text without its time, or empty when it is not shown; read in one call (the list redraws). */
    private String alert(String key) {
        Object text = browser.executeScript("var item = document.querySelector('#alert-list li[data-alert=\"' + arguments[0]"
                + " + '\"]'); return item ? item.textContent : '';", key);
        String line = String.valueOf(text);
        return line.matches("^\\d\\d:\\d\\d · .*") ? line.substring(line.indexOf(" · ") + 3) : line;
    }

    @Test
    void filtering_by_kind_shows_only_locations_with_that_kind() {
        open();

        new Select(browser.findElement(By.id("filter-kind"))).selectByValue("crisis");

        List<String> visible = browser.findElements(By.cssSelector("#rows tr")).stream().filter(WebElement::isDisplayed)
                .map(row -> row.getAttribute("data-code")).toList();
        assertEquals(List.of("vangalen", "kw-vo", "kw-jm", "test", "veluwemeer"), visible);
        assertFalse(browser.findElement(By.cssSelector("th[data-kind='regular']")).isDisplayed());
        assertTrue(browser.findElement(By.cssSelector("th[data-kind='crisis']")).isDisplayed());
        new Select(browser.findElement(By.id("filter-municipality"))).selectByValue("Amersfoort");
        assertEquals(5, browser.findElements(By.cssSelector("#rows tr")).stream().filter(WebElement::isDisplayed).count());
        screenshot("ct-page-crisis");
    }

    @Test
    void on_a_phone_in_portrait_rows_become_cards() {
        browser.manage().window().setSize(new Dimension(390, 844));
        open();

        WebElement row = browser.findElement(By.cssSelector("tr[data-code='smallepad']"));
        assertEquals("block", row.getCssValue("display"));
        Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth;");
        Number viewport = (Number) browser.executeScript("return window.innerWidth;");
        assertTrue(pageWidth.intValue() <= viewport.intValue(), "no sideways scrolling: " + pageWidth + " > " + viewport);
        waitUpTo(Duration.ofSeconds(5)).until(driver -> !driver.findElements(By.cssSelector("nav.account-bar")).isEmpty());
        WebElement bar = browser.findElement(By.cssSelector("nav.account-bar"));
        assertTrue(bar.getRect().getHeight() <= 56, "the account bar is one line: " + bar.getRect().getHeight() + " px");
        for (String filter : List.of("filter-municipality", "filter-kind", "filter-group")) {
            assertTrue((Boolean) browser.executeScript("""
                    var select = document.getElementById(arguments[0]);
                    var style = getComputedStyle(select);
                    var context = document.createElement('canvas').getContext('2d');
                    context.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
                    // The text of the choice, plus room for the arrow and the padding, fits the box.
                    return context.measureText(select.options[select.selectedIndex].text).width + 32
                        <= select.clientWidth;""", filter), filter + ": its first choice is cut off");
        }
        screenshot("ct-page-phone");
        bar.findElement(By.className("account-toggle")).click();
        waitUpTo(Duration.ofSeconds(5)).until(driver -> bar.findElement(By.className("account-logout")).isDisplayed());
        assertEquals(List.of("Vrije plekken"), bar.findElements(By.cssSelector(".account-pages a")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).limit(1).toList());
        screenshot("ct-page-phone-menu");
        assertEquals(List.of(), violations(), "with the menu open");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        waitUpTo(Duration.ofSeconds(5)).until(driver -> !bar.findElement(By.className("account-logout")).isDisplayed());
        browser.manage().window().setSize(new Dimension(1366, 768));
        waitUpTo(Duration.ofSeconds(5)).until(driver -> bar.findElement(By.className("account-logout")).isDisplayed());
        screenshot("ct-page-desktop-bar");
    }

    @Test
    void the_page_has_no_wcag_2_1_a_or_aa_violations() {
        open();
        hub.clock.advance(Duration.ofSeconds(60));
        hub.projection.refreshFreshness();
        waitUpTo(Duration.ofSeconds(2)).until(driver -> status("vangalen").startsWith("laatst bevestigd"));

        assertEquals(List.of(), violations(), "at desktop width");
        browser.manage().window().setSize(new Dimension(390, 844));
        assertEquals(List.of(), violations(), "at phone width");
    }

    private List<Object> violations() {
        return chromium.violations();
    }
}
