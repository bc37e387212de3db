package nl.opvang.hub.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.testkit.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue #6's and issue 14's "done when", in a real headless Chromium against the demo (hub, embedded broker, simulated
 * nodes and the Amergaard kiosk, all in this process): Veilig Thuis sends an aanmelding to the vrouwenopvang, the VO
 * desk accepts it onto one of its places with instructions, and Veilig Thuis sees them live; CT asks Amergaard for a place, the night staff accept it at the kiosk, and CT sees
 * the instructions. No address reaches the hub: the instructions are stored sealed, and Veilig Thuis never sees which
 * location it is. The two sides are two tabs of one browser, on {@code 127.0.0.1} and {@code localhost}, so that each
 * keeps its own session cookie.
 */
class DemoFlowBrowserTest {
    private static final String VO_TEXT = "Meld u om 02:30 bij de politie Stadsring; wij halen u daar op";
    private static final String NOTES = "Partner dreigt; niet bellen na 22:00";
    private static final String KIOSK_TEXT = "Bel aan bij de zijdeur, bed A staat klaar";

    static Browser chromium;
    @TempDir
    static Path dataDir;
    static Hub hub;
    static Demo demo;
    ChromeDriver browser;
    String firstTab;

    /** One demo and one browser for the class: the tests use different places and accounts. */
    @BeforeAll
    static void startDemoAndBrowser() {
        chromium = Browser.start();
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(dataDir).build(),
                Clock.systemUTC());
        // A quiet simulation: the test, not chance, decides what happens at the locations.
        demo = Demo.start(hub.inProcess().registry().locations(), hub.mqttUrl(), hub.dataDir(), Duration.ofHours(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.inProcess().projection().snapshot().locations().values().stream()
                .filter(location -> !location.code().equals(Demo.TEST_SITE))
                .allMatch(location -> location.freshness() == Freshness.LIVE));
    }

