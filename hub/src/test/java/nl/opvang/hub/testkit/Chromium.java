package nl.opvang.hub.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The life of a browser test class's {@link Browser}, as a JUnit extension:
 * {@code @RegisterExtension static final Chromium chromium = new Chromium();}. It starts Chromium once for the class,
 * after each test leaves the page and forgets the cookies (back to 1280×900) and then closes the hub the test handed to
 * {@link #serving}, and quits Chromium after the last test.
 */
public final class Chromium implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private Browser browser;
    private AutoCloseable hub;

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = Browser.start();
    }

    /** The hub under test, closed after this test once the browser has left its page; returns {@code hub}. */
    public <T extends AutoCloseable> T serving(T hub) {
        this.hub = hub;
        return hub;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (browser != null) {
                browser.reset(1280, 900);
            }
        } finally {
            AutoCloseable served = hub;
            hub = null;
            if (served != null) {
                served.close();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    public ChromeDriver driver() {
        return browser.driver();
    }

    /** See {@link Browser#reset}. */
    public void reset(int width, int height) {
        browser.reset(width, height);
    }

    /** See {@link Browser#waitUpTo}. */
    public WebDriverWait waitUpTo(Duration timeout) {
        return browser.waitUpTo(timeout);
    }

    /** See {@link Browser#logIn}. */
    public void logIn(URI base, String username, String password) {
        browser.logIn(base, username, password);
    }

    /** See {@link Browser#screenshot}. */
    public void screenshot(String name) {
        browser.screenshot(name);
    }

    /** See {@link Browser#violations}. */
    public List<Object> violations() {
        return browser.violations();
    }
}
