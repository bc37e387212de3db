package nl.opvang.hub.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.opvang.hub.testkit.Chromium;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 15 items 2, 5 and 9 on the CT page in a real headless Chromium: CT's own requests at the top, each with its
 * state, reason and time left until CT closes it; an answer shows in the title of a tab not looked at; withdrawing an
 * accepted place asks first; on a phone the first location is on the first screen. Screenshots at 390×844 and
 * 1366×768 in target/screenshots.
 */
class CtRequestsBrowserTest {
    private static final String TITLE = "Vrije plekken — Regio Amersfoort";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    HoldHttpFixture hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new HoldHttpFixture(dataDir));
        hub.store.testLocationLive();
        browser = chromium.driver();
    }

    @Test
    void on_a_phone_a_refused_request_stays_at_the_top_with_its_reason_until_ct_closes_it() {
        open(390, 844);
        chromium.screenshot("ct-phone-start");
        assertFirstScreen();

        browser.findElement(By.cssSelector("tr[data-code='test'] button")).click();
        browser.findElement(By.cssSelector("#hold-choice button[data-kind='crisis']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> mine().contains("Aangevraagd · nog 1 u 59 min"));
        String id = hub.store.holds.list(PlacementFixture.CT).get(0).id().toString();

        // Looking at another tab: the answer comes into this tab's title.
        String ct = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        assertEquals(200, hub.post("/api/v1/holds/" + id + "/refuse", PlacementFixture.NIGHT_TEST,
                "{\"reason\":\"Geen bed schoon\"}").statusCode());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> titleOfTab(hub.uri("/").toString())
                .equals("(1) Geweigerd: crisisplek Testlocatie · " + TITLE));
        browser.close();
        browser.switchTo().window(ct);
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> page.getTitle().equals(TITLE));

        assertTrue(mine().contains("Geweigerd: Geen bed schoon"), mine());
        assertTrue(mine().matches(".*aangevraagd \\d\\d:\\d\\d · geweigerd \\d\\d:\\d\\d.*"), mine());
        assertOwnRequestsOnFirstScreen();
        chromium.screenshot("ct-phone-refused");
        assertEquals(List.of(), chromium.violations(), "CT page on a phone with a refused request");

        button("Sluiten").click();
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> mine().isEmpty());
        assertEquals("Aanvraag gesloten.", text("#hold-message"));
        assertNotNull(hub.store.holds.get(PlacementFixture.CT, UUID.fromString(id)).closedAt());
        browser.navigate().refresh();
        // Drawn from the stream's first answer: nothing of CT's own, so a phone leaves out the section's heading.
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("mine")).getAttribute("class")
                .contains("nothing"));
        assertEquals("", mine(), "a reload keeps it closed");

        // On a phone one alert shows; the others (nine locations without contact here) are one tap away.
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> visibleAlerts() == 1
                && page.findElement(By.id("alert-more")).getText().equals("Alle meldingen (9)"));
        browser.findElement(By.id("alert-more")).click();
        assertEquals(9L, visibleAlerts());
        assertEquals("true", browser.findElement(By.id("alert-more")).getAttribute("aria-expanded"));
        assertEquals("Minder meldingen", browser.findElement(By.id("alert-more")).getText());
    }

    private long visibleAlerts() {
        return browser.findElements(By.cssSelector("#alert-list li")).stream().filter(each -> each.isDisplayed()).count();
    }

    @Test
    void withdrawing_an_accepted_place_asks_first_and_says_the_place_is_given_up() {
        open(1366, 768);
        chromium.screenshot("ct-desktop-start");
        assertFirstScreen();
        browser.findElement(By.cssSelector("tr[data-code='test'] button")).click();
        browser.findElement(By.cssSelector("#hold-choice button[data-kind='regular']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> mine().contains("Aangevraagd"));
        String id = hub.store.holds.list(PlacementFixture.CT).get(0).id().toString();
        assertEquals(200, hub.post("/api/v1/holds/" + id + "/accept", PlacementFixture.NIGHT_TEST,
                "{\"instructions\":\"Bel aan bij de achterdeur\"}").statusCode());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> mine().contains("Bel aan bij de achterdeur"));
        assertTrue(mine().contains("Geaccepteerd · nog 1 u 59 min"), mine());

        button("Intrekken").click();
        assertEquals("De plek wordt voor u vastgehouden. Intrekken geeft hem op: de locatie kan hem aan een ander geven.",
                text("#hold-list .hold-confirm"));
        assertEquals(HoldState.ACCEPTED, state(id), "nothing happens before the confirmation");
        chromium.screenshot("ct-desktop-withdraw-confirm");
        assertEquals(List.of(), chromium.violations(), "CT page asking to confirm a withdrawal");
        button("Nee, houden").click();
        assertEquals("", text("#hold-list .hold-confirm"));
        assertEquals("Intrekken", browser.executeScript("return document.activeElement.textContent;"), "focus kept");

        button("Intrekken").click();
        button("Ja, plek opgeven").click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> mine().contains("Ingetrokken"));
        assertEquals(HoldState.CANCELLED, state(id));
        assertEquals("Aanvraag ingetrokken; de plek is opgegeven.", text("#hold-message"));
        assertTrue(mine().matches(".*geaccepteerd \\d\\d:\\d\\d · ingetrokken \\d\\d:\\d\\d.*"), mine());
        assertTrue(browser.findElement(By.xpath("//ul[@id='hold-list']//button[normalize-space()='Sluiten']")).isDisplayed());
        chromium.screenshot("ct-desktop-withdrawn");

        // The tone can be switched off on this computer, and stays off.
        browser.findElement(By.cssSelector(".account-sound")).click();
        assertEquals("off", browser.executeScript("return localStorage.getItem('opvang.sound');"));
        browser.navigate().refresh();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text(".account-sound").equals("Geluid bij melding: uit"));
    }

    @Test
    void on_a_phone_an_accepted_place_with_its_instructions_and_the_question_before_giving_it_up_fit_the_screen() {
        Hold hold = hub.store.holds.create(PlacementFixture.CT, new HoldRequest("test", nl.opvang.protocol.Kind.CRISIS, null));
        assertEquals(200, hub.post("/api/v1/holds/" + hold.id() + "/accept", PlacementFixture.NIGHT_TEST,
                "{\"instructions\":\"Bel aan bij de achterdeur, bed 5 staat klaar\"}").statusCode());
        open(390, 844);
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> mine().contains("Bel aan bij de achterdeur"));
        assertTrue(mine().contains("Geaccepteerd · nog 1 u 59 min"), mine());
        assertOwnRequestsOnFirstScreen();
        chromium.screenshot("ct-phone-accepted");

        button("Intrekken").click();
        assertEquals(Boolean.TRUE, browser.executeScript("""
                return Array.from(document.querySelectorAll('#hold-list .hold-actions > *')).every(function (each) {
                  var box = each.getBoundingClientRect();
                  return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
                });"""), "the question and both answers on screen");
        assertEquals("hold-confirm", browser.executeScript("return document.activeElement.className;"));
        chromium.screenshot("ct-phone-withdraw-confirm");
        assertEquals(List.of(), chromium.violations(), "CT page on a phone asking to confirm a withdrawal");
        assertEquals(HoldState.ACCEPTED, state(hold.id().toString()));
    }

    private void open(int width, int height) {
        chromium.reset(width, height);
        chromium.logIn(hub.uri("/"), PlacementFixture.CT.username(), HoldHttpFixture.PASSWORD);
        browser.get(hub.uri("/").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElements(
                By.cssSelector("tr[data-code='test'] button")).isEmpty());
    }

    /**
     * The first location's name is on the first screen, below CT's own requests, and the table's caption is as wide as
     * the table (not one word a line).
     */
    private void assertFirstScreen() {
        Map<String, Number> layout = layout();
        String shown = layout.toString();
        assertTrue(layout.get("row").doubleValue() + 30 <= layout.get("screen").doubleValue(),
                "first location off screen: " + shown);
        assertTrue(layout.get("mine").doubleValue() < layout.get("row").doubleValue(), "own requests not above: " + shown);
        assertTrue(layout.get("caption").doubleValue() >= 0.9 * layout.get("table").doubleValue(), "caption narrow: " + shown);
    }

    /** CT's own requests, answers included, are whole on the first screen. */
    private void assertOwnRequestsOnFirstScreen() {
        Map<String, Number> layout = layout();
        assertTrue(layout.get("mineBottom").doubleValue() <= layout.get("screen").doubleValue(),
                "own requests off screen: " + layout);
    }

    /** Where things are on the first screen, in CSS pixels from its top. */
    @SuppressWarnings("unchecked")
    private Map<String, Number> layout() {
        return (Map<String, Number>) browser.executeScript("""
                window.scrollTo(0, 0);
                var row = document.querySelector('#rows tr:not([hidden]) th');
                var table = document.getElementById('locations');
                var mine = document.getElementById('mine').getBoundingClientRect();
                return { row: row.getBoundingClientRect().top, screen: window.innerHeight, mine: mine.top,
                  mineBottom: mine.bottom, caption: table.querySelector('caption').getBoundingClientRect().width,
                  table: table.getBoundingClientRect().width };""");
    }

    /** The title of the browser tab showing {@code url}, read through the DevTools protocol without looking at it. */
    private String titleOfTab(String url) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) browser.executeCdpCommand("Target.getTargets",
                Map.of()).get("targetInfos");
        return targets.stream().filter(target -> "page".equals(target.get("type")) && url.equals(target.get("url")))
                .map(target -> String.valueOf(target.get("title"))).findFirst().orElse("");
    }

    private HoldState state(String id) {
        return hub.store.holds.get(PlacementFixture.CT, UUID.fromString(id)).state();
    }

    private org.openqa.selenium.WebElement button(String text) {
        return browser.findElement(By.xpath("//ul[@id='hold-list']//button[normalize-space()='" + text + "']"));
    }

    /** The text of CT's own requests, read in one call (the list redraws on every stream event). */
    private String mine() {
        return text("#hold-list");
    }

    private String text(String selector) {
        Object text = browser.executeScript("var node = document.querySelector(arguments[0]);"
                + " return node ? node.textContent : '';", selector);
        return String.valueOf(text).strip();
    }
}
