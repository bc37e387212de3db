package nl.opvang.hub.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Veilig Thuis page in a real headless Chromium, against a real hub web server with the holds' routes. */
class VtPageBrowserTest {
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
        chromium.reset(390, 844);
        chromium.logIn(hub.uri("/"), PlacementFixture.VEILIG_THUIS.username(), HoldHttpFixture.PASSWORD);
    }

    private WebDriverWait waitUpTo(Duration timeout) {
        return chromium.waitUpTo(timeout);
    }

    @Test
    void a_request_from_the_vt_page_shows_the_acceptance_and_the_instructions_live() {
        browser.get(hub.uri("/vt").toString());
        waitUpTo(Duration.ofSeconds(10)).until(driver -> driver.findElements(By.cssSelector("#regions .count")).size() == 1);
        assertEquals("1 crisisplek vrij", browser.findElement(By.cssSelector("#regions .count")).getText());
        assertTrue(browser.findElement(By.id("regions")).getText().contains("Bel 088 000 0200 (24/7)"));
        assertEquals(List.of(), violations(), "before a request");

        browser.findElement(By.xpath("//button[text()='Plaatsing aanvragen']")).click();
        waitUpTo(Duration.ofSeconds(10)).until(driver -> state().startsWith("Aangevraagd (om "));
        Hold hold = hub.store.holds.list(PlacementFixture.VEILIG_THUIS).get(0);

        hub.store.deliver(hub.store.test.next(new Payload.HoldAccepted(hold.id(), "T5",
                "Kom naar het politiebureau aan de Stadsring; daar haalt iemand u op")));

        waitUpTo(Duration.ofSeconds(10)).until(driver -> state().contains("→ Geaccepteerd (om "));
        waitUpTo(Duration.ofSeconds(10)).until(driver -> !driver.findElements(By.cssSelector("#holds .instructions")).isEmpty());
        assertEquals("Kom naar het politiebureau aan de Stadsring; daar haalt iemand u op", browser.executeScript(
                "return document.querySelector('#holds .instructions').textContent;"));
        String page = browser.findElement(By.tagName("body")).getText();
        assertFalse(page.contains("Testlocatie") || page.contains("T5"), "no location name or bed for Veilig Thuis: " + page);
        screenshot("vt-page-accepted");
        assertEquals(List.of(), violations(), "after acceptance");
    }

    /** Read in one script call: the list re-renders on every stream event, so a found element may go stale. */
    private String state() {
        Object text = browser.executeScript("var line = document.querySelector('#holds li .state');"
                + " return line ? line.textContent : '';");
        return String.valueOf(text);
    }

    private void screenshot(String name) {
        chromium.screenshot(name);
    }

    private List<Object> violations() {
        return chromium.violations();
    }
}
