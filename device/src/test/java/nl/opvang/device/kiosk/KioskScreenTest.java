package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The kiosk on the official 7-inch touchscreen (800×480) and on 1366×768 in real headless Chromium, against a real
 * node (issue 15 items 5–8 and 11): every button a touch needs and every confirmation on screen without scrolling,
 * the page at its top after unlocking, the location's name, check-in by pass number in two touches, check-out without
 * the pass, a new request in the tab title with a tone, and the other locations to refer someone to. Axe on each
 * screen; screenshots in {@code target/screenshots/kiosk-screen-*}.
 */
class KioskScreenTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Counts the tones the page plays; the real AudioContext still plays them. */
    private static final String TONE_COUNTER = "window.tones = 0; const Real = window.AudioContext;"
            + "window.AudioContext = function () { window.tones++; return new Real(); };";

    private static KioskChromium chromium;

    @TempDir
    Path dir;

    private KioskFixture fixture;

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = new KioskChromium();
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
        fixture.counts(KioskRegionTest.counts(Instant.now()));
        await().atMost(WAIT).until(() -> fixture.node.regionCounts().isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"800, 480", "1366, 768"})
    void a_night_at_the_kiosk_needs_no_scrolling(int width, int height) throws Exception {
        String size = "screen-" + width + "x" + height + "-";
        chromium.screen(width, height);
        chromium.driver.manage().deleteAllCookies();
        chromium.driver.get(fixture.kiosk.uri().toString());
        WebElement unlock = await().atMost(WAIT).ignoreExceptions().until(
                () -> chromium.driver.findElement(By.xpath("//button[normalize-space()='Ontgrendelen']")), WebElement::isDisplayed);
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("location").getText().equals("Amergaard"));
        chromium.assertOnScreen("lock", chromium.byId("pin"), unlock, keypad("#pin-form", "Leeg"));
        chromium.assertNoAxeViolations("lock screen");
        chromium.screenshot(size + "lock");

        // Unlock by touch: the keypad, then Ontgrendelen. The page starts at the top.
        for (char digit : KioskFixture.PIN.toCharArray()) {
            keypad("#pin-form", String.valueOf(digit)).click();
        }
        unlock.click();
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("main").isDisplayed()
                && !chromium.driver.findElements(By.cssSelector("#beds button")).isEmpty());
        assertEquals(0L, ((Number) chromium.js().executeScript("return window.scrollY")).longValue(), "starts at the top");
        chromium.assertOnScreen("main", chromium.byId("location"), chromium.byId("counts"), bed("A2"));
        chromium.assertNoAxeViolations("main screen");
        chromium.screenshot(size + "main");

        // A request arrives: the tab title says so and a tone plays; Accepteren is on screen.
        chromium.js().executeScript(TONE_COUNTER);
        UUID hold = UUID.randomUUID();
        fixture.command(new Command.Hold(hold, Kind.CRISIS, null, Instant.now().plus(Duration.ofMinutes(90)), "CT"));
        WebElement banner = await().atMost(WAIT).ignoreExceptions().until(
                () -> chromium.driver.findElement(By.cssSelector(".hold[data-hold='" + hold + "'] .hold-text")),
                text -> text.getText().matches("Aanvraag crisisplek — CT — nog 1 u (29|30) min"));
        assertEquals("(1) Nieuwe aanvraag · Opvang kiosk", chromium.driver.getTitle());
        assertEquals(1L, ((Number) chromium.js().executeScript("return window.tones")).longValue(), "one tone");
        WebElement accept = chromium.driver.findElement(
                By.xpath("//div[@data-hold='" + hold + "']//button[normalize-space()='Accepteren']"));
        chromium.assertOnScreen("request", banner, accept, bed("A2"));
        chromium.assertNoAxeViolations("request");
        chromium.screenshot(size + "request");

        // Check-in without a reader: touch the bed, type the pass number, touch Inchecken.
        bed("A2").click();
        await().atMost(WAIT).ignoreExceptions().until(() -> "pass".equals(chromium.driver.switchTo().activeElement().getAttribute("id")));
        assertEquals(List.of("Inchecken", "Annuleren"), chromium.driver.findElements(By.cssSelector("#dialog-buttons button"))
                .stream().map(WebElement::getText).toList(), "Schoonmaak and Buiten gebruik are not next to Inchecken");
        chromium.screenshot(size + "check-in");
        chromium.assertOnScreen("check-in", chromium.byId("pass"), chromium.dialogButton("Inchecken"),
                chromium.dialogButton("Annuleren"), keypad("#dialog", "0"));
        chromium.assertNoAxeViolations("check-in dialog");
        chromium.byId("pass").sendKeys("12345678");
        chromium.dialogButton("Inchecken").click();
        await().atMost(WAIT).ignoreExceptions().until(() -> "occupied".equals(bed("A2").getAttribute("data-status")));

        // Accept the request: the instructions, the keyboard's first row and Accepteren on screen.
        chromium.driver.findElement(By.xpath("//div[@data-hold='" + hold + "']//button[normalize-space()='Accepteren']")).click();
        WebElement instructions = await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("instructions"),
                WebElement::isDisplayed);
        chromium.screenshot(size + "accept");
        chromium.assertOnScreen("accept", instructions, chromium.dialogButton("Accepteren"), chromium.dialogButton("Annuleren"),
                keyboard("spatie"));
        chromium.assertNoAxeViolations("accept dialog");
        instructions.sendKeys("Meld je om 23:00 bij de achterdeur");
        chromium.dialogButton("Accepteren").click();
        await().atMost(WAIT).until(() -> fixture.atHub.stream().anyMatch(message -> message.payload() instanceof Payload.HoldAccepted));
        await().atMost(WAIT).until(() -> chromium.driver.getTitle().equals("Opvang kiosk"));

        // Check-out without the pass: touch the bed, "Uitchecken zonder pas", the PIN, confirm. A wrong PIN changes nothing.
        bed("A2").click();
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.dialogButton("Uitchecken zonder pas").isDisplayed());
        chromium.assertOnScreen("check-out", chromium.dialogButton("Uitchecken"), chromium.dialogButton("Uitchecken zonder pas"));
        chromium.screenshot(size + "check-out");
        chromium.dialogButton("Uitchecken zonder pas").click();
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("dialog-title").getText()
                .equals("Bed A2 — uitchecken zonder pas"));
        WebElement confirm = chromium.driver.findElement(By.cssSelector("#dialog-buttons button.danger"));
        chromium.screenshot(size + "without-pass");
        chromium.assertOnScreen("without pass", chromium.byId("confirm-pin"), confirm, keypad("#dialog", "Leeg"));
        chromium.assertNoAxeViolations("check-out without pass");
        chromium.byId("confirm-pin").sendKeys("0000");
        confirm.click();
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("dialog-error").getText()
                .equals("Verkeerde pincode. Er is niets veranderd."));
        assertEquals(0, fixture.outboxCount("check_out"));
        for (char digit : KioskFixture.PIN.toCharArray()) {
            keypad("#dialog", String.valueOf(digit)).click();
        }
        confirm.click();
        await().atMost(WAIT).ignoreExceptions().until(() -> "free".equals(bed("A2").getAttribute("data-status")));
        assertTrue(fixture.outbox().stream().anyMatch(row -> row.startsWith("check_out ") && row.contains("\"withoutPass\":true")));

        // Niet opgenomen and the noodbedden: every choice and confirmation on screen.
        chromium.byId("turn-away").click();
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.dialogButton("Vol").isDisplayed());
        chromium.assertOnScreen("turn-away", chromium.dialogButton("Vol"), chromium.dialogButton("Anders"),
                chromium.dialogButton("Annuleren"));
        chromium.dialogButton("Annuleren").click();
        chromium.driver.findElement(By.xpath("//section[@id='nood-section']//button[normalize-space()='Noodbedden openen']")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("dialog-title").getText().equals("Noodbedden openen"));
        chromium.assertOnScreen("nood", chromium.driver.findElement(By.cssSelector("#dialog-buttons button.primary")),
                chromium.dialogButton("Annuleren"));
        chromium.screenshot(size + "nood");
        chromium.dialogButton("Annuleren").click();

        // Referring someone at the door: the other locations with free places and phone; a secret one only as whom to call.
        WebElement region = chromium.byId("region-list");
        chromium.js().executeScript("arguments[0].scrollIntoView()", region);
        String list = region.getText();
        assertTrue(list.contains("Smallepad · Vrij: 3 · Crisis: 1 · 033 000 0101"), list);
        assertTrue(list.contains("Vrouwenopvang: bel 088 000 0200 (24/7)"), list);
        assertFalse(list.contains("Amergaard"), "not this location itself: " + list);
        chromium.assertNoAxeViolations("region");
        chromium.screenshot(size + "region");
    }

    @Test
    void the_tone_can_be_switched_off_and_the_list_shows_its_age_without_the_hub() throws Exception {
        chromium.screen(800, 480);
        chromium.driver.manage().deleteAllCookies();
        chromium.driver.get(fixture.kiosk.uri().toString());
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("pin").isDisplayed());
        chromium.byId("pin").sendKeys(KioskFixture.PIN + "\n");
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("main").isDisplayed());
        chromium.byId("sound").click();
        assertEquals("Geluid bij aanvraag: uit", chromium.byId("sound").getText());
        assertEquals("false", chromium.byId("sound").getAttribute("aria-pressed"));
        chromium.js().executeScript(TONE_COUNTER);
        fixture.command(new Command.Hold(UUID.randomUUID(), Kind.CRISIS, null, Instant.now().plus(Duration.ofSeconds(30)), "CT"));
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.driver.findElement(By.cssSelector(".hold .hold-text")).getText()
                .equals("Aanvraag crisisplek — CT — nog minder dan 1 min"));
        assertEquals("(1) Nieuwe aanvraag · Opvang kiosk", chromium.driver.getTitle(), "the title still says it");
        assertEquals(0L, ((Number) chromium.js().executeScript("return window.tones")).longValue(), "no tone");
        chromium.byId("sound").click();
        assertEquals("Geluid bij aanvraag: aan", chromium.byId("sound").getText());

        fixture.stopBroker();
        await().atMost(WAIT).ignoreExceptions().until(() -> chromium.byId("region").getText()
                .startsWith("Geen verbinding met de centrale. Stand van "));
        assertTrue(chromium.byId("region-list").getText().contains("Smallepad · Vrij: 3 · Crisis: 1 · 033 000 0101"));
        chromium.js().executeScript("arguments[0].scrollIntoView()", chromium.byId("region-title"));
        chromium.assertNoAxeViolations("region without the hub");
        chromium.screenshot("screen-800x480-region-offline");
    }

    private static WebElement bed(String code) {
        return chromium.driver.findElement(By.cssSelector("#beds button[data-bed='" + code + "']"));
    }

    private static WebElement keyboard(String key) {
        return chromium.driver.findElement(By.xpath("//dialog//div[@class='keyboard']/button[normalize-space()='" + key + "']"));
    }

    private static WebElement keypad(String within, String key) {
        return chromium.driver.findElement(By.xpath("//*[@id='" + within.substring(1) + "']//div[contains(@class,'keypad')]"
                + "/button[normalize-space()='" + key + "']"));
    }
}
