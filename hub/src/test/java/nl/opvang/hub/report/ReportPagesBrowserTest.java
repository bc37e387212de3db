package nl.opvang.hub.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The print, report and audit pages in a real headless Chromium, checked with axe-core for WCAG 2.1 A and AA. */
class ReportPagesBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    ReportWebFixture hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new ReportWebFixture(dataDir, Instant.parse("2026-11-20T18:00:00Z")));
        // Three nights of samples, the last still running.
        for (int night = 0; night < 3; night++) {
            hub.bed("smallepad-1", "S0" + (night + 1), PlaceStatus.OCCUPIED);
            hub.heard("kw-vo-1");
            hub.recorder.sample();
            hub.clock.advance(Duration.ofDays(1));
        }
        hub.clock.advance(Duration.ofDays(-1));
        hub.heard("smallepad-1");
        // A stay the monitoring ledger ended by a check-out without the pass on the night of 21 Nov (the real ingest of
        // such a check-out: CheckOutWithoutPassTest).
        hub.database.transaction(connection -> nl.opvang.sql.Sql.update(connection, """
                INSERT INTO monitor_stay (location, node, session, seq, place, kind, in_ms, first_night, out_ms,
                    last_night, ended, first_ever, stays_year)
                VALUES ('smallepad', 'smallepad-1', 's', 1, 'S01', 'regular', ?, '2026-11-20', ?, '2026-11-21',
                    'without_pass', 1, 1)""", Instant.parse("2026-11-20T19:00:00Z").toEpochMilli(),
                Instant.parse("2026-11-21T20:00:00Z").toEpochMilli()));
        browser = chromium.driver();
    }

    /** Logs in through the login page with the test account of {@code role}: the browser then holds the session cookie. */
    private void logIn(Role role) {
        chromium.logIn(hub.uri("/"), ReportWebFixture.username(role), ReportWebFixture.PASSWORD);
    }

    @Test
    void the_print_page_has_every_location_and_no_wcag_violations() {
        logIn(Role.CT);
        browser.get(hub.uri("/print").toString());

        assertTrue(browser.getTitle().startsWith("Laatst bekende beschikbaarheid — afgedrukt 22 november 2026"),
                browser.getTitle());
        assertEquals(hub.registry.locations().size(), browser.findElements(By.cssSelector("tbody tr")).size());
        assertEquals("rgba(0, 0, 0, 1)", browser.findElement(By.tagName("body")).getCssValue("color"), "black on white");
        screenshot("print-page");
        assertEquals(List.of(), violations());

        // The print button prints (window.print, replaced here: headless Chromium has no dialog) and is not on paper.
        WebElement print = browser.findElement(By.cssSelector("button[data-action=print]"));
        assertEquals("Afdrukken", print.getText());
        browser.executeScript("window.print = function () { window.printed = true; };");
        print.click();
        assertEquals(Boolean.TRUE, browser.executeScript("return window.printed === true;"));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        try {
            assertFalse(print.isDisplayed(), "the print button is not printed");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
        }
    }

    @Test
    void the_report_page_draws_a_bar_per_night_with_the_same_figures_in_a_table() {
        logIn(Role.CT);
        browser.get(hub.uri("/report").toString());
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> driver.findElements(By.cssSelector("#rows tr")).size() == 42);

        assertEquals(42, browser.findElements(By.cssSelector("#chart svg g[data-night]")).size(), "six weeks of nights");
        String lastBar = browser.findElement(By.cssSelector("#chart g[data-night='2026-11-22'] title"))
                .getAttribute("textContent");
        assertEquals("zo 22 nov: 3 van 180 bezet", lastBar);
        List<String> lastRow = browser.findElements(By.cssSelector("#rows tr[data-night='2026-11-22'] td")).stream()
                .map(cell -> cell.getText()).toList();
        assertEquals(List.of("3", "180", "2%", "0"), lastRow);
        assertEquals("1", browser.findElement(By.cssSelector("#rows tr[data-night='2026-11-21'] td:last-child")).getText(),
                "a check-out without the pass that night");
        assertEquals("geen gegevens", browser.findElement(By.cssSelector("#rows tr[data-night='2026-11-19'] td")).getText());
        screenshot("report-page");
        assertEquals(List.of(), violations(), "at desktop width");

        new Select(browser.findElement(By.id("weeks"))).selectByValue("1");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> driver.findElements(By.cssSelector("#rows tr")).size() == 7);
        assertTrue(browser.findElement(By.id("download")).getAttribute("href").endsWith("/api/v1/reports/occupancy.csv?weeks=1"));
        // One week's chart keeps its labels at text size (its narrow drawing once scaled them to 50 px).
        for (WebElement label : browser.findElements(By.cssSelector("#chart svg text"))) {
            assertTrue(label.getRect().getHeight() < 24, "a chart label " + label.getRect().getHeight() + " px high");
        }
        screenshot("report-page-1-week");
        browser.manage().window().setSize(new Dimension(390, 844));
        // Drawn again for the narrow box, rather than shrunk to unreadable text.
        new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class).until(driver ->
                driver.findElements(By.cssSelector("#chart svg text")).stream().allMatch(label -> label.getRect().getHeight() > 8));
        for (WebElement label : browser.findElements(By.cssSelector("#chart svg text"))) {
            double height = label.getRect().getHeight();
            assertTrue(height > 8 && height < 24, "a chart label on a phone " + height + " px high");
        }
        screenshot("report-page-1-week-phone");
        assertEquals(List.of(), violations(), "at phone width");
    }

    @Test
    void the_admin_audit_page_has_no_wcag_violations() {
        hub.post("/api/v1/locations/kw-vo/break-glass", Role.CT, "{\"reason\": \"Vrouw met kind aan de lijn, nood\"}");
        logIn(Role.ADMIN);
        browser.get(hub.uri("/admin/audit").toString());
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(driver -> driver.getTitle().startsWith("Auditlog"));
        assertTrue(browser.getPageSource().contains("Vrouw met kind aan de lijn, nood"));

        assertEquals(List.of(), violations());
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }

    private List<Object> violations() {
        return chromium.violations();
    }
}
