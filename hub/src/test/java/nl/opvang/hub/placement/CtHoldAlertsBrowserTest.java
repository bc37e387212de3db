package nl.opvang.hub.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.hub.testkit.Messages;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The CT page's request alerts in a real headless Chromium: a request about to expire, and a request the location's
 * own facts overruled (a conflict). Crisis requests here expire after ten minutes, so a new one is already "about to".
 */
class CtHoldAlertsBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    HoldHttpFixture hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new HoldHttpFixture(dataDir,
                new HoldPolicy(HoldPolicy.DEFAULT_EXPIRY, Map.of(Kind.CRISIS, Duration.ofMinutes(10)))));
        hub.store.testLocationLive();
        browser = chromium.driver();
        chromium.logIn(hub.uri("/"), PlacementFixture.CT.username(), HoldHttpFixture.PASSWORD);
    }

    @Test
    void a_request_about_to_expire_and_a_conflict_show_as_alerts_and_the_expiring_one_goes_when_cancelled() {
        browser.get(hub.uri("/").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElements(
                By.cssSelector("tr[data-code='test'] button")).isEmpty());
        browser.executeScript("window.notReloaded = true;");

        browser.findElement(By.cssSelector("tr[data-code='test'] button")).click();
        browser.findElement(By.cssSelector("#hold-choice button[data-kind='crisis']")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> hub.store.holds.list(PlacementFixture.CT).size() == 1);
        Hold crisis = hub.store.holds.list(PlacementFixture.CT).get(0);
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> alert("expiring:" + crisis.id())
                .matches("Verloopt, nog (10|9) min: aanvraag crisisplek bij Testlocatie \\(zonder antwoord\\)"));

        Hold byBed = hub.store.holds.create(PlacementFixture.CT, new HoldRequest("test", Kind.REGULAR, "T2"));
        hub.store.deliver(hub.store.test.next(new Payload.CheckIn("T2", null, Messages.token(2), null,
                null)));
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> alert("conflict:" + byBed.id())
                .equals("Conflict bij aanvraag plek bij Testlocatie: " + HoldService.CONFLICT_BED));
        chromium.screenshot("ct-page-hold-alerts");
        assertEquals(List.of(), chromium.violations(), "CT page with request alerts");

        assertEquals(200, hub.delete("/api/v1/holds/" + crisis.id(), PlacementFixture.CT).statusCode());
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> alert("expiring:" + crisis.id()).isEmpty());
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true;"));
    }

    /** The alert's text without its time, or empty when it is not shown; read in one call (the list redraws). */
    private String alert(String key) {
        Object text = browser.executeScript("var item = document.querySelector('#alert-list li[data-alert=\"' + arguments[0]"
                + " + '\"]'); return item ? item.textContent : '';", key);
        String line = String.valueOf(text);
        return line.matches("^\\d\\d:\\d\\d · .*") ? line.substring(line.indexOf(" · ") + 3) : line;
    }
}
