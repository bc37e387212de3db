package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 15 item 10: an admin resets a user's password (a new one, generated and shown once; the old one and the
 * user's sessions stop working; audited without the password) and sees the login records on {@code /admin}. Over the
 * API and in a real headless Chromium, against a real hub web server.
 */
class AdminPasswordResetTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path dataDir;
    WebFixture hub;
    String adminToken;

    @BeforeEach
    void start() {
        hub = chromium.serving(new WebFixture(dataDir, true));
        hub.account("admin", Role.ADMIN, null);
        adminToken = hub.login("admin");
    }

    private HttpResponse<String> reset(String username, String token) {
        return hub.post("/api/v1/admin/users/" + username + "/password", Map.of(), token);
    }

    private HttpResponse<String> logIn(String username, String password) {
        return hub.post("/api/v1/login", Map.of("username", username, "password", password, "totp", ""), null);
    }

    @Test
    void a_reset_gives_a_new_password_once_ends_the_old_one_and_the_sessions_and_is_audited_without_it() {
        HttpResponse<String> answer = reset("ct", adminToken);

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = hub.parse(answer.body());
        assertEquals("ct", body.get("username").asText());
        String password = body.get("password").asText();
        assertEquals(16, password.length(), "generated, as at creation");
        assertEquals(401, hub.get("/api/v1/session", hub.ctToken).statusCode(), "the user's sessions ended");
        assertEquals(401, logIn("ct", WebFixture.PASSWORD).statusCode(), "the old password no longer works");
        assertEquals(200, logIn("ct", password).statusCode(), "the new one does");

        List<AuditLog.Entry> entries = new AuditLog(Clock.systemUTC()).entries(hub.database, "account.reset-password", 10);
        assertEquals(1, entries.size());
        assertEquals("admin", entries.get(0).actor());
        assertEquals("ct", entries.get(0).subject());
        assertNull(entries.get(0).detail());
        assertTrue(new AuditLog(Clock.systemUTC()).entries(hub.database, null, 1000).stream()
                .noneMatch(entry -> String.valueOf(entry.detail()).contains(password)), "the password is in no audit entry");
    }

    @Test
    void only_an_admin_resets_and_an_unknown_user_is_a_clear_404_that_changes_nothing() {
        assertEquals(403, reset("admin", hub.ctToken).statusCode());
        assertEquals(401, reset("ct", null).statusCode());
        HttpResponse<String> unknown = reset("niemand", adminToken);
        assertEquals(404, unknown.statusCode());
        assertEquals("Onbekende gebruiker", hub.parse(unknown.body()).get("error").asText());
        assertEquals(200, logIn("ct", WebFixture.PASSWORD).statusCode(), "nothing changed");
        assertEquals(403, hub.get("/api/v1/admin/logins", hub.ctToken).statusCode());
    }

    @Test
    void the_login_records_say_who_logged_in_failed_or_left_newest_first_in_dutch() {
        assertEquals(401, logIn("ct", "fout-wachtwoord-123").statusCode());
        hub.login("ct");

        HttpResponse<String> answer = hub.get("/api/v1/admin/logins", adminToken);

        assertEquals(200, answer.statusCode(), answer.body());
        List<String> lines = new ArrayList<>();
        long previous = Long.MAX_VALUE;
        for (JsonNode record : hub.parse(answer.body())) {
            assertTrue(record.get("seq").asLong() < previous, "newest first");
            previous = record.get("seq").asLong();
            lines.add(record.get("username").asText() + " " + record.get("what").asText() + " "
                    + record.get("detail").asText());
        }
        assertEquals("ct ingelogd via=api", lines.get(0));
        assertEquals("ct inloggen mislukt via=api reason=wrong-password", lines.get(1));
        assertTrue(lines.contains("admin ingelogd via=api"), lines.toString());
    }

    @Test
    void on_the_admin_page_the_admin_sees_the_logins_and_resets_a_password_without_wcag_violations() {
        ChromeDriver browser = chromium.driver();
        chromium.reset(1366, 768);
        assertEquals(401, logIn("ct", "fout-wachtwoord-123").statusCode());
        chromium.logIn(hub.uri("/"), "admin", WebFixture.PASSWORD);
        chromium.waitUpTo(Duration.ofSeconds(10)).until(driver -> "true".equals(
                driver.findElement(By.tagName("body")).getAttribute("data-loaded")));

        String logins = browser.findElement(By.id("logins")).getText();
        assertTrue(logins.contains("ct inloggen mislukt API"), logins);
        assertTrue(logins.contains("admin ingelogd inlogpagina"), logins);
        for (String english : List.of("Node", "Software", "Status")) {
            assertFalse(browser.findElement(By.tagName("main")).getText().contains(english), "no '" + english + "' on /admin");
        }
        assertEquals(List.of(), chromium.violations(), "/admin at 1366x768");
        browser.executeScript("document.getElementById('logins-title').scrollIntoView();");
        chromium.screenshot("admin-logins-1366x768");
        browser.executeScript("window.scrollTo(0, 0);");

        browser.findElement(By.cssSelector("button[aria-label='Nieuw wachtwoord: ct']")).click();
        chromium.waitUpTo(Duration.ofSeconds(5)).until(driver -> driver.findElement(By.id("notice")).isDisplayed());
        String notice = browser.findElement(By.id("notice")).getText();
        Matcher shown = Pattern.compile("Nieuw wachtwoord voor ct \\(eenmalig getoond, geef het persoonlijk door\\): (\\S+)\\. ")
                .matcher(notice);
        assertTrue(shown.find(), notice);
        assertEquals(200, logIn("ct", shown.group(1)).statusCode(), "the password on the page works");
        assertTrue(browser.findElements(By.cssSelector("button[aria-label='Nieuw wachtwoord: admin']")).isEmpty(),
                "not for the admin's own account");
        chromium.screenshot("admin-password-reset-1366x768");
        browser.manage().window().setSize(new Dimension(390, 844));
        assertEquals(List.of(), chromium.violations(), "/admin at 390x844");
        chromium.screenshot("admin-password-reset-390x844");
        browser.executeScript("document.getElementById('logins-title').scrollIntoView();");
        chromium.screenshot("admin-logins-390x844");
    }
}
