package nl.opvang.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import nl.opvang.testing.Tools;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium for the kiosk's screen tests: a page of exactly the screen's size (the touchscreen's 800×480,
 * or 1366×768), axe-core for WCAG 2.1 A/AA, screenshots in {@code target/screenshots/}, and the check that a control
 * is on screen without scrolling (its {@code getBoundingClientRect} inside the viewport).
 */
final class KioskChromium implements AutoCloseable {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;

    KioskChromium() throws IOException {
        Tools.require(CHROMIUM.getPath(), CHROMEDRIVER.getPath());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1366,768",
                "--user-data-dir=" + Files.createTempDirectory("kiosk-screen-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    /** Makes the page itself {@code width}×{@code height}: the window size includes the browser's frame. */
    void screen(int width, int height) {
        driver.get("about:blank");
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = number("return window.innerWidth");
        long innerHeight = number("return window.innerHeight");
        driver.manage().window().setSize(new Dimension((int) (2 * width - innerWidth), (int) (2 * height - innerHeight)));
        assertEquals(List.of((long) width, (long) height), js().executeScript("return [window.innerWidth, window.innerHeight]"));
    }

    /**
     * Asserts that each element is shown whole inside the viewport as it is now, without scrolling: its box inside the
     * window, and the middles of its top and bottom edges not covered or clipped away (the topmost element there is it or inside it).
     */
    void assertOnScreen(String screen, WebElement... elements) {
        for (WebElement element : elements) {
            @SuppressWarnings("unchecked")
            List<Number> box = (List<Number>) js().executeScript("const r = arguments[0].getBoundingClientRect();"
                    + "const at = (x, y) => { const e = document.elementFromPoint(x, y);"
                    + " return e !== null && (arguments[0] === e || arguments[0].contains(e)); };"
                    + "const x = (r.left + r.right) / 2; const seen = at(x, r.top + 4) && at(x, r.bottom - 4);"
                    + "return [r.top, r.left, r.bottom, r.right, window.innerHeight, window.innerWidth, seen ? 1 : 0];",
                    element);
            String where = screen + ": '" + element.getText() + "' at " + box;
            assertTrue(box.get(2).doubleValue() - box.get(0).doubleValue() > 0, "shown: " + where);
            assertTrue(box.get(0).doubleValue() >= 0 && box.get(1).doubleValue() >= 0, "not above or left: " + where);
            assertTrue(box.get(2).doubleValue() <= box.get(4).doubleValue() && box.get(3).doubleValue() <= box.get(5).doubleValue(),
                    "not below or right of the screen: " + where);
            assertEquals(1, box.get(6).intValue(), "not covered or scrolled out of its box: " + where);
        }
    }

    void assertNoAxeViolations(String screen) throws IOException {
        try (InputStream axe = KioskChromium.class.getResourceAsStream("/axe/axe.min.js")) {
            js().executeScript(new String(axe.readAllBytes(), StandardCharsets.UTF_8));
        }
        Object violations = js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertEquals("[]", String.valueOf(violations), screen);
    }

    void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve("kiosk-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** The dialog's button with this label. */
    WebElement dialogButton(String label) {
        return driver.findElement(By.xpath("//dialog//button[normalize-space()='" + label + "']"));
    }

    JavascriptExecutor js() {
        return driver;
    }

    private long number(String script) {
        return ((Number) js().executeScript(script)).longValue();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
