package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.testkit.Browser;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** Whom a place is for on the CT page (issue 14): the "Voor wie" filter and the groups in words per row. */
class CtGroupsBrowserTest {
    static Browser chromium;

    @TempDir
    Path dataDir;
    WebFixture hub;
    ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        chromium = Browser.start();
    }

    @AfterAll
    static void quitBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir);
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.heard("kw-vo-1");
        hub.heard("kw-jm-1");
        hub.heard("veluwemeer-1");
        browser = chromium.driver();
        chromium.logIn(hub.uri("/"), "ct", WebFixture.PASSWORD);
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.reset(1280, 900);
        }
        if (hub != null) {
            hub.close();
        }
    }

    private void open(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        browser.get(hub.uri("/").toString());
        chromium.waitUpTo(Duration.ofSeconds(10))
                .until(driver -> driver.findElements(By.cssSelector("#rows tr")).size() == 10);
    }

    private List<String> visible() {
        return browser.findElements(By.cssSelector("#rows tr")).stream().filter(WebElement::isDisplayed)
                .map(row -> row.getAttribute("data-code")).toList();
    }

    private String name(String code) {
        return browser.findElement(By.cssSelector("tr[data-code='" + code + "'] th")).getText();
    }

    private String cell(String code, String kind) {
        return browser.findElement(By.cssSelector("tr[data-code='" + code + "'] td[data-kind='" + kind + "']")).getText();
    }

    /** A screenshot with the filters at the top of the window, so that the rows under them are in it. */
    private void screenshot(String name) {
        browser.executeScript("document.getElementById('filters').scrollIntoView();");
        chromium.screenshot(name);
    }

    @Test
    void each_row_says_in_words_whom_its_places_are_for() {
        open(1366, 768);

        assertTrue(name("kw-vo").contains("Vrouwenopvang · voor vrouwen, gezinnen"), name("kw-vo"));
        assertTrue(cell("kw-vo", "regular").contains("voor vrouwen, gezinnen, slachtoffers mensenhandel"),
                cell("kw-vo", "regular"));
        assertTrue(name("kleinehaag").contains("Maatschappelijke opvang · voor mannen, vrouwen, verslaving"),
                name("kleinehaag"));
        assertTrue(name("ijselberch").contains("Beschermd wonen"), name("ijselberch"));
        List<String> options = new Select(browser.findElement(By.id("filter-group"))).getOptions().stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("Iedereen", "Mannen", "Vrouwen", "Gezinnen", "Jonge moeders", "Slachtoffers mensenhandel",
                "Verslaving"), options, "only groups some location is for, in the hub's order");
        screenshot("ct-groups-1366");
        assertEquals(List.of(), chromium.violations(), "at desktop width");
    }

    @Test
    void voor_wie_shows_only_locations_with_places_for_the_group_and_says_which_kinds_are_not() {
        open(1366, 768);

        new Select(browser.findElement(By.id("filter-group"))).selectByValue("families");

        assertEquals(List.of("kw-vo", "veluwemeer"), visible().stream().sorted().toList());
        new Select(browser.findElement(By.id("filter-group"))).selectByValue("trafficking");
        assertEquals(List.of("kw-vo"), visible());
        assertTrue(cell("kw-vo", "regular").startsWith("15 vrij"), cell("kw-vo", "regular"));
        assertEquals("niet voor slachtoffers mensenhandel", cell("kw-vo", "crisis"));
        screenshot("ct-groups-trafficking");
        assertEquals(List.of(), chromium.violations(), "filtered");

        new Select(browser.findElement(By.id("filter-kind"))).selectByValue("crisis");
        assertEquals(List.of(), visible(), "no crisis place for victims of trafficking");
        assertTrue(browser.findElement(By.id("empty")).isDisplayed());
        new Select(browser.findElement(By.id("filter-group"))).selectByValue("");
        assertEquals(5, visible().size());
        assertTrue(cell("kw-vo", "crisis").startsWith("2 vrij"), "all groups again: " + cell("kw-vo", "crisis"));
    }

    @Test
    void on_a_phone_the_filter_and_the_groups_fit_without_sideways_scrolling() {
        open(390, 844);

        new Select(browser.findElement(By.id("filter-group"))).selectByValue("young_mothers");

        assertEquals(List.of("kw-jm"), visible());
        assertTrue(name("kw-jm").contains("Vrouwenopvang · voor jonge moeders"), name("kw-jm"));
        Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth;");
        Number viewport = (Number) browser.executeScript("return window.innerWidth;");
        assertTrue(pageWidth.intValue() <= viewport.intValue(), "no sideways scrolling: " + pageWidth + " > " + viewport);
        screenshot("ct-groups-390");
        assertEquals(List.of(), chromium.violations(), "at phone width");
    }
}
