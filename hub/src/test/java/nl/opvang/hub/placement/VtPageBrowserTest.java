package nl.opvang.hub.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Veilig Thuis page in a real headless Chromium, against a real hub web server with the holds' and referrals'
 * routes (issue 14): only the vrouwenopvang counts (the live MO test location never does), the household changes the
 * counts, an aanmelding whose response time has run out says to call the desk, and the desk's refusal arrives live.
 * The fixture's hub clock stands in 2026, before the browser's: a referral's response time has run out at once.
 */
class VtPageBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    HoldHttpFixture hub;
    ChromeDriver browser;
    Messages youngMothers;

    @BeforeEach
    void start() {
        hub = chromium.serving(new HoldHttpFixture(dataDir));
        hub.store.testLocationLive();
        youngMothers = new Messages("kw-jm", "kw-jm-1");
        hub.store.deliver(youngMothersLive(youngMothers));
        browser = chromium.driver();
        chromium.reset(390, 844);
        chromium.logIn(hub.uri("/"), PlacementFixture.VEILIG_THUIS.username(), HoldHttpFixture.PASSWORD);
    }

    /** Jonge moeders (Kwintes, VO, for young mothers) is live: J1–J8 regular and JC1 crisis, all free. */
    static NodeMessage youngMothersLive() {
        return youngMothersLive(new Messages("kw-jm", "kw-jm-1"));
    }

    static NodeMessage youngMothersLive(Messages node) {
        List<Payload.BedState> beds = new ArrayList<>();
        for (int bed = 1; bed <= 8; bed++) {
            beds.add(new Payload.BedState("J" + bed, Kind.REGULAR, PlaceStatus.FREE));
        }
        beds.add(new Payload.BedState("JC1", Kind.CRISIS, PlaceStatus.FREE));
        return node.next(new Payload.Birth("test", 30, beds, List.of()));
    }

    /** Issue 14: the page follows the availability stream, one entry per desk: a change shows without a reload or timer. */
    @Test
    void a_desks_counts_change_live_on_the_page() {
        browser.get(hub.uri("/vt").toString());
        waitUpTo(Duration.ofSeconds(10)).until(driver -> text("#regions .count").equals("1 crisisplek vrij"));
        browser.executeScript("document.getElementById('regions').setAttribute('data-loaded', 'before');");

        hub.store.deliver(youngMothers.next(new Payload.BedStatus("JC1", PlaceStatus.OCCUPIED)));

        // Well within the 15 s the page used to poll at: the stream's desk entry changed and the page loaded its counts.
        waitUpTo(Duration.ofSeconds(5)).until(driver -> text("#regions .count").equals("0 crisisplekken vrij"));
        assertEquals("before", browser.findElement(By.id("regions")).getAttribute("data-loaded"), "no reload");
        chromium.screenshot("vt-page-live-desk");
        assertEquals(List.of(), chromium.violations(), "after the live change");
    }

    private WebDriverWait waitUpTo(Duration timeout) {
        return chromium.waitUpTo(timeout);
    }

    @Test
    void the_household_search_counts_the_vrouwenopvang_an_overdue_aanmelding_says_to_call_and_a_refusal_arrives_live() {
        browser.get(hub.uri("/vt").toString());
        waitUpTo(Duration.ofSeconds(10)).until(driver -> text("#regions .count").endsWith("vrij"));
        assertEquals("1 crisisplek vrij", text("#regions .count"), "Jonge moeders' place; the live MO test site never");
        assertTrue(text("#regions").contains("Bel 088 000 0200 (24/7)"), text("#regions"));
        browser.findElement(By.id("adults")).clear();
        browser.findElement(By.id("adults")).sendKeys("-1");
        waitUpTo(Duration.ofSeconds(10)).until(driver -> text("#message").startsWith("Aantal volwassenen"));
        browser.findElement(By.id("adults")).clear();
        browser.findElement(By.id("adults")).sendKeys("1");
        browser.findElement(By.id("children")).clear();
        browser.findElement(By.id("children")).sendKeys("3");
        waitUpTo(Duration.ofSeconds(10)).until(driver -> text("#regions .count").equals("1 crisisplek vrij"));
        assertEquals(List.of(), chromium.violations(), "before an aanmelding");

        browser.findElement(By.xpath("//button[text()='Aanmelden bij de vrouwenopvang']")).click();
        browser.findElement(By.tagName("textarea")).sendKeys("Komt met de taxi");
        browser.findElement(By.xpath("//button[text()='Aanmelding versturen']")).click();
        waitUpTo(Duration.ofSeconds(10)).until(driver -> text("#referrals li .state").startsWith("Aangemeld (om "));
        assertTrue(text("#message").matches("Aanmelding verstuurd om \\d\\d:\\d\\d — wacht op antwoord van de"
                + " vrouwenopvang\\. Het antwoord komt hieronder\\."), "a state with its time: " + text("#message"));
        assertTrue(text("#referrals .alert").startsWith("Bel de vrouwenopvang: 088 000 0200 (24/7)"),
                "the response time ran out: " + text("#referrals li"));
        assertEquals("tel:0880000200", browser.findElement(By.cssSelector("#referrals .alert a")).getAttribute("href"));
        chromium.screenshot("vt-page-call-alert");
        assertEquals(List.of(), chromium.violations(), "with the alert");

        String id = hub.parse(hub.get("/api/v1/referrals", PlacementFixture.VO_DESK)).get("referrals").get(0).get("id")
                .asText();
        assertEquals(200, hub.post("/api/v1/referrals/" + id + "/refuse", PlacementFixture.VO_DESK,
                "{\"reason\":\"Vol; bel ons voor een plek in Utrecht\"}").statusCode());
        waitUpTo(Duration.ofSeconds(10)).until(driver -> text("#referrals li .state").contains("→ Geweigerd (om "));
        assertEquals("Reden: Vol; bel ons voor een plek in Utrecht", text("#referrals li p:last-child"));
        assertEquals("", text("#message"), "the wait is over: the answer stands in the list");
        assertTrue(browser.findElements(By.cssSelector("#referrals .alert")).isEmpty(), "answered: no alert");
        String page = browser.findElement(By.tagName("body")).getText();
        assertFalse(page.contains("Jonge moeders") || page.contains("kw-jm") || page.contains("Testlocatie"), page);
        chromium.screenshot("vt-page-refused");
        assertEquals(List.of(), chromium.violations(), "after the refusal");
    }

    /** Read in one script call: the list re-renders on every stream event, so a found element may go stale. */
    private String text(String selector) {
        Object text = browser.executeScript("var node = document.querySelector(arguments[0]);"
                + " return node ? node.textContent : '';", selector);
        return String.valueOf(text).strip();
    }
}
