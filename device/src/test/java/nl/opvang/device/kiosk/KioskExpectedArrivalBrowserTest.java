package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 14: a hold the hub sent already accepted (a VO desk placed someone here) shows on the 800×480 kiosk as an
 * expected arrival with check-in, never as a request to accept or refuse; real node, real Chromium, axe.
 */
class KioskExpectedArrivalBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.of("Europe/Amsterdam"));

    private static KioskChromium chromium;
    private static ChromeDriver driver;

    @TempDir
    Path dir;

    private KioskFixture fixture;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = new KioskChromium();
        chromium.screen(800, 480);
        driver = chromium.driver;
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        fixture = new KioskFixture(dir, Duration.ofMinutes(3));
        driver.manage().deleteAllCookies();
        driver.get(fixture.kiosk.uri().toString());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void an_expected_arrival_has_check_in_and_no_accept_or_refuse_and_its_check_in_names_the_hold() throws Exception {
        UUID hold = UUID.randomUUID();
        Instant until = Instant.now().plus(Duration.ofMinutes(100)).truncatedTo(ChronoUnit.SECONDS);
        fixture.command(new Command.Hold(hold, Kind.CRISIS, "C1", until, "de vrouwenopvang", true));
        WebElement locked = await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("lock-holds")),
                WebElement::isDisplayed);
        assertEquals("Er komt iemand aan (crisisplek). Ontgrendel om in te checken.", locked.getText());

        driver.findElement(By.id("pin")).sendKeys(KioskFixture.PIN, Keys.ENTER);
        String banner = ".hold[data-hold='" + hold + "']";
        WebElement text = await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.cssSelector(
                banner + " .hold-text")), element -> element.getText().startsWith("Verwacht"));
        assertTrue(text.getText().startsWith("Verwacht: aanmelding via de vrouwenopvang, plek C1, tot "
                + CLOCK.format(until) + " — nog 1 u "), text.getText());
        assertEquals("Inchecken", driver.findElement(By.cssSelector(banner + " button")).getText());
        assertEquals(1, driver.findElements(By.cssSelector(banner + " button")).size(), "no Accepteren, no Weigeren");
        chromium.assertOnScreen("expected arrival", driver.findElement(By.cssSelector(banner + " button")));
        chromium.assertNoAxeViolations("expected arrival");
        chromium.screenshot("expected-arrival-800x480");

        driver.findElement(By.cssSelector(banner + " button")).click();
        WebElement pass = await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("pass")),
                WebElement::isDisplayed);
        assertEquals("Bed C1 — inchecken", driver.findElement(By.id("dialog-title")).getText());
        pass.sendKeys("600012345678");
        chromium.assertNoAxeViolations("expected arrival check-in");
        chromium.screenshot("expected-arrival-check-in-800x480");
        driver.findElement(By.xpath("//dialog//button[normalize-space()='Inchecken']")).click();
        await().atMost(WAIT).until(() -> fixture.outbox().stream().anyMatch(row -> row.startsWith("check_in ")
                && row.contains("\"bed\":\"C1\"") && row.contains("\"hold\":\"" + hold + "\"")));
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElements(By.cssSelector(banner)).isEmpty());
    }
}
