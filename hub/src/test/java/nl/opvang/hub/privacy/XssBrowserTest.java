package nl.opvang.hub.privacy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.ProtocolException;
import nl.opvang.protocol.Topics;
import nl.opvang.testing.Tools;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Script injection through every way free text reaches a page: an admin's API call (a user's display name, a secret
 * location's contact), MQTT payloads of a real node (hold instructions and refusal reasons, a birth's software
 * version), CT's break-glass reason, a referral's notes, refusal and instructions (issue 14), and the UI itself (a refusal typed on the VO page). Every page that shows them is
 * then opened in a real headless Chromium: the text must be shown as text, no injected element may exist, and the
 * payloads' script ({@code window.__xss}) must never run.
 */
class XssBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String NAME = "<img data-xss src=x onerror=\"window.__xss='name'\">";
    private static final String INSTRUCTIONS = "Achterdeur\"><img data-xss src=x onerror=\"window.__xss='instructions'\">";
    private static final String REFUSAL = "<script data-xss>window.__xss='refusal'</script>Vol";
    private static final String TYPED = "<svg data-xss onload=\"window.__xss='typed'\"></svg>Bel aan";
    private static final String REASON = "'><img data-xss src=x onerror=\"window.__xss='reason'\">";
    private static final String CONTACT = "<a data-xss href=\"javascript:window.__xss='contact'\">bel</a>";
    private static final String NOTES = "<iframe data-xss srcdoc=\"<script>parent.__xss='notes'</script>\"></iframe>";
    private static final String SOFTWARE = "<img data-xss src=x onerror=window.__xss=1>";

    @TempDir
    Path hubData;
    @TempDir
    Path nodeData;
    @TempDir
    Path profile;
    Hub hub;
    Node node;
    ChromeDriver browser;
    HubClient api;
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (node != null) {
            node.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void free_text_from_the_api_mqtt_and_the_ui_is_shown_as_text_and_never_runs() throws Exception {
        Tools.require(CHROMIUM.toString(), CHROMEDRIVER.toString());
        // One browser and one API client play four users within a minute from one address (every page also loads
        // the account bar's session and style): the per-address rate limit is off.
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).httpRateLimit(0).build(),
                Clock.systemUTC());
        node = Node.start(testNode(hub.mqttUrl(), nodeData), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.inProcess().projection().snapshot().locations().get("test")
                .freshness() == Freshness.LIVE);
        api = new HubClient(hub.httpPort());

        // Through the API, as the admin: a user's display name and a secret location's contact details.
        HubClient.Answer user = api.send("admin", "POST", "/api/v1/admin/users", json.writeValueAsString(Map.of(
                "username", "xss-ct", "displayName", NAME, "role", "ct", "password", "een-lang-wachtwoord")));
        assertEquals(201, user.status(), user.body());
        // Markup cannot even be stored as a secret location's contact: structured fields, letters and times only.
        HubClient.Answer markup = api.send("admin", "PUT", "/api/v1/locations/kw-vo/contact", json.writeValueAsString(
                Map.of("desk", CONTACT, "phones", List.of(Map.of("number", "088 000 0200")))));
        assertEquals(400, markup.status(), markup.body());
        assertEquals(204, api.send("admin", "PUT", "/api/v1/locations/kw-vo/contact", json.writeValueAsString(
                Map.of("desk", "Nachtdienst", "phones", List.of(Map.of("number", "088 000 0200", "note", "24/7"))))).status());
        HubClient.Answer opened = api.send("ct", "POST", "/api/v1/locations/kw-vo/break-glass",
                json.writeValueAsString(Map.of("reason", REASON)));
        assertEquals(200, opened.status(), opened.body());

        // Through MQTT, from the real node: the reason of a refused hold, the instructions of an accepted one.
        UUID refused = hold(api);
        node.refuseHold(refused, REFUSAL);
        awaitState(refused, "refused");
        UUID accepted = hold(api);
        node.acceptHold(accepted, "T5", INSTRUCTIONS);
        awaitState(accepted, "accepted");
        // A turn-away reason is a code of the vocabulary, never free text: no such reason can be recorded at all.
        await().atMost(Duration.ofSeconds(10)).until(() -> node.pendingCount() == 0);
        assertThrows(ProtocolException.class, () -> new Payload.TurnAway(SOFTWARE, Kind.REGULAR));
        assertEquals(0, node.pendingCount(), "nothing was recorded for it");
        publishBirthWithSoftware(hub.mqttUrl(), SOFTWARE);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.send("admin", "GET", "/api/v1/admin/nodes", null).body()
                .contains("data-xss"));

        // Through the referral API (issue 14): Veilig Thuis's safety notes, the VO desk's refusal and instructions.
        String referral = "{\"desk\":\"Kwintes\",\"notes\":" + json.writeValueAsString(NOTES) + "}";
        String first = json.readTree(api.send("veiligthuis", "POST", "/api/v1/referrals", referral).body()).get("id").asText();
        String second = json.readTree(api.send("veiligthuis", "POST", "/api/v1/referrals", referral).body()).get("id")
                .asText();
        assertEquals(200, api.send("vo-desk", "POST", "/api/v1/referrals/" + first + "/refuse",
                json.writeValueAsString(Map.of("reason", REFUSAL))).status());

        startBrowser();
        login("vo-desk", "demo");
        showsAsText("/vo", NOTES);
        assertEquals(200, api.send("vo-desk", "POST", "/api/v1/referrals/" + second + "/accept",
                json.writeValueAsString(Map.of("elsewhere", true, "instructions", INSTRUCTIONS))).status());
        login("veiligthuis", "demo");
        showsAsText("/vt", INSTRUCTIONS, "Reden: " + REFUSAL);
        login("ct", "demo");
        showsAsText("/", INSTRUCTIONS);

        // Through the UI: night staff of the test location accept the next request on the VO page, typing markup.
        assertEquals(200, api.send("ct", "DELETE", "/api/v1/holds/" + accepted, null).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> node.incomingHolds().stream().noneMatch(each -> each.hold()
                .equals(accepted)));
        UUID typed = hold(api);
        login("nacht-test", "demo");
        browser.get(api.uri("/vo").toString());
        By card = By.cssSelector("li[data-hold='" + typed + "']");
        waitUpTo().until(driver -> !driver.findElements(card).isEmpty());
        browser.findElement(card).findElement(By.xpath(".//button[text()='Accepteren']")).click();
        browser.findElement(card).findElement(By.tagName("textarea")).sendKeys(TYPED);
        browser.findElement(card).findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo().withMessage(() -> "no answer on the VO page: " + browser.executeScript(
                "return document.querySelector('main').outerHTML;"))
                .until(driver -> !driver.findElement(By.id("message")).getText().isEmpty());
        assertEquals("Geaccepteerd; de aanvrager ziet uw tekst.", browser.findElement(By.id("message")).getText());
        awaitState(typed, "accepted");
        assertClean("/vo as night staff");
        assertStrictPolicy("/vo", "nacht-test");
        login("ct", "demo");
        showsAsText("/", TYPED);
        login("admin", "demo");
        showsAsText("/admin", NAME, SOFTWARE);
        showsAsText("/admin/audit", REASON);
        login("xss-ct", "een-lang-wachtwoord");
        showsAsText("/", "Testlocatie");
        showsAsText("/report", "Bezetting");
        showsAsText("/print", "Testlocatie");
        for (String path : List.of("/vt", "/admin", "/admin/audit")) {
            assertStrictPolicy(path, path.equals("/vt") ? "veiligthuis" : "admin");
        }
        for (String path : List.of("/", "/report", "/print")) {
            assertStrictPolicy(path, "ct");
        }
    }

    /** CT asks for any crisis place in the region: the test location's, the only live one. */
    private UUID hold(HubClient api) throws Exception {
        HubClient.Answer created = api.send("ct", "POST", "/api/v1/holds", "{\"kind\":\"crisis\"}");
        assertEquals(201, created.status(), created.body());
        UUID id = UUID.fromString(json.readTree(created.body()).get("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> node.incomingHolds().stream().anyMatch(each -> each.hold().equals(id)));
        return id;
    }

    private void awaitState(UUID hold, String state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> api.send("ct", "GET", "/api/v1/holds/" + hold, null)
                .body().contains("\"state\":\"" + state + "\""));
    }

    /**
     * Behind the escaping, a second wall: the page's policy allows no inline script (docs/DESIGN.md §6, FAULTS S05).
     */
    private void assertStrictPolicy(String path, String account) {
        HubClient.Answer page = api.send(account, "GET", path, null);
        assertEquals(200, page.status(), path);
        String policy = String.valueOf(page.headers().get("content-security-policy"));
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), path + ": " + policy);
    }

    /** Opens {@code path}, waits until each text is on the page as text, and checks that nothing was injected. */
    private void showsAsText(String path, String... texts) {
        browser.get("http://127.0.0.1:" + hub.httpPort() + path);
        for (String text : texts) {
            waitUpTo().withMessage(() -> "not shown as text on " + path + ": " + text + " (injected elements: "
                    + browser.executeScript("return document.querySelectorAll('[data-xss]').length;") + ")")
                    .until(driver -> String.valueOf(browser.executeScript("return document.body.textContent;")).contains(text));
        }
        assertClean(path);
    }

    private void assertClean(String where) {
        assertEquals(0L, browser.executeScript("return document.querySelectorAll('[data-xss]').length;"),
                "an injected element exists on " + where);
        assertEquals(true, browser.executeScript("return typeof window.__xss === 'undefined';"),
                "injected script ran on " + where + ": " + browser.executeScript("return String(window.__xss);"));
    }

    private void login(String username, String password) {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + hub.httpPort() + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo().until(driver -> !driver.getCurrentUrl().contains("/login"));
    }

    private WebDriverWait waitUpTo() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    /**
     * The back/forward cache stays on, as in a real browser: the pages must close their streams when left, or the
     * pages visited before the VO page hold all six connections and its answer never leaves the browser.
     */
    private void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--lang=nl-NL");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** A birth of the Smallepad node, as any MQTT client could send it, with markup as its software version. */
    private static void publishBirthWithSoftware(String brokerUrl, String software) throws Exception {
        List<Payload.BedState> beds = new ArrayList<>();
        for (int bed = 1; bed <= 43; bed++) {
            beds.add(new Payload.BedState(String.format("S%02d", bed), Kind.REGULAR, PlaceStatus.FREE));
        }
        byte[] birth = new Codec().encode(new Messages("smallepad", "smallepad-1")
                .next(new Payload.Birth(software, 30, beds, List.of())));
        MqttClient client = new MqttClient(brokerUrl, "xss-birth", new MemoryPersistence());
        client.connect();
        client.publish(Topics.node("smallepad", "smallepad-1", Channel.BIRTH), birth, 1, false);
        client.disconnect();
        client.close();
    }

    private static NodeConfig testNode(String brokerUrl, Path dataDir) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new NodeConfig.BedConfig("T" + bed, Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("T5", Kind.CRISIS));
        return NodeConfig.simulated("test", "test-1", brokerUrl, dataDir, beds, List.of());
    }
}
