package nl.opvang.hub.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import nl.opvang.protocol.Payload;
import nl.opvang.hub.testkit.Axe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Veilig Thuis page in a real headless Chromium, against a real hub web server with the holds' routes. */
class VtPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dataDir;
    @TempDir
    Path profile;
    HoldHttpFixture hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at /usr/bin/chromium");
        hub = new HoldHttpFixture(dataDir);
        hub.store.testLocationLive();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--lang=nl-NL");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(hub.uri("/login").toString());
        browser.findElement(By.id("username")).sendKeys(PlacementFixture.VEILIG_THUIS.username());
        browser.findElement(By.id("password")).sendKeys(HoldHttpFixture.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(Duration.ofSeconds(10)).until(driver -> !driver.getCurrentUrl().contains("/login"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(browser, timeout);
    }

    @Test
    void a_request_from_the_vt_page_shows_the_acceptance_and_the_instructions_live() {
        browser.get(hub.uri("/vt").toString());
        waitUpTo(Duration.ofSeconds(10)).until(driver -> driver.findElements(By.cssSelector("#regions .count")).size() == 1);
        assertEquals("1 crisisplek vrij", browser.findElement(By.cssSelector("#regions .count")).getText());
        assertTrue(browser.findElement(By.id("regions")).getText().contains("Bel 24/7: 088 000 0200 (24/7)"));
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
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Object> violations() {
        return Axe.violations(browser);
    }

}
