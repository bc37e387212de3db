package nl.opvang.hub.coldweather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The cold-weather switch on the CT page and the banner on the CT and Veilig Thuis pages, in a real headless Chromium
 * against a real hub (no nodes: every location waits to confirm), at desk and phone sizes, checked with axe.
 */
class ColdWeatherBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path data;
    ColdWeatherHub hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new ColdWeatherHub(data, new MutableClock(ColdWeatherApiTest.START)));
        browser = chromium.driver();
    }

    @Test
    void ct_switches_it_on_for_two_locations_sees_the_banner_and_who_has_confirmed_and_switches_it_off() {
        chromium.reset(1366, 768);
        chromium.logIn(hub.uri("/"), ColdWeatherHub.CT, "demo");
        browser.get(hub.uri("/").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("cold-weather")).isDisplayed());
        assertEquals("2026-12-08T12:00", value("cold-weather-until"), "the default end: noon tomorrow");
        assertEquals("Nederlandse tijd: di 8 dec 12:00", text("#cold-weather-until-text"));
        assertEquals(List.of("amergaard", "kw-vo", "noodbedden"), checkedSites());
        assertEquals("Aanzetten", text("#cold-weather-on"));
        assertFalse(browser.findElement(By.id("cold-weather-banner")).isDisplayed());
        assertEquals("Uit.", text("#cold-weather-state"));
        scrollTo("cold-weather");
        chromium.screenshot("cold-weather-ct-off-1366");
        assertEquals(List.of(), chromium.violations(), "CT page, mode off");

        browser.findElement(By.id("cold-weather-on")).click();
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> text("#cold-weather-message")
                .equals("Geef een reden op (bijvoorbeeld: vorst, KNMI code oranje)"));
        assertFalse(hub.state(ColdWeatherHub.CT).get("active").asBoolean(), "nothing switched without a reason");

        browser.findElement(By.cssSelector("#cold-weather-sites input[value='kw-vo']")).click();
        browser.findElement(By.id("cold-weather-reason")).sendKeys("Vorst, KNMI code oranje");
        browser.findElement(By.id("cold-weather-on")).click();

        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> page.findElement(By.id("cold-weather-banner")).isDisplayed());
        assertEquals("Koudweerregeling actief tot di 8 dec 12:00", text("#cold-weather-banner"));
        assertEquals("Koudweerregeling staat aan tot di 8 dec 12:00.", text("#cold-weather-message"));
        assertEquals("Verlengen", text("#cold-weather-on"));
        assertTrue(browser.findElement(By.id("cold-weather-off")).isDisplayed());
        assertEquals(List.of("amergaard", "noodbedden"), checkedSites());
        assertEquals(List.of("Amergaard: Wacht op de locatie (gaat open zodra er weer contact is)",
                "Noodbedden (winteropvang): Wacht op de locatie (gaat open zodra er weer contact is)"), nodeLines());
        assertEquals(List.of("amergaard", "noodbedden"),
                ColdWeatherApiTest.texts(hub.state(ColdWeatherHub.CT).get("sites")));
        scrollTo("cold-weather");
        chromium.screenshot("cold-weather-ct-on-1366");
        assertEquals(List.of(), chromium.violations(), "CT page, mode on");
        browser.executeScript("window.scrollTo(0, 0);");
        chromium.screenshot("cold-weather-ct-banner-1366");

        chromium.reset(390, 844);
        chromium.logIn(hub.uri("/"), ColdWeatherHub.CT, "demo");
        browser.get(hub.uri("/").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("cold-weather-banner")).isDisplayed());
        chromium.screenshot("cold-weather-ct-banner-390");
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("cold-weather")).isDisplayed());
        scrollTo("cold-weather");
        chromium.screenshot("cold-weather-ct-on-390");
        assertEquals(List.of(), chromium.violations(), "CT page on a phone, mode on");

        browser.findElement(By.id("cold-weather-reason")).sendKeys("Dooi ingezet");
        browser.findElement(By.id("cold-weather-off")).click();
        chromium.waitUpTo(Duration.ofSeconds(5)).until(page -> !page.findElement(By.id("cold-weather-banner")).isDisplayed());
        assertEquals("Koudweerregeling staat uit. Noodbedden sluiten zodra ze leeg zijn.", text("#cold-weather-message"));
        assertEquals("Aanzetten", text("#cold-weather-on"));
        assertTrue(text("#cold-weather-state").startsWith("Uit. Laatst aan tot "), text("#cold-weather-state"));
        assertEquals("Dooi ingezet", hub.state(ColdWeatherHub.CT).get("history").get(0).get("endReason").asText());
    }

    @Test
    void veilig_thuis_and_night_staff_see_the_banner_but_no_switch() {
        assertEquals(201, hub.post(ColdWeatherHub.CT, "/api/v1/cold-weather", "{\"reason\":\"Vorst\"}").status());
        assertEquals(200, hub.post(ColdWeatherHub.CT, "/api/v1/cold-weather",
                "{\"until\":\"2026-12-07T21:20\",\"reason\":\"Vorst, alleen vanavond\"}").status());

        chromium.reset(390, 844);
        chromium.logIn(hub.uri("/"), ColdWeatherHub.VEILIG_THUIS, "demo");
        browser.get(hub.uri("/vt").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("cold-weather-banner")).isDisplayed());
        assertEquals("Koudweerregeling actief tot ma 7 dec 21:20", text("#cold-weather-banner"));
        chromium.screenshot("cold-weather-vt-390");
        assertEquals(List.of(), chromium.violations(), "VT page with the banner");

        chromium.reset(1366, 768);
        chromium.logIn(hub.uri("/"), ColdWeatherHub.VEILIG_THUIS, "demo");
        browser.get(hub.uri("/vt").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("cold-weather-banner")).isDisplayed());
        chromium.screenshot("cold-weather-vt-1366");

        chromium.reset(1366, 768);
        chromium.logIn(hub.uri("/"), ColdWeatherHub.NIGHT_STAFF, "demo");
        browser.get(hub.uri("/ct").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("cold-weather-banner")).isDisplayed());
        assertFalse(browser.findElement(By.id("cold-weather")).isDisplayed(), "night staff get no switch");
        assertEquals(List.of(), chromium.violations(), "CT page as night staff");

        // The end time passes (within the session's idle time): the banner goes by itself.
        hub.advance(Duration.ofMinutes(21));
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> !page.findElement(By.id("cold-weather-banner")).isDisplayed());
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private String value(String id) {
        return browser.findElement(By.id(id)).getAttribute("value");
    }

    private List<String> checkedSites() {
        return browser.findElements(By.cssSelector("#cold-weather-sites input:checked")).stream()
                .map(box -> box.getAttribute("value")).toList();
    }

    private List<String> nodeLines() {
        return browser.findElements(By.cssSelector("#cold-weather-nodes li")).stream().map(WebElement::getText).toList();
    }

    private void scrollTo(String id) {
        browser.executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
    }
}
