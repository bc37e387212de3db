package nl.opvang.hub.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import nl.opvang.testing.Tools;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real headless Chromium for the browser tests (docs/DESIGN.md §1): started once per test class, with its own
 * profile folder; {@link #reset} between tests; screenshots to {@code target/screenshots/NAME.png}. A machine without
 * Chromium skips the tests (an assumption); a Chromium that does not start fails them.
 */
public final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium at 1280×900, or skips the calling test when it is not installed (fails it in CI: {@link Tools}). */
    public static Browser start() {
        Tools.require(CHROMIUM.toString(), CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--lang=nl-NL");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        Browser browser = new Browser(new ChromeDriver(service, options), profile);
        browser.reset(1280, 900);
        return browser;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Leaves the last page (closing its streams before its server goes), forgets every cookie (cookies ignore the
     * port, so a session from the previous test's server would come along) and sets the window size.
     */
    public void reset(int width, int height) {
        driver.get("about:blank");
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A wait that looks again when the page redrew the element it just found. */
    public WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Logs in through the login page; the browser then holds the session cookie. */
    public void logIn(URI base, String username, String password) {
        driver.get(base.resolve("/login").toString());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(Duration.ofSeconds(10)).until(page -> !page.getCurrentUrl().contains("/login"));
    }

    /** Saves what the window shows as {@code target/screenshots/NAME.png}. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's WCAG 2.1 A and AA violations (axe-core), one line each. */
    public List<Object> violations() {
        return Axe.violations(driver);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A profile left in the temp folder harms nothing.
            }
        }
    }
}
