package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.report.ReportWebFixture;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.hub.testkit.Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The /monitor page in a real headless Chromium as the gemeente: a table per figure, small cells "< 5", client counts
 * marked as estimates once a token is gone, and the definitions page its charts link to; axe clean, at 1366×768 and
 * 390×844.
 */
class MonitorPageBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    ReportWebFixture hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new ReportWebFixture(dataDir, Instant.parse("2026-11-22T22:00:00Z")));
        MonitoringHistory.fiveClients(hub);
        // A deletion request: the first client's stay keeps counting, as one client without a token (an estimate).
        new Retention(hub.database, hub.audit, hub.clock).forget(Messages.token(1), "test");
        browser = chromium.driver();
    }

    @Test
    void the_gemeente_sees_a_table_per_figure_with_small_cells_suppressed() {
        chromium.logIn(hub.uri("/"), ReportWebFixture.username(Role.GEMEENTE), ReportWebFixture.PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/monitor"), "the gemeente's start page: " + browser.getCurrentUrl());
        WebElement month = browser.findElement(By.id("month"));
        browser.executeScript("arguments[0].value = '2026-11';", month);
        browser.findElement(By.cssSelector("#controls button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver ->
                driver.findElement(By.id("status")).getText().equals("Cijfers van 2026-11."));

        assertEquals(Figure.values().length + 1, browser.findElements(By.cssSelector("#figures table")).size(),
                "a table per figure and the weeks' table");
        assertEquals(Figure.values().length + 1, browser.findElements(By.cssSelector("#figures .chart canvas")).size(),
                "a chart per figure and the weeks' chart, drawn by uPlot from the hub");
        for (WebElement chart : browser.findElements(By.cssSelector("#figures .chart"))) {
            assertEquals("img", chart.getAttribute("role"));
            assertTrue(chart.getAttribute("aria-label").contains("tabel eronder"), chart.getAttribute("aria-label"));
            assertTrue(chart.getSize().getWidth() > 600, "as wide as its box: " + chart.getSize());
        }
        assertTrue((Boolean) browser.executeScript("return [...document.querySelectorAll('#figures canvas')].some("
                + "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && d[i + 2] > 100 && d[i] < 60) return true; }"
                + " return false; })"), "some chart has blue bars or lines drawn");
        List<String> clients = browser.findElements(By.cssSelector("#figures section:nth-child(2) tbody tr td:last-child"))
                .stream().map(WebElement::getText).toList();
        assertEquals("5", clients.get(0), "five unique clients");
        String text = browser.findElement(By.id("figures")).getText();
        assertTrue(text.contains("< 5"), text);
        assertFalse(text.contains("k1:"));
        for (WebElement cell : browser.findElements(By.cssSelector("#figures tbody td:last-child"))) {
            String shown = cell.getText();
            assertTrue(shown.equals("< 5") || !shown.matches("[0-4]( .*)?"), "a small number shown: " + shown);
        }
        String trend = browser.findElement(By.xpath("//section[h2[@id='figuur-weken']]")).getText();
        assertTrue(trend.contains("Aantallen cliënten zijn een schatting") && trend.contains("5 (schatting)"),
                "unique clients across a removed token link are an estimate, said in the page: " + trend);
        assertTrue(browser.findElement(By.xpath("//section[h2[@id='figuur-clients']]")).getText()
                .contains("Aantallen cliënten zijn een schatting"));
        assertEquals("/monitor/definities", URI.create(browser.findElement(By.linkText(
                "Wat elk cijfer telt: de definities")).getAttribute("href")).getPath());
        chromium.screenshot("monitor-1366");
        browser.findElement(By.id("per-location")).click();
        browser.findElement(By.cssSelector("#controls button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> driver.findElements(
                By.xpath("//th[text()='Alle locaties']")).size() == Figure.values().length);
        String perLocation = browser.findElement(By.id("figures")).getText();
        assertTrue(perLocation.contains("Vrouwenopvang (Kwintes)"), "secret locations only as their provider's VO");
        assertFalse(perLocation.contains("Jonge moeders"));
        browser.executeScript("document.getElementById('figuur-inflow').scrollIntoView()");
        chromium.screenshot("monitor-1366-per-location");
        assertEquals(List.of(), chromium.violations(), "at desktop width");
        browser.manage().window().setSize(new Dimension(390, 844));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(driver -> (Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth"));
        chromium.screenshot("monitor-phone");
        browser.executeScript("document.getElementById('figuur-unmet-demand').scrollIntoView()");
        chromium.screenshot("monitor-phone-chart");
        assertEquals(List.of(), chromium.violations(), "at phone width");
        browser.manage().window().setSize(new Dimension(800, 480));
        chromium.screenshot("monitor-kiosk");

        // A chart's definition version links to its meaning on /monitor/definities, made from the same definitions.
        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.findElement(By.xpath("//section[h2[@id='figuur-placement']]//a[text()='placement/v1']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl()
                .endsWith("/monitor/definities#placement"));
        assertEquals("Definities van de cijfers", browser.findElement(By.tagName("h1")).getText());
        for (Figure figure : Figure.values()) {
            WebElement section = browser.findElement(By.id(figure.path()));
            assertTrue(section.getText().startsWith(figure.title() + "\nDefinitie " + figure.definition()),
                    section.getText());
        }
        String placement = browser.findElement(By.id("placement")).getText();
        assertTrue(placement.contains("Gemiddelde tijd tot antwoord") && placement.contains("Geen plek vrij"), placement);
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("Schatting"));
        chromium.screenshot("monitor-definitions-1366");
        assertEquals(List.of(), chromium.violations(), "definitions at desktop width");
        browser.manage().window().setSize(new Dimension(390, 844));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(driver -> (Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth"));
        browser.executeScript("window.scrollTo(0, 0)");
        chromium.screenshot("monitor-definitions-phone");
        assertEquals(List.of(), chromium.violations(), "definitions at phone width");
    }
}
