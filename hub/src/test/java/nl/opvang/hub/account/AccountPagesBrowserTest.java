package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.testkit.Chromium;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The login and admin pages in a real headless Chromium, against a real hub web server (as CtPageBrowserTest). */
class AccountPagesBrowserTest {
    private static final String XSS = "<img src=x onerror=alert(1)>";
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    WebFixture hub;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        hub = chromium.serving(new WebFixture(dataDir, true));
        hub.account("admin", Role.ADMIN, null);
        browser = chromium.driver();
    }

    private WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(browser, timeout);
    }

    /** Logs in with the keyboard alone: the username field has focus, Tab to the password, Enter to submit. */
    private void logInByKeyboard(String username) {
        browser.get(hub.uri("/login").toString());
        // The keys go wherever the focus is: wait for the page's autofocus, or a loaded machine types into nothing.
        waitUpTo(Duration.ofSeconds(5)).until(driver -> "username".equals(
                ((JavascriptExecutor) driver).executeScript("return document.activeElement && document.activeElement.id")));
        new Actions(browser).sendKeys(username).sendKeys(Keys.TAB).sendKeys(WebFixture.PASSWORD).sendKeys(Keys.ENTER)
                .perform();
    }

    private void openAdmin() {
        logInByKeyboard("admin");
        waitUpTo(Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().endsWith("/admin"));
        waitUpTo(Duration.ofSeconds(10)).until(driver -> "true".equals(
                driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
    }

    @Test
    void a_keyboard_login_as_admin_opens_the_admin_page_with_users_and_nodes() {
        openAdmin();

        assertEquals("Beheer — opvang", browser.getTitle());
        chromium.waitUpTo(Duration.ofSeconds(5)).until(driver -> !driver.findElements(By.className("account-who")).isEmpty());
        assertTrue(browser.findElement(By.className("account-who")).getText().endsWith("· Beheerder"));
        assertTrue(browser.findElement(By.cssSelector("tr[data-username='ct']")).getText().contains("CT"));
        assertEquals(10, browser.findElements(By.cssSelector("#nodes tr")).size());
        assertTrue(browser.findElement(By.id("refused-none")).isDisplayed(), "the refused-events section loaded: none yet");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
        chromium.screenshot("admin-page");
        browser.executeScript("document.getElementById('refused-title').scrollIntoView()");
        chromium.screenshot("admin-page-refused-lost-secret");
    }

    @Test
    void a_refused_message_shows_its_reason_in_dutch_and_the_technical_text_beneath() {
        // Stored as the ingest stores a body that breaks the contract (the ingest itself: RefusalReasonCodeTest).
        hub.database.transaction(connection -> nl.opvang.sql.Sql.update(connection, """
                INSERT INTO event (node, session, seq, id, type, node_ms, received_ms, body, rejected)
                VALUES ('smallepad-1', 's', 7, 'e-7', 'invalid', 0, ?, '{"seq":"zeven"}', ?)""",
                System.currentTimeMillis(), "does not follow the contract (bad_field): field 'seq' must be an integer"));
        openAdmin();

        WebElement reason = chromium.waitUpTo(Duration.ofSeconds(5)).until(driver -> driver.findElement(
                By.cssSelector("#refused tr[data-seq='7'] td[data-label='Reden']")));
        assertTrue(reason.getText().startsWith("Een gegeven in het bericht is fout"), reason.getText());
        assertEquals("does not follow the contract (bad_field): field 'seq' must be an integer",
                reason.findElement(By.className("detail")).getText(), "the technical text, secondary");
        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.executeScript("document.getElementById('refused-title').scrollIntoView()");
        chromium.screenshot("admin-page-refused-dutch-reason");
        assertEquals(List.of(), violations());
    }

    @Test
    void a_wrong_password_shows_the_dutch_message_on_the_login_page() {
        browser.get(hub.uri("/login").toString());
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("fout" + Keys.ENTER);

        waitUpTo(Duration.ofSeconds(5)).until(driver -> !driver.findElements(By.id("message")).isEmpty());
        assertEquals("Gebruikersnaam of wachtwoord klopt niet.", browser.findElement(By.id("message")).getText());
        assertEquals("admin", browser.findElement(By.id("username")).getAttribute("value"));
    }

    @Test
    void a_user_created_with_markup_as_name_shows_it_as_text_and_the_audit_log_holds_no_password() {
        openAdmin();

        browser.findElement(By.id("new-username")).sendKeys("nacht-test");
        browser.findElement(By.id("new-name")).sendKeys(XSS);
        new Select(browser.findElement(By.id("new-role"))).selectByValue("night_staff");
        browser.findElement(By.id("new-scope")).sendKeys("test");
        browser.findElement(By.cssSelector("#new-user button[type=submit]")).click();

        waitUpTo(Duration.ofSeconds(5)).until(driver -> !driver.findElements(By.cssSelector("tr[data-username='nacht-test']"))
                .isEmpty());
        WebElement row = browser.findElement(By.cssSelector("tr[data-username='nacht-test']"));
        assertTrue(row.getText().contains(XSS), row.getText());
        assertEquals(0, browser.findElements(By.cssSelector("#users img")).size());
        String notice = browser.findElement(By.id("notice")).getText();
        assertTrue(notice.startsWith("Gebruiker nacht-test is aangemaakt. Wachtwoord (eenmalig getoond): "), notice);
        String password = notice.substring(notice.indexOf(": ") + 2, notice.length() - 1);
        assertEquals(16, password.length());
        assertEquals(200, hub.post("/api/v1/login", Map.of("username", "nacht-test", "password", password), null)
                .statusCode());
        String audit = hub.database.read(connection -> {
            StringBuilder all = new StringBuilder();
            try (var rows = connection.createStatement().executeQuery("SELECT actor, action, subject, detail FROM audit")) {
                while (rows.next()) {
                    all.append(rows.getString(1)).append(' ').append(rows.getString(2)).append(' ')
                            .append(rows.getString(3)).append(' ').append(rows.getString(4)).append('\n');
                }
            }
            return all.toString();
        });
        assertTrue(audit.contains("admin account.create nacht-test role=night_staff scope=test"), audit);
        assertFalse(audit.contains(password));
        assertTrue(new AuditLog(hub.clock).verify(hub.database, null, null).intact());
    }

    @Test
    void disabling_a_user_ends_its_sessions_and_resetting_the_code_app_shows_the_otpauth_link_as_text() {
        String ctSession = hub.login("ct");
        openAdmin();

        click("tr[data-username='ct'] button[aria-label='Code-app opnieuw instellen: ct']");
        waitUpTo(Duration.ofSeconds(5)).until(driver -> driver.findElement(By.id("notice")).getText().contains("otpauth://"));
        assertTrue(browser.findElement(By.id("notice")).getText().contains("otpauth://totp/opvang%3Act?secret="));
        click("tr[data-username='ct'] button[aria-label='Uitschakelen: ct']");
        // The table is drawn anew after each change: look the row up again until it says so.
        waitUpTo(Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.cssSelector("tr[data-username='ct']")).getText().contains("uitgeschakeld"));

        assertEquals(401, hub.get("/api/v1/session", ctSession).statusCode());
        assertEquals(401, hub.post("/api/v1/login", Map.of("username", "ct", "password", WebFixture.PASSWORD), null)
                .statusCode());
    }

    /** Clicks the element, finding it again if the table was redrawn under the click. */
    private void click(String selector) {
        waitUpTo(Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(By.cssSelector(selector)).click();
            return true;
        });
    }

    @Test
    void the_login_and_admin_pages_have_no_wcag_2_1_a_or_aa_violations() {
        browser.get(hub.uri("/login").toString());
        assertEquals(List.of(), violations(), "login page");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("fout" + Keys.ENTER);
        waitUpTo(Duration.ofSeconds(5)).until(driver -> !driver.findElements(By.id("message")).isEmpty());
        assertEquals(List.of(), violations(), "login page with a message");

        openAdmin();
        assertEquals(List.of(), violations(), "admin page at desktop width");
        browser.manage().window().setSize(new Dimension(390, 844));
        assertEquals(List.of(), violations(), "admin page at phone width");
    }

    private List<Object> violations() {
        return chromium.violations();
    }
}
