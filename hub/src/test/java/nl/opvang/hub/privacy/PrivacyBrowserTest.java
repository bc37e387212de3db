package nl.opvang.hub.privacy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.config.StaffPin;
import nl.opvang.device.kiosk.KioskServer;
import nl.opvang.device.node.Node;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.hub.testkit.HubWithNode;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 17's done-when on a real hub (demo accounts) with the test location's node and the secret location Jonge
 * moeders' node over MQTT, in a real headless Chromium with axe: a pass number used at the test location's kiosk (its
 * page, 800×480) gives the privacy officer an access export naming the stays, a secret location only as its
 * provider's "Vrouwenopvang" and nothing of another guest, on the page, printed and as JSON; an erasure removes the
 * links and the figures of the report stay the same; the admin page lists the open requests with their deadline.
 */
class PrivacyBrowserTest {
    private static final String PASS = "80412345";
    /** Another guest of the secret location, from Baarn: nothing of them may be in the export. */
    private static final String OTHER = "80499999";
    private static final String PIN = "4711";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy")
            .withZone(ZoneId.of("Europe/Amsterdam"));

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path hubData;
    @TempDir
    Path nodeData;

    @Test
    void a_pass_used_at_the_kiosk_gives_an_export_naming_the_stays_and_an_erasure_keeps_the_report() throws Exception {
        HubWithNode both = chromium.serving(HubWithNode.start(hubData, nodeData).live());
        Node node = both.node();
        List<NodeConfig.BedConfig> beds = List.of(new NodeConfig.BedConfig("J1", Kind.REGULAR),
                new NodeConfig.BedConfig("J2", Kind.REGULAR));
        try (Node secret = Node.start(NodeConfig.simulated("kw-jm", "kw-jm-1", both.hub().mqttUrl(),
                nodeData.resolve("kw-jm"), beds, List.of()), Clock.systemUTC());
             KioskServer kiosk = KioskServer.start(node, new NodeConfig.KioskSettings(0, StaffPin.hash(PIN),
                     Duration.ofMinutes(5), null), null, Clock.systemUTC())) {
            node.checkIn("T1", PASS, "0307");
            node.checkOut("T1", PASS, "woning");
            secret.checkIn("J1", PASS, "0307");
            secret.checkIn("J2", OTHER, "0308");
            ApiClient api = new ApiClient(() -> both.hub().httpPort(), "demo");
            api.logIn("ct");
            api.logIn("privacy");
            await().atMost(Duration.ofSeconds(15)).until(() -> node.pendingCount() == 0 && secret.pendingCount() == 0);
            // Once tonight is sampled (the hub samples within its first minute), the report is what the erasure must
            // leave alone.
            await().atMost(Duration.ofSeconds(90)).until(() -> ApiClient.parse(api.get(
                    "/api/v1/reports/occupancy?weeks=6", "ct")).get("nights").toString().contains("\"sampled\":true"));
            List<String> reportBefore = report(api);

            String access = atTheKiosk(kiosk);
            String erasure = node.privacyRequest("erasure", PASS).reference();
            await().atMost(Duration.ofSeconds(15)).until(() -> requests(api).size() == 2);
            String accessId = id(api, access);

            JsonNode export = ApiClient.parse(api.get("/api/v1/privacy/requests/" + accessId + "/export", "privacy"));
            assertTrue(export.get("found").asBoolean(), export.toString());
            List<String> stays = new ArrayList<>();
            export.get("stays").forEach(stay -> stays.add(stay.get("what").asText() + " " + stay.get("location").asText()
                    + " " + stay.get("origin").asText() + " " + stay.get("destination").asText()));
            assertEquals(List.of("Ingecheckt Testlocatie 0307 null", "Ingecheckt Vrouwenopvang (Kwintes) 0307 null",
                    "Uitgecheckt Testlocatie null woning"), stays.stream().sorted().toList(), export.toString());
            assertNothingElse(export.toString());

            ChromeDriver browser = chromium.driver();
            URI base = URI.create("http://127.0.0.1:" + both.hub().httpPort());
            chromium.logIn(base, "privacy", "demo");
            assertEquals("/privacy", URI.create(browser.getCurrentUrl()).getPath(), "the privacy officer's start page");
            for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(390, 844))) {
                browser.manage().window().setSize(size);
                showExport(browser, base, access);
                String shown = browser.findElement(By.id("export")).getText();
                assertTrue(shown.contains("Testlocatie") && shown.contains("Ingecheckt")
                        && shown.contains("Vrouwenopvang (Kwintes)") && shown.contains("Inzage, aan de balie van"
                        + " Testlocatie"), shown);
                assertNothingElse(shown.replace(access, ""));
                chromium.screenshot("privacy-export-" + size.getWidth() + "x" + size.getHeight());
                assertEquals(List.of(), chromium.violations());
            }
            // Printed: the export alone, without the list of requests, the buttons or the account bar.
            browser.manage().window().setSize(new Dimension(1366, 768));
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertFalse(browser.findElement(By.id("requests")).isDisplayed(), "the list is not printed");
            assertFalse(browser.findElement(By.id("print")).isDisplayed(), "nor the buttons");
            assertTrue(browser.findElement(By.id("export-rows")).isDisplayed(), "the export is");
            chromium.screenshot("privacy-export-print-1366x768");
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

