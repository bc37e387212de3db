package nl.opvang.hub.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The CT page's "Capaciteit" section in a real headless Chromium: the calendar shows what changes when and whether the
 * location confirmed it, a change is planned and a refused one explained through the form, one is withdrawn; axe finds
 * nothing at 1366×768 and 390×844 (screenshots in target/screenshots).
 */
class CapacityBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    CapacityFixture hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new CapacityFixture(dataDir));
        browser = chromium.driver();
    }

    @Test
    void ct_reads_the_calendar_plans_a_change_sees_a_refusal_and_withdraws_one_on_a_laptop_and_a_phone() {
        hub.service.plan(CapacityOverTimeTest.CT, new CapacityService.Plan("smallepad", Kind.REGULAR, 20, null,
                hub.clock.instant().plus(Duration.ofDays(60)), "Corona: anderhalve meter afstand"));
        hub.service.plan(CapacityOverTimeTest.CT, new CapacityService.Plan("kleinehaag", Kind.REGULAR, 15,
                hub.clock.instant().plus(Duration.ofDays(3)), hub.clock.instant().plus(Duration.ofDays(10)), "Verbouwing"));
        hub.post("/api/v1/locations/vangalen/retire", "ct", "{\"at\":\"2027-06-01\",\"reason\":\"Contract loopt af\"}");
        chromium.reset(1366, 768);
        chromium.logIn(hub.uri("/"), "ct", "demo");
        browser.get(hub.uri("/").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#capacity-list li")).size() == 2);

        assertEquals("Smallepad · plekken: 43 → 20", text("#capacity-list li:nth-child(1) .capacity-what"));
        assertEquals("Geldt nu — nog niet bevestigd door de locatie (de locatie meldt nu 43)",
                text("#capacity-list li:nth-child(1) .capacity-state"));
        assertEquals("Gepland", text("#capacity-list li:nth-child(2) .capacity-state"));
        assertTrue(text("#capacity-dates li").startsWith("Van Galenstraat e.o.: sluit "), text("#capacity-dates li"));

        fill("IJselberch", "30", "Twee kamers in de verf");
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#capacity-message").startsWith("Gepland: IJselberch"));
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("#capacity-list li")).size() == 3);
        assertEquals(30, hub.service.effective("ijselberch", Kind.REGULAR, hub.clock.instant()));

        fill("Testlocatie", "9", "Extra bedden");
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#capacity-message").contains("geen bedden bij komen"));
        assertEquals("Testlocatie heeft 4 bedden van deze soort; er kunnen geen bedden bij komen die er niet zijn (meer "
                + "bedden: pas het regiobestand en de node aan)", text("#capacity-message"));
        assertEquals("Ingesteld: 4 bedden (meer kan niet).", text("#capacity-number-hint"));
        scrollTo("#capacity");
        chromium.screenshot("ct-capacity-1366x768");
        assertEquals(List.of(), chromium.violations(), "CT page with the capacity calendar at 1366×768");

        WebElement kleineHaag = browser.findElements(By.cssSelector("#capacity-list li")).stream()
                .filter(each -> each.getText().startsWith("Kleine Haag")).findFirst().orElseThrow();
        kleineHaag.findElement(By.tagName("button")).click();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> text("#capacity-message").startsWith("Ingetrokken: Kleine Haag"));
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> browser.findElements(By.cssSelector("#capacity-list li"))
                .stream().anyMatch(each -> each.getText().contains("Ingetrokken door ct")));
        assertEquals(15 + 6, hub.service.effective("kleinehaag", Kind.REGULAR, hub.clock.instant().plus(Duration.ofDays(4))));

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        scrollTo("#capacity-list");
        chromium.screenshot("ct-capacity-390x844");
        scrollTo("#capacity-form");
        chromium.screenshot("ct-capacity-form-390x844");
        assertEquals(List.of(), chromium.violations(), "CT page with the capacity calendar at 390×844");

        // A location retired now leaves the open page's table without a reload (the stream sends a fresh snapshot).
        browser.executeScript("window.notReloaded = true;");
        assertEquals(1, browser.findElements(By.cssSelector("tr[data-code='test']")).size());
        assertEquals(200, hub.post("/api/v1/locations/test/retire", "ct", "{\"reason\":\"Proef voorbij\"}").statusCode());
        hub.projection.refreshFreshness();
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElements(By.cssSelector("tr[data-code='test']")).isEmpty());
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true;"));
        Object overflow = browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
        assertEquals(Boolean.FALSE, overflow, "no sideways scrolling on a phone");
    }

    private void fill(String location, String capacity, String reason) {
        new Select(browser.findElement(By.id("capacity-site"))).selectByVisibleText(location);
        new Select(browser.findElement(By.id("capacity-kind"))).selectByValue("regular");
        WebElement number = browser.findElement(By.id("capacity-number"));
        number.clear();
        number.sendKeys(capacity);
        WebElement why = browser.findElement(By.id("capacity-reason"));
        why.clear();
        why.sendKeys(reason);
        browser.findElement(By.cssSelector("#capacity-form button[type=submit]")).click();
    }

    private void scrollTo(String selector) {
        browser.executeScript("document.querySelector(arguments[0]).scrollIntoView();", selector);
    }

    private String text(String selector) {
        Object text = browser.executeScript("var e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                selector);
        return String.valueOf(text);
    }
}