    @AfterAll
    static void stopDemoAndBrowser() {
        if (demo != null) {
            demo.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void takeBrowser() {
        browser = chromium.driver();
        firstTab = browser.getWindowHandle();
    }

    @AfterEach
    void closeSecondTab() {
        for (String tab : List.copyOf(browser.getWindowHandles())) {
            if (!tab.equals(firstTab)) {
                browser.switchTo().window(tab).close();
            }
        }
        browser.switchTo().window(firstTab);
        chromium.reset(1280, 900);
    }

    private static URI hubAt(String host) {
        return URI.create("http://" + host + ":" + hub.httpPort() + "/");
    }

    /**
     * Issue 14's "done when": Veilig Thuis searches for a mother with two children, sees the counts and the 24/7
     * number, and sends an aanmelding by keyboard; the VO desk sees it in its queue and accepts it onto a Jonge moeders
     * place; Veilig Thuis sees the acceptance and the instructions without reload, and never the location.
     */
    @Test
    void veilig_thuis_refers_a_mother_with_two_children_the_vo_desk_accepts_and_the_instructions_appear_live() {
        chromium.reset(390, 844);
        String vtTab = browser.getWindowHandle();
        chromium.logIn(hubAt("127.0.0.1"), "veiligthuis", "demo");
        browser.get(hubAt("127.0.0.1").resolve("/vt").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#regions .count").endsWith("vrij"));
        browser.findElement(By.id("children")).clear();
        browser.findElement(By.id("children")).sendKeys("2");
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#regions .count").endsWith("vrij"));
        assertEquals("3 crisisplekken vrij", text("#regions .count"), "the VO's crisis places for a family, no MO site");
        assertEquals("0 noodbedden vrij · 2 noodbedden te openen", text("#regions .counts"));
        assertTrue(text("#regions").contains("Bel 088 000 0200 (24/7)"), text("#regions"));
        assertEquals("tel:0880000200", browser.findElement(By.cssSelector("#regions .phone a")).getAttribute("href"));
        chromium.screenshot("flow-vt-search");
        assertEquals(List.of(), chromium.violations(), "VT page with the counts");
        browser.executeScript("window.notReloaded = true;");

        // Keyboard only: Tab to the button, Enter; the form opens on the urgency; Tab to the notes.
        for (int tab = 0; tab < 20 && !"Aanmelden bij de vrouwenopvang".equals(focusedText()); tab++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertEquals("Aanmelden bij de vrouwenopvang", focusedText());
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        new Actions(browser).sendKeys(Keys.TAB).sendKeys(NOTES).perform();
        assertEquals(List.of(), chromium.violations(), "VT page with the aanmelding form");
        browser.findElement(By.xpath("//button[text()='Aanmelding versturen']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#referrals li .state").startsWith("Aangemeld (om "));
        assertTrue(text("#referrals li").contains("Antwoord verwacht: nog 1"), text("#referrals li"));
        chromium.screenshot("flow-vt-requested");

        browser.switchTo().newWindow(WindowType.TAB);
        browser.manage().window().setSize(new Dimension(1366, 768));
        chromium.logIn(hubAt("localhost"), "vo-desk", "demo");
        browser.get(hubAt("localhost").resolve("/vo").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#referrals li .state")
                .startsWith("Aanmelding — Direct — 1 volw., 2 kind. — "));
        assertEquals(NOTES, text("#referrals .notes"));
        assertEquals(List.of(), chromium.violations(), "VO page with a referral");
        browser.manage().window().setSize(new Dimension(390, 844));
        chromium.screenshot("flow-vo-queue-phone");
        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.findElement(By.xpath("//ul[@id='referrals']//button[text()='Accepteren']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElements(By.cssSelector("#referrals select"))
                .isEmpty());
        new Select(browser.findElement(By.cssSelector("#referrals select")))
                .selectByValue("kw-jm|crisis");
        browser.findElement(By.cssSelector("#referrals textarea")).sendKeys(VO_TEXT);
        chromium.screenshot("flow-vo-accept-form");
        assertEquals(List.of(), chromium.violations(), "VO page with the acceptance form");
        browser.findElement(By.xpath("//ul[@id='referrals']//button[text()='Accepteren bevestigen']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10))
                .until(page -> text("#referral-message").equals("Geaccepteerd; Veilig Thuis ziet uw tekst."));
        assertTrue(browser.findElements(By.cssSelector("#referrals li")).isEmpty(), "answered: off the desk's queue");
        chromium.screenshot("flow-vo-accepted");

        browser.switchTo().window(vtTab);
        browser.manage().window().setSize(new Dimension(390, 844));
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#referrals li .state").contains("→ Geaccepteerd (om "));
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#referrals .instructions").equals(VO_TEXT));
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true;"), "live, without reload");
        String body = browser.findElement(By.tagName("body")).getText();
        for (Location location : hub.inProcess().registry().locations()) {
            assertFalse(body.contains(location.name()), "Veilig Thuis does not learn the location: " + location.name());
        }
        for (String bed : crisisBeds()) {
            assertFalse(body.matches("(?s).*\\b" + bed + "\\b.*"), "nor the bed: " + bed);
        }
        chromium.screenshot("flow-vt-accepted");
        assertEquals(List.of(), chromium.violations(), "VT page with the instructions");

        // Withdrawing an accepted referral says what it means first.
        browser.findElement(By.xpath("//ul[@id='referrals']//button[text()='Aanmelding intrekken']")).click();
        assertTrue(text("#referrals .conflict").startsWith("De plek wordt opgegeven"), text("#referrals .conflict"));
        chromium.screenshot("flow-vt-withdraw-confirm");
        assertEquals(List.of(), chromium.violations(), "VT page asking to confirm");
        browser.findElement(By.xpath("//button[text()='Ja, plek opgeven']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#referrals li .state").contains("→ Ingetrokken"));
        browser.manage().window().setSize(new Dimension(1366, 768));
        chromium.screenshot("flow-vt-withdrawn-wide");
        assertHubStoresNoPlainInstructions(VO_TEXT);
        assertHubStoresNoPlainInstructions(NOTES);
    }

    @Test
    void ct_asks_amergaard_for_a_place_the_night_staff_accept_at_the_kiosk_and_ct_reads_the_instructions() {
        URI kiosk = demo.kioskUri().orElseThrow();
        String ctTab = browser.getWindowHandle();
        chromium.logIn(hubAt("127.0.0.1"), "ct", "demo");
        browser.get(hubAt("127.0.0.1").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElements(
                By.cssSelector("tr[data-code='amergaard'] button")).isEmpty());
        assertEquals(List.of(), chromium.violations(), "CT page");
        browser.executeScript("window.notReloaded = true;");

        // Two clicks: the row's button, then the kind of place.
        browser.findElement(By.cssSelector("tr[data-code='amergaard'] button")).click();
        browser.findElement(By.cssSelector("#hold-choice button[data-kind='regular']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#hold-list li").contains("Amergaard"));
        assertTrue(text("#hold-list li").contains("Aangevraagd · nog "), text("#hold-list li"));
        assertTrue(text("#hold-message").matches("Aanvraag verstuurd naar Amergaard om \\d\\d:\\d\\d — wacht op antwoord\\."),
                "a state with its time, not a spinner: " + text("#hold-message"));

        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(kiosk.toString());
        chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> page.findElement(By.id("lock-holds")).isDisplayed());
        assertTrue(text("#lock-holds").startsWith("Er wacht een aanvraag"), text("#lock-holds"));
        browser.findElement(By.id("pin")).sendKeys(Demo.KIOSK_PIN);
        browser.findElement(By.cssSelector("#pin-form button[type=submit]")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElements(
                By.xpath("//section[@id='holds']//button[normalize-space()='Accepteren']")).isEmpty());
        assertTrue(text("#holds .hold-text").contains("Centrale Toegang") || text("#holds .hold-text").contains("CT"),
                text("#holds .hold-text"));
        chromium.screenshot("flow-kiosk-request");
        assertEquals(List.of(), chromium.violations(), "kiosk with the request");
        browser.findElement(By.xpath("//section[@id='holds']//button[normalize-space()='Accepteren']")).click();
        browser.findElement(By.id("instructions")).sendKeys(KIOSK_TEXT);
        assertEquals(List.of(), chromium.violations(), "kiosk's acceptance dialog");
        browser.findElement(By.xpath("//dialog[@id='dialog']//button[normalize-space()='Accepteren']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElement(By.id("dialog")).isDisplayed());
        chromium.screenshot("flow-kiosk-accepted");

        browser.switchTo().window(ctTab);
        chromium.waitUpTo(Duration.ofSeconds(15)).until(page -> text("#hold-list .instructions").equals(KIOSK_TEXT));
        assertTrue(text("#hold-list li").contains("Geaccepteerd · nog "), text("#hold-list li"));
        assertEquals("", text("#hold-message"), "the wait is over: the answer stands in the list");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true;"), "live, without reload");
        chromium.screenshot("flow-ct-accepted");
        assertEquals(List.of(), chromium.violations(), "CT page with the instructions");
        assertHubStoresNoPlainInstructions(KIOSK_TEXT);
    }

    /** The text of the first match, read in one script call: the pages redraw their lists on every stream event. */
    private String text(String selector) {
        Object text = browser.executeScript("var node = document.querySelector(arguments[0]);"
                + " return node ? node.textContent : '';", selector);
        return String.valueOf(text).strip();
    }

    private String focusedText() {
        return String.valueOf(browser.executeScript("return document.activeElement ? document.activeElement.textContent : '';"))
                .strip();
    }

    private List<String> crisisBeds() {
        return hub.inProcess().registry().locations().stream().flatMap(location -> location.nodes().stream())
                .map(NodeSpec::places).flatMap(List::stream)
                .filter(place -> place.kind() == nl.opvang.protocol.Kind.CRISIS && !place.counted()).map(PlaceSpec::key)
                .toList();
    }

    /** The hub's own files (not the simulated nodes' folders) hold the instructions only sealed (docs/DESIGN.md §5). */
    private void assertHubStoresNoPlainInstructions(String instructions) {
        try (Stream<Path> files = Files.list(hub.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(new String(instructions.getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1)), "plain instructions in " + file.getFileName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
