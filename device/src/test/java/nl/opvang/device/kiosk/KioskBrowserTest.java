package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HoldRefusal;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.TurnAwayReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The kiosk page in real headless Chromium (docs/DESIGN.md §1), against a real node, with axe-core for WCAG 2.1 A/AA.
 */
class KioskBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static KioskChromium chromium;
    private static ChromeDriver driver;

    @TempDir
    Path dir;

    private KioskFixture fixture;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = new KioskChromium();
        chromium.screen(1024, 768);
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
    void a_whole_check_in_works_by_keyboard_alone_and_every_screen_passes_axe() throws Exception {
        WebElement pin = await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("pin")), WebElement::isDisplayed);
        await().atMost(WAIT).ignoreExceptions().until(() -> pin.equals(driver.switchTo().activeElement()));
        assertNoAxeViolations("lock screen");
        screenshot("lock");
        keys("4711", Keys.ENTER);
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("main")).isDisplayed());
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("counts")).getText().contains("Vrij: 3"));
        assertNoAxeViolations("main screen");
        screenshot("main");
        tabTo("A2");
        keys(Keys.ENTER);
        await().atMost(WAIT).ignoreExceptions().until(() -> "pass".equals(driver.switchTo().activeElement().getAttribute("id")));
        assertTrue(driver.findElement(By.id("dialog-title")).getText().contains("Bed A2 — inchecken"));
        // The status buttons take their words from the kiosk's words.properties, served as /words.js.
        assertEquals(List.of("Inchecken", "Annuleren"), driver.findElements(
                By.cssSelector("#dialog-buttons button")).stream().map(button -> button.getAttribute("textContent")).toList());
        assertEquals(List.of("Schoonmaak", "Buiten gebruik"), driver.findElements(
                By.cssSelector("#dialog-body .bed-other button")).stream().map(button -> button.getAttribute("textContent")).toList());
        assertNoAxeViolations("check-in dialog");
        screenshot("check-in-dialog");
        keys("12345678", Keys.ENTER);
        await().atMost(WAIT).ignoreExceptions().until(() -> "occupied".equals(bed("A2").getAttribute("data-status")));
        assertTrue(bed("A2").getText().contains("bezet"));
        assertTrue(driver.findElement(By.id("notice")).getText().contains("Ingecheckt in bed A2"));
        assertEquals(1, fixture.outboxCount("check_in"));
        assertTrue(fixture.outbox().stream().filter(row -> row.startsWith("check_in")).allMatch(row -> !row.contains("12345678")));
        assertTrue(!driver.getPageSource().contains("12345678"), "the pass number stays out of the page");
        screenshot("checked-in");
    }

    @Test
    void a_hold_shows_a_banner_with_time_left_accepting_sends_hold_accepted_and_refusing_a_reason_of_the_vocabulary() throws Exception {
        unlock();
        UUID hold = UUID.randomUUID();
        fixture.command(new Command.Hold(hold, Kind.CRISIS, null, Instant.now().plus(Duration.ofMinutes(2)), "Veilig Thuis"));
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.cssSelector(".hold .hold-text")),
                element -> element.getText().equals("Aanvraag crisisplek — Veilig Thuis — nog 1 min"));
        UUID later = UUID.randomUUID();
        fixture.command(new Command.Hold(later, Kind.CRISIS, null, Instant.now().plus(Duration.ofMinutes(90)), "CT"));
        await().atMost(WAIT).ignoreExceptions().until(
                () -> driver.findElement(By.cssSelector(".hold[data-hold='" + later + "'] .hold-text")).getText(),
                text -> text.matches("Aanvraag crisisplek — CT — nog 1 u (29|30) min"));
        screenshot("hold-banner");
        driver.findElement(By.xpath("//div[@data-hold='" + hold + "']//button[normalize-space()='Accepteren']")).click();
        WebElement instructions = await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("instructions")),
                WebElement::isDisplayed);
        assertTrue(driver.findElement(By.cssSelector("label[for=instructions]")).getText()
                .contains("Wat moet de aanvrager weten?"));
        instructions.sendKeys("Meld je om 23:00 bij de achterdeur");
        screenshot("hold-accept");
        driver.findElement(By.xpath("//dialog//button[normalize-space()='Accepteren']")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> fixture.atHub.stream().anyMatch(message -> accepted(message, hold)));
        await().atMost(WAIT).ignoreExceptions().until(
                () -> driver.findElement(By.cssSelector(".hold[data-hold='" + hold + "'] .hold-text")).getText()
                        .contains("geaccepteerd, wacht op inchecken"));
        // Refusing offers the one vocabulary of refusal reasons (protocol HoldRefusal), the reasons the hub counts by.
        driver.findElement(By.xpath("//div[@data-hold='" + later + "']//button[normalize-space()='Weigeren']")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("dialog-title")).getText()
                .startsWith("Aanvraag crisisplek weigeren"));
        List<String> offered = driver.findElements(By.cssSelector("#dialog-buttons button")).stream()
                .map(button -> button.getAttribute("textContent")).toList();
        List<String> labels = Arrays.stream(HoldRefusal.values()).map(HoldRefusal::label).toList();
        assertEquals(labels, offered.subList(0, labels.size()), "the protocol's labels, in its order: " + offered);
        driver.findElement(By.xpath("//dialog//button[normalize-space()='" + HoldRefusal.UNSUITED.label() + "']"))
                .click();
        await().atMost(WAIT).until(() -> fixture.atHub.stream().anyMatch(message -> message.payload()
                instanceof Payload.HoldRefused refused && refused.hold().equals(later)
                && refused.reason().equals(HoldRefusal.UNSUITED.label())));
    }

    @Test
    void the_turn_away_dialog_offers_the_one_vocabulary_and_sends_the_chosen_code() throws Exception {
        driver.manage().window().setSize(new Dimension(800, 480));
        try {
            unlock();
            driver.findElement(By.id("turn-away")).click();
            await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("dialog-title")).getText()
                    .startsWith("Niet opgenomen"));
            List<String> offered = driver.findElements(By.cssSelector("#dialog-buttons button")).stream()
                    .map(button -> button.getAttribute("textContent")).toList();
            List<String> labels = Arrays.stream(TurnAwayReason.values()).map(TurnAwayReason::label).toList();
            assertEquals(labels, offered.subList(0, labels.size()), "the protocol's labels, in its order: " + offered);
            assertNoAxeViolations("turn-away dialog");
            screenshot("turn-away-800x480");
            driver.findElement(By.xpath("//dialog//button[normalize-space()='"
                    + TurnAwayReason.REGIONAL_BINDING.label() + "']")).click();
            await().atMost(WAIT).until(() -> fixture.outbox().stream()
                    .anyMatch(row -> row.startsWith("turn_away") && row.contains("\"reason\":\"regional_binding\"")));
        } finally {
            driver.manage().window().setSize(new Dimension(1024, 768));
        }
    }

    @Test
    void the_page_says_geen_verbinding_when_the_broker_is_down() throws Exception {
        unlock();
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("connection")).getText().startsWith("Verbonden"));
        fixture.stopBroker();
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("connection")).getText()
                .startsWith("Geen verbinding — alles wordt bewaard en later verstuurd ("));
        screenshot("offline");
    }

    private static boolean accepted(NodeMessage message, UUID hold) {
        return message.payload() instanceof Payload.HoldAccepted
                && ((Payload.HoldAccepted) message.payload()).hold().equals(hold)
                && "Meld je om 23:00 bij de achterdeur".equals(((Payload.HoldAccepted) message.payload()).instructions());
    }

    private void unlock() {
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("pin")).isDisplayed());
        driver.findElement(By.id("pin")).sendKeys(KioskFixture.PIN, Keys.ENTER);
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.id("main")).isDisplayed());
    }

    private static WebElement bed(String code) {
        return driver.findElement(By.cssSelector("#beds button[data-bed='" + code + "']"));
    }

    private static void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses Tab until the bed has the focus, as a keyboard user would. */
    private static void tabTo(String code) {
        for (int presses = 0; presses < 20; presses++) {
            if (code.equals(driver.switchTo().activeElement().getAttribute("data-bed"))) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached bed " + code);
    }

    private static void assertNoAxeViolations(String screen) throws IOException {
        chromium.assertNoAxeViolations(screen);
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
