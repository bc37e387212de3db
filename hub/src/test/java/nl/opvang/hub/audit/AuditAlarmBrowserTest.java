package nl.opvang.hub.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.testkit.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What an admin sees on {@code /admin} in a real headless Chromium when the hub started on a cut audit log. */
class AuditAlarmBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path data;
    Hub hub;

    @Test
    void the_admin_page_warns_every_admin_that_the_audit_log_was_cut() throws Exception {
        hub = start();
        hub.close();
        hub = null;
        long head;
        try (Database database = Database.open(data)) {
            new AuditAnchors(data.resolve(AuditAnchors.FILE_NAME), database, new AuditLog(Clock.systemUTC()), Clock.systemUTC())
                    .start();
            AuditLog audit = new AuditLog(Clock.systemUTC());
            for (int i = 0; i < 2; i++) {
                database.transaction(connection -> audit.append(connection, "ct", "secret.read", "kw-vo",
                        "Vrouw met kind aan de lijn, VO-nummer neemt niet op"));
            }
            head = audit.head(database).orElseThrow().seq();
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db").toAbsolutePath());
             Statement statement = raw.createStatement()) {
            statement.executeUpdate("DROP TRIGGER audit_no_delete");
            statement.executeUpdate("DELETE FROM audit WHERE seq = " + head);
        }
        hub = chromium.serving(start());

        ChromeDriver browser = chromium.driver();
        URI base = URI.create("http://127.0.0.1:" + hub.httpPort());
        chromium.logIn(base, "admin", "demo");
        browser.get(base.resolve("/admin").toString());
        chromium.waitUpTo(Duration.ofSeconds(10)).until(page -> page.findElement(By.id("audit-alarm")).isDisplayed());

        WebElement alarm = browser.findElement(By.id("audit-alarm"));
        assertEquals("alert", alarm.getAttribute("role"));
        assertTrue(alarm.getText().startsWith("De auditlog klopt niet met de ankers buiten de database (vanaf melding "
                + head + ")"), alarm.getText());
        browser.get(base.resolve("/admin/audit").toString());
        assertTrue(browser.findElement(By.cssSelector(".alarm[role=alert] h2")).getText()
                .contains("De auditlog klopt niet"));
        chromium.screenshot("audit-alarm-admin");
    }

    private Hub start() {
        return Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data).build(),
                Clock.systemUTC());
    }
}
