package nl.opvang.hub.privacy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.device.node.Node;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.hub.testkit.HubWithNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 17's done-when on a real hub (demo accounts) with the test location's node over MQTT, in a real headless
 * Chromium with axe: a pass used at the kiosk gives the privacy officer an access export naming the stays; an erasure
 * removes the links and the report's figures stay the same; the admin page lists the open requests with their deadline.
 */
class PrivacyBrowserTest {
    private static final String PASS = "80412345";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path hubData;
    @TempDir
    Path nodeData;

    @Test
    void a_pass_used_at_the_kiosk_gives_an_export_naming_the_stays_and_an_erasure_keeps_the_report() {
        HubWithNode both = chromium.serving(HubWithNode.start(hubData, nodeData).live());
        Node node = both.node();
        node.checkIn("T1", PASS, "0307");
        node.checkOut("T1", PASS, "woning");
        ApiClient api = new ApiClient(() -> both.hub().httpPort(), "demo");
        api.logIn("ct");
        api.logIn("privacy");
        await().atMost(Duration.ofSeconds(15)).until(() -> node.pendingCount() == 0);
        // The stays are in; once tonight is sampled (the hub samples within its first minute), the report is what the
        // erasure must leave alone.
        await().atMost(Duration.ofSeconds(90)).until(() -> ApiClient.parse(api.get("/api/v1/reports/occupancy?weeks=6", "ct"))
                .get("nights").toString().contains("\"sampled\":true"));
        String reportBefore = ApiClient.parse(api.get("/api/v1/reports/occupancy?weeks=6", "ct")).get("nights").toString();
        String access = node.privacyRequest("access", PASS).reference();
        String erasure = node.privacyRequest("erasure", PASS).reference();
        await().atMost(Duration.ofSeconds(15)).until(() -> requests(api).size() == 2);
        String accessId = id(api, access);

        JsonNode export = ApiClient.parse(api.get("/api/v1/privacy/requests/" + accessId + "/export", "privacy"));
        assertTrue(export.get("found").asBoolean(), export.toString());
        assertEquals(2, export.get("stays").size());
        assertEquals("Testlocatie", export.get("stays").get(0).get("location").asText());
        assertEquals("0307", export.get("stays").get(0).get("origin").asText());
        assertEquals("woning", export.get("stays").get(1).get("destination").asText());
        for (String never : List.of(PASS, "T1", "\"test\"", "k1:")) {
            assertFalse(export.toString().contains(never), never);
        }

        ChromeDriver browser = chromium.driver();
        URI base = URI.create("http://127.0.0.1:" + both.hub().httpPort());
        chromium.logIn(base, "privacy", "demo");
        assertEquals("/privacy", URI.create(browser.getCurrentUrl()).getPath(), "the privacy officer's start page");
        for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(390, 844))) {
            browser.manage().window().setSize(size);
            browser.get(base.resolve("/privacy").toString());
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#requests tr")).size() == 2);
            chromium.screenshot("privacy-requests-" + size.getWidth() + "x" + size.getHeight());
            assertEquals(List.of(), chromium.violations());
            row(browser, access).findElement(By.xpath(".//button[text()='Inzage tonen']")).click();
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("export")).isDisplayed());
            WebElement shown = browser.findElement(By.id("export"));
            assertTrue(shown.getText().contains("Testlocatie"), shown.getText());
            assertTrue(shown.getText().contains("Ingecheckt"), shown.getText());
            chromium.screenshot("privacy-export-" + size.getWidth() + "x" + size.getHeight());
            assertEquals(List.of(), chromium.violations());
        }

        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.get(base.resolve("/privacy").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#requests tr")).size() == 2);
        row(browser, erasure).findElement(By.xpath(".//button[text()='Nu verwijderen']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("notice")).getText()
                .contains("Verwijderd"));
        chromium.screenshot("privacy-erased-1366x768");

        JsonNode after = ApiClient.parse(api.get("/api/v1/privacy/requests/" + accessId + "/export", "privacy"));
        assertFalse(after.get("found").asBoolean(), "the links are gone: " + after);
        assertEquals(reportBefore, ApiClient.parse(api.get("/api/v1/reports/occupancy?weeks=6", "ct")).get("nights")
                .toString(), "the report's figures stay the same");

        chromium.logIn(base, "admin", "demo");
        browser.get(base.resolve("/admin").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page ->
                page.findElements(By.cssSelector("#privacy-requests tr")).size() == 1);
        assertTrue(browser.findElement(By.id("privacy-requests")).getText().contains(access));
        browser.executeScript("document.getElementById('privacy-title').scrollIntoView()");
        chromium.screenshot("admin-privacy-1366x768");
        assertEquals(List.of(), chromium.violations());
    }

    private static List<JsonNode> requests(ApiClient api) {
        List<JsonNode> list = new java.util.ArrayList<>();
        ApiClient.parse(api.get("/api/v1/privacy/requests", "privacy")).get("requests").forEach(list::add);
        return list;
    }

    private static String id(ApiClient api, String reference) {
        return requests(api).stream().filter(r -> r.get("reference").asText().equals(reference)).findFirst().orElseThrow()
                .get("request").asText();
    }

    private static WebElement row(ChromeDriver browser, String reference) {
        return browser.findElements(By.cssSelector("#requests tr")).stream()
                .filter(tr -> tr.getText().contains(reference)).findFirst().orElseThrow();
    }
}
