package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Staff tasks on the kiosk's 800×480 touchscreen in real headless Chromium. Noodbedden (issue 13): opening a number
 * until a chosen day and hour, closing, a bed the hub closed, and the cold-weather banner. A rights request (issue 17):
 * the form with the pass and the PIN once more, a wrong PIN refused, the reference shown. Axe-core on each screen,
 * text ≥ 18 px and touch targets ≥ 48 px.
 */
class KioskNoodBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

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
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("pin")).isDisplayed());
        driver.findElement(By.id("pin")).sendKeys(KioskFixture.PIN, Keys.ENTER);
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("main")).isDisplayed());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void night_staff_open_one_noodbed_until_tomorrow_noon_and_close_them_again() throws Exception {
        assertEquals(List.of(800L, 480L), ((JavascriptExecutor) driver).executeScript(
                "return [window.innerWidth, window.innerHeight]"));
        await().atMost(WAIT).ignoreExceptions().until(() -> text("nood-text").equals("Noodbedden: gesloten"));
        button("Noodbedden openen").click();
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("dialog")).isDisplayed());
        assertEquals("Noodbedden openen", text("dialog-title"));
        // The defaults: all configured places, tomorrow, 12:00.
        assertEquals(List.of("2", LocalDate.now(NoodView.LOCAL).plusDays(1).toString(), "12:00"), pressed());
        assertNoAxeViolations("nood open dialog");
        assertReadableAndTouchable("#dialog button");
        screenshot("nood-open-dialog");

        driver.findElement(By.xpath("//dialog//div[@role='group'][1]//button[normalize-space()='1']")).click();
        driver.findElement(By.xpath("//dialog//div[@class='dialog-buttons']/button[normalize-space()='Noodbedden openen']")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> text("nood-text").matches(
                "Noodbedden: open tot \\w+ \\d+ \\w+ 12:00 · 0 van 1 bezet"));
        assertTrue(text("notice").startsWith("Noodbedden open tot "), text("notice"));
        assertTrue(text("counts").contains("Noodbed: 1"), text("counts"));
        await().atMost(WAIT).until(() -> fixture.atHub.stream().anyMatch(KioskNoodBrowserTest::openedOne));
        assertNoAxeViolations("main screen, noodbedden open");
        assertReadableAndTouchable("#nood-buttons button");
        screenshot("nood-open");

        button("Noodbedden sluiten").click();
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("dialog")).isDisplayed());
        assertEquals("De noodbedden gaan dicht.", driver.findElement(By.cssSelector("#dialog-body p")).getText());
        screenshot("nood-close-dialog");
        driver.findElement(By.xpath("//dialog//div[@class='dialog-buttons']/button[normalize-space()='Noodbedden sluiten']")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> text("nood-text").equals("Noodbedden: gesloten"));
        assertEquals("Noodbedden gesloten", text("notice"));
    }

    @Test
    void a_closed_bed_shows_gesloten_and_the_cold_weather_banner_shows_its_end() throws Exception {
        Instant until = LocalDate.now(NoodView.LOCAL).plusDays(1).atTime(12, 0).atZone(NoodView.LOCAL).toInstant();
        fixture.counts(HubCounts.of(Instant.now(), List.of(), until));
        fixture.command(new Command.SetCapacity(Kind.REGULAR, 2));
        WebElement a3 = await().atMost(WAIT).ignoreExceptions().until(
                () -> driver.findElement(By.cssSelector("#beds button[data-bed='A3']")),
                tile -> "closed".equals(tile.getAttribute("data-status")));
        assertTrue(a3.getText().contains("gesloten"), a3.getText());
        await().atMost(WAIT).ignoreExceptions().until(() -> text("cold-weather").equals(
                "Koudweerregeling actief tot " + Dutch.dayTime(until)));
        assertNoAxeViolations("closed bed and banner");
        screenshot("nood-banner-closed-bed");
        a3.click();
        await().atMost(WAIT).ignoreExceptions().until(() -> text("dialog-title").equals("Bed A3 — gesloten"));
    }

    @Test
    void staff_send_a_rights_request_with_the_pass_and_the_pin_and_the_person_gets_a_reference() throws Exception {
        driver.findElement(By.id("privacy")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("dialog")).isDisplayed());
        assertEquals("Inzage of verwijderen aanvragen", text("dialog-title"));
        assertEquals(List.of("access"), pressed());
        driver.findElement(By.id("pass")).sendKeys("80412345");
        driver.findElement(By.id("privacy-pin")).sendKeys("0000");
        assertNoAxeViolations("privacy request dialog");
        assertReadableAndTouchable("#dialog button");
        screenshot("privacy-dialog");

        driver.findElement(By.xpath("//dialog//div[@class='dialog-buttons']/button[normalize-space()='Aanvragen']")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> text("dialog-error").equals(
                "Verkeerde pincode. Er is niets verstuurd."));
        assertEquals(0, fixture.outboxCount("privacy_request"));
        screenshot("privacy-wrong-pin");

        driver.findElement(By.id("privacy-pin")).sendKeys(KioskFixture.PIN);
        driver.findElement(By.xpath("//dialog//div[@class='dialog-buttons']/button[normalize-space()='Aanvragen']")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> text("dialog-title").equals("Verzoek verstuurd"));
        assertTrue(driver.findElement(By.cssSelector("#dialog-body .reference")).getText()
                .matches("Kenmerk: P-[0-9A-F]{4}-[0-9A-F]{4}"), text("dialog-body"));
        assertTrue(text("notice").matches("Verzoek om inzage verstuurd\\. Kenmerk: P-[0-9A-F]{4}-[0-9A-F]{4}\\..*"
                + "Op deze locatie: niets gevonden\\."), text("notice"));
        assertEquals(1, fixture.outboxCount("privacy_request"));
        assertTrue(!driver.getPageSource().contains("80412345"), "the pass number stays out of the page");
        assertNoAxeViolations("privacy request sent");
        screenshot("privacy-sent");
    }

    private static boolean openedOne(NodeMessage message) {
        return message.payload() instanceof Payload.Capacity capacity && capacity.kind() == Kind.NOOD && capacity.open()
                && capacity.capacity() == 1 && capacity.until() != null;
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static WebElement button(String label) {
        return driver.findElement(By.xpath("//section[@id='nood-section']//button[normalize-space()='" + label + "']"));
    }

    /** The values of the pressed choice buttons in the dialog, in order. */
    private static List<String> pressed() {
        return driver.findElements(By.cssSelector("#dialog button[aria-pressed='true']")).stream()
                .map(button -> button.getAttribute("data-value")).toList();
    }

    /** Kiosk rules (docs/DESIGN.md §6): text at least 18 px, touch targets at least 48 × 48 px. */
    private static void assertReadableAndTouchable(String selector) {
        List<WebElement> buttons = driver.findElements(By.cssSelector(selector));
        assertTrue(!buttons.isEmpty(), selector);
        for (WebElement button : buttons) {
            String size = button.getCssValue("font-size");
            assertTrue(Double.parseDouble(size.replace("px", "")) >= 18, button.getText() + ": " + size);
            assertTrue(button.getRect().getHeight() >= 48 && button.getRect().getWidth() >= 48,
                    button.getText() + ": " + button.getRect().getDimension());
        }
    }

    private static void assertNoAxeViolations(String screen) throws IOException {
        chromium.assertNoAxeViolations(screen);
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
