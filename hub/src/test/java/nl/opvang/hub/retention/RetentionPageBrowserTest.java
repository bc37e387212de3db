package nl.opvang.hub.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.testkit.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The "Bewaartermijnen" section of {@code /admin} in a real headless Chromium: every kind of the table, with axe. */
class RetentionPageBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path data;

    @Test
    void the_admin_page_shows_every_kind_of_the_retention_table_with_the_configured_periods() {
        Hub hub = chromium.serving(Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data)
                .retention("holds=30").build(), Clock.systemUTC()));
        List<RetentionRule> rules = RetentionTable.of(RetentionPeriods.parse("holds=30", null)).rules();
        ChromeDriver browser = chromium.driver();
        URI base = URI.create("http://127.0.0.1:" + hub.httpPort());
        chromium.logIn(base, "admin", "demo");

        for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(390, 844))) {
            browser.manage().window().setSize(size);
            browser.get(base.resolve("/admin").toString());
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page ->
                    page.findElements(By.cssSelector("#retention tr")).size() == rules.size());

            List<WebElement> rows = browser.findElements(By.cssSelector("#retention tr"));
            assertEquals(rules.stream().map(RetentionRule::kind).toList(),
                    rows.stream().map(row -> row.getAttribute("data-kind")).toList());
            WebElement holds = browser.findElement(By.cssSelector("#retention tr[data-kind=holds]"));
            assertTrue(holds.getText().contains("30 dagen na de aanvraag"), holds.getText());
            assertTrue(holds.getText().contains("Instelbaar: --retention holds=DAGEN"), holds.getText());
            for (int i = 0; i < rules.size(); i++) {
                assertTrue(rows.get(i).getText().contains(rules.get(i).name()), rows.get(i).getText());
            }
            assertTrue(browser.findElement(By.id("retention-error")).getAttribute("hidden") != null);
            browser.executeScript("document.getElementById('retention-title').scrollIntoView()");
            chromium.screenshot("admin-retention-" + size.getWidth() + "x" + size.getHeight());
            browser.executeScript("arguments[0].scrollIntoView(false)", rows.get(rows.size() - 1));
            chromium.screenshot("admin-retention-end-" + size.getWidth() + "x" + size.getHeight());
            assertEquals(List.of(), chromium.violations());
        }
    }
}