            browser.get(base.resolve("/privacy").toString());
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#requests tr"))
                    .size() == 2);
            row(browser, erasure).findElement(By.xpath(".//button[text()='Nu verwijderen']")).click();
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("notice")).getText()
                    .contains("Verwijderd"));
            chromium.screenshot("privacy-erased-1366x768");

            JsonNode after = ApiClient.parse(api.get("/api/v1/privacy/requests/" + accessId + "/export", "privacy"));
            assertFalse(after.get("found").asBoolean(), "the links are gone: " + after);
            assertEquals(reportBefore, report(api), "the report's figures stay the same");

            Instant deadline = Instant.parse(requests(api).stream().filter(r -> r.get("reference").asText().equals(access))
                    .findFirst().orElseThrow().get("deadline").asText());
            chromium.logIn(base, "admin", "demo");
            browser.get(base.resolve("/admin").toString());
            chromium.waitUpTo(Duration.ofSeconds(10)).until(page ->
                    page.findElements(By.cssSelector("#privacy-requests tr")).size() == 1);
            String open = browser.findElement(By.id("privacy-requests")).getText();
            assertTrue(open.contains(access) && open.contains("Inzage") && open.contains(DAY.format(deadline)),
                    "the open request with its deadline: " + open);
            browser.executeScript("document.getElementById('privacy-title').scrollIntoView()");
            chromium.screenshot("admin-privacy-1366x768");
            assertEquals(List.of(), chromium.violations());
        }
    }

    /**
     * Staff unlock the kiosk, choose "Inzage of verwijderen aanvragen", type the pass and confirm with the PIN; the
     * person is shown the reference. Returns it.
     */
    private static String atTheKiosk(KioskServer kiosk) {
        ChromeDriver browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(800, 480));
        browser.get(kiosk.uri().toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("pin")).isDisplayed());
        browser.findElement(By.id("pin")).sendKeys(PIN, Keys.ENTER);
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("privacy")).isDisplayed());
        browser.findElement(By.id("privacy")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("pass")).isDisplayed());
        browser.findElement(By.id("pass")).sendKeys(PASS);
        browser.findElement(By.id("privacy-pin")).sendKeys(PIN);
        browser.findElement(By.xpath("//dialog//div[@class='dialog-buttons']/button[normalize-space()='Aanvragen']"))
                .click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("dialog-title")).getText()
                .equals("Verzoek verstuurd"));
        String reference = browser.findElement(By.cssSelector("#dialog-body .reference")).getText();
        assertTrue(reference.matches("Kenmerk: P-[0-9A-F]{4}-[0-9A-F]{4}"), reference);
        assertTrue(browser.findElement(By.id("dialog-body")).getText().contains("1 keer ingecheckt"),
                "this location's own data: " + browser.findElement(By.id("dialog-body")).getText());
        chromium.screenshot("kiosk-privacy-reference-800x480");
        assertEquals(List.of(), chromium.violations());
        return reference.substring("Kenmerk: ".length());
    }

    /** Nothing of the secret location but its provider, of the other guest, of the pass or token, or a bed. */
    private static void assertNothingElse(String text) {
        for (String never : List.of("Jonge moeders", "kw-jm", "J1", "J2", "T1", "0308", PASS, OTHER, "k1:")) {
            assertFalse(text.contains(never), never + " in " + text);
        }
    }

    private static void showExport(ChromeDriver browser, URI base, String reference) {
        browser.get(base.resolve("/privacy").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#requests tr"))
                .size() == 2);
        chromium.screenshot("privacy-requests-" + browser.manage().window().getSize().getWidth() + "x"
                + browser.manage().window().getSize().getHeight());
        assertEquals(List.of(), chromium.violations());
        row(browser, reference).findElement(By.xpath(".//button[text()='Inzage tonen']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("export")).isDisplayed());
    }

    /** What the report (/report) and the figures show: occupancy per night, nights over the limit, stays and nights. */
    private static List<String> report(ApiClient api) {
        JsonNode clients = ApiClient.parse(api.get("/api/v1/monitoring/clients", "ct"));
        List<String> stays = new ArrayList<>();
        clients.get("rows").forEach(row -> {
            if (!row.get("code").asText().equals("unique_clients")) {
                stays.add(row.toString());
            }
        });
        return List.of(ApiClient.parse(api.get("/api/v1/reports/occupancy?weeks=6", "ct")).get("nights").toString(),
                ApiClient.parse(api.get("/api/v1/long-stays", "ct")).get("counts").toString(),
                ApiClient.parse(api.get("/api/v1/long-stays/nights", "ct")).get("rows").toString(),
                String.join(",", stays),
                ApiClient.parse(api.get("/api/v1/monitoring/destinations", "ct")).get("rows").toString());
    }

    private static List<JsonNode> requests(ApiClient api) {
        List<JsonNode> list = new ArrayList<>();
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
