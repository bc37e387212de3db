package nl.opvang.hub.stay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import nl.opvang.hub.report.Nights;
import nl.opvang.hub.testkit.Chromium;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The VO desk page (/vo) with its places per target group, its stays over three days and its noodbedden under
 * cold-weather mode; the CT page's "Langer dan 3 maanden"; the report's numbers. A real headless Chromium against a
 * real hub with real nodes (LongStayHub), at phone and desk sizes, checked with axe.
 */
class LongStayBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path data;
    LongStayHub hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new LongStayHub(data));
        browser = chromium.driver();
        hub.vo.checkIn("C1", "550011221", null);
        hub.vo.checkIn("V01", "550011222", null);
        hub.test.checkIn("T1", "550011223", null);
        hub.delivered();
    }

    @Test
    void the_vo_desk_sees_its_free_places_by_group_its_stays_over_three_days_and_its_noodbedden() {
        String until = LocalDate.now(Nights.ZONE).plusDays(10) + "T12:00";
        assertEquals(201, hub.post("ct", "/api/v1/cold-weather",
                "{\"until\":\"" + until + "\",\"sites\":[\"kw-vo\"],\"reason\":\"Vorst\"}").statusCode());
        chromium.waitUpTo(Duration.ofSeconds(20)).until(page -> hub.vo.nood().orElseThrow().open());
        hub.advance(Duration.ofDays(3).plusHours(1));
        hub.liveAgain();

        for (int[] size : new int[][] {{390, 844}, {1366, 768}}) {
            chromium.reset(size[0], size[1]);
            chromium.logIn(hub.uri("/"), "vo-desk", "demo");
            browser.get(hub.uri("/vo").toString());
            // The clock jumped three days: the location counts as live again from the node's next heartbeat (30 s).
            chromium.waitUpTo(Duration.ofSeconds(45)).until(page -> page.findElement(By.id("vo-stays")).isDisplayed()
                    && texts("#vo-groups li").contains("Vrouwen: 17 vrij") && !texts("#vo-nood-list li").isEmpty()
                    && texts("#vo-nood-list li").get(0).startsWith("Vrouwenopvang: Open, bevestigd"));
            List<String> stays = texts("#vo-stays .stays li");
            assertEquals(1, stays.size(), stays.toString());
            assertTrue(stays.get(0).startsWith("Vrouwenopvang · crisisplek C1 sinds "), stays.toString());
            assertTrue(stays.get(0).endsWith(" · 3 dagen"), stays.toString());
            assertEquals(List.of("kw-jm", "kw-vo"), attributes("#vo-locations > li", "data-location"),
                    "its provider's VO locations, no MO site");
            assertTrue(texts("#vo-groups li").containsAll(List.of("Vrouwen: 17 vrij", "Jonge moeders: 0 vrij")),
                    "14 regular, 1 crisis, 2 noodbedden; the young mothers' node is not live: "
                    + texts("#vo-groups li"));
            assertTrue(text("#vo-nood-list li .nood-state").matches("Vrouwenopvang: Open, bevestigd, tot .* · 2 van 2 vrij"),
                    text("#vo-nood-list li .nood-state"));
            assertEquals("Open door de koudweerregeling; de Centrale Toegang beslist.", text("#vo-nood-list li .nood-switch"),
                    "no switch for the desk while the mode covers the location");
            assertTrue(text("#vo-nood-cold").startsWith("Koudweerregeling actief tot "), text("#vo-nood-cold"));
            chromium.screenshot("vo-desk-" + size[0]);
            scrollTo("vo-stays");
            chromium.screenshot("vo-desk-stays-" + size[0]);
            assertEquals(List.of(), chromium.violations(), "VO desk page at " + size[0]);
        }

        // Night staff of the MO's test location: its own site, no stays, no other location.
        chromium.reset(390, 844);
        chromium.logIn(hub.uri("/"), "nacht-test", "demo");
        browser.get(hub.uri("/vo").toString());
        chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> !texts("#vo-locations > li").isEmpty());
        assertEquals(List.of("test"), attributes("#vo-locations > li", "data-location"));
        assertFalse(browser.findElement(By.id("vo-stays")).isDisplayed(), "night staff see no stays");
        assertFalse(browser.findElement(By.id("vo-nood")).isDisplayed(), "the test location has no noodbedden");
        chromium.screenshot("vo-night-staff-390");
        assertEquals(List.of(), chromium.violations(), "VO page as night staff");
    }

    @Test
    void the_vo_desk_opens_its_noodbedden_sees_the_location_confirm_and_closes_them() {
        chromium.reset(390, 844);
        chromium.logIn(hub.uri("/"), "vo-desk", "demo");
        browser.get(hub.uri("/vo").toString());
        chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> page.findElement(By.id("vo-nood")).isDisplayed()
                && text("#vo-nood-list li .nood-state").equals("Vrouwenopvang: Gesloten"));
        browser.findElement(By.id("nood-reason-kw-vo")).sendKeys("Vrouw met kind, politie onderweg");
        browser.findElement(By.cssSelector("#vo-nood-list button")).click();

        chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> text("#vo-nood-list li .nood-state")
                .startsWith("Vrouwenopvang: Open, bevestigd, tot "));
        assertTrue(hub.vo.nood().orElseThrow().open(), "the node opened them");
        assertEquals("Gevraagd: openen tot morgen 12:00. De locatie bevestigt het zelf.", text("#vo-nood-message"));
        scrollTo("vo-nood");
        chromium.screenshot("vo-desk-nood-open-390");
        assertEquals(List.of(), chromium.violations(), "VO desk page, noodbedden open");

        browser.findElement(By.id("nood-reason-kw-vo")).sendKeys("Doorgeplaatst");
        browser.findElement(By.cssSelector("#vo-nood-list button")).click();
        chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> text("#vo-nood-list li .nood-state")
                .equals("Vrouwenopvang: Gesloten"));
        assertFalse(hub.vo.nood().orElseThrow().open(), "the node closed them");
    }

    @Test
    void ct_sees_the_stays_over_three_months_and_the_vo_as_a_number_and_the_report_counts_them() {
        hub.advance(Duration.ofDays(95).plusHours(1));
        hub.liveAgain();

        for (int[] size : new int[][] {{390, 844}, {1366, 768}}) {
            chromium.reset(size[0], size[1]);
            chromium.logIn(hub.uri("/"), "ct", "demo");
            browser.get(hub.uri("/").toString());
            chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> page.findElement(By.id("long-stays")).isDisplayed());
            List<String> lines = texts("#long-stays .stays li");
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("Testlocatie · plek T1 sinds "), lines.toString());
            assertTrue(lines.get(0).endsWith(" · 95 dagen"), lines.toString());
            assertEquals("Vrouwenopvang: 1 langer dan 3 dagen", lines.get(1));
            scrollTo("long-stays");
            chromium.screenshot("ct-long-stays-" + size[0]);
            assertEquals(List.of(), chromium.violations(), "CT page at " + size[0]);
        }

        browser.get(hub.uri("/report").toString());
        chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> page.findElement(By.id("report-stays")).isDisplayed());
        assertEquals(List.of("Vrouwenopvang 3 dagen 1", "Testlocatie 3 maanden 1"),
                texts("#report-stays > table:not(#report-nights) tbody tr"));
        // This month's nights over the limit, as the API counts them (the hub's clock decides which month).
        List<String> nights = new java.util.ArrayList<>();
        nl.opvang.hub.testkit.ApiClient.parse(hub.get("ct", "/api/v1/long-stays/nights")).get("rows")
                .forEach(row -> nights.add(row.get("name").asText() + " " + (row.get("limit").asText().equals("vo")
                        ? "3 dagen" : "3 maanden") + " " + row.get("nights").asInt()));
        assertTrue(nights.stream().anyMatch(row -> row.startsWith("Vrouwenopvang 3 dagen ")), nights.toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> texts("#report-nights tbody tr").equals(nights));
        scrollTo("report-stays");
        chromium.screenshot("report-long-stays-1366");
        assertEquals(List.of(), chromium.violations(), "report page");

        chromium.reset(1366, 768);
        chromium.logIn(hub.uri("/"), "vo-desk", "demo");
        browser.get(hub.uri("/ct").toString());
        chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> text("#connection").startsWith("Live")
                && !page.findElements(By.cssSelector(".account-bar")).isEmpty());
        assertFalse(browser.findElement(By.id("long-stays")).isDisplayed(), "the MO's three months are the CT's");
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private List<String> attributes(String css, String name) {
        return browser.findElements(By.cssSelector(css)).stream().map(each -> each.getAttribute(name)).toList();
    }

    private void scrollTo(String id) {
        browser.executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
    }
}
