package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins in the audit log (docs/DESIGN.md §5): who tried, how, and how it ended, for the form and the API, logouts and
 * failed second factors; never the password or the code. Outside demo mode, so that CT has a code app.
 */
class LoginAuditTest {
    private static final String WRONG_PASSWORD = "verkeerd-wachtwoord-123";

    @TempDir
    Path dataDir;
    WebFixture hub;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, false);
        hub.account("nacht-amergaard", Role.NIGHT_STAFF, "amergaard");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** Every audit entry after the fixture's own set-up, as "actor action subject detail". */
    private List<String> loginEntries() {
        return new AuditLog(hub.clock).entries(hub.database, null, 1000).stream()
                .filter(entry -> entry.action().startsWith("login") || entry.action().equals("logout"))
                .sorted(Comparator.comparingLong(AuditLog.Entry::seq))
                .map(entry -> entry.actor() + " " + entry.action() + " " + entry.subject() + " " + entry.detail())
                .toList();
    }

    private String allAudit() {
        return hub.database.read(connection -> {
            StringBuilder all = new StringBuilder();
            try (var rows = connection.createStatement().executeQuery("SELECT actor, action, subject, detail FROM audit")) {
                while (rows.next()) {
                    all.append(rows.getString(1)).append(' ').append(rows.getString(2)).append(' ')
                            .append(rows.getString(3)).append(' ').append(rows.getString(4)).append('\n');
                }
            }
            return all.toString();
        });
    }

    private HttpResponse<String> form(String username, String password, String code) {
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + (code == null ? "" : "&code=" + code);
        return hub.send(HttpRequest.newBuilder(hub.uri("/login")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), null);
    }

    @Test
    void form_and_api_logins_failures_and_logout_are_audited_with_name_and_outcome_but_no_secret() {
        assertEquals(401, form("nacht-amergaard", WRONG_PASSWORD, null).statusCode());
        assertEquals(303, form("nacht-amergaard", WebFixture.PASSWORD, null).statusCode());
        assertEquals(401, hub.post("/api/v1/login", Map.of("username", "niemand", "password", WRONG_PASSWORD), null)
                .statusCode());
        String token = hub.login("nacht-amergaard");
        assertEquals(204, hub.post("/api/v1/logout", Map.of(), token).statusCode());

        List<String> entries = loginEntries();
        assertEquals(List.of(
                "ct login.ok ct via=api",
                "nacht-amergaard login.failed nacht-amergaard via=form reason=wrong-password",
                "nacht-amergaard login.ok nacht-amergaard via=form",
                "niemand login.failed niemand via=api reason=wrong-password",
                "nacht-amergaard login.ok nacht-amergaard via=api",
                "nacht-amergaard logout nacht-amergaard via=api"), entries);
        assertFalse(allAudit().contains(WRONG_PASSWORD));
        assertFalse(allAudit().contains(WebFixture.PASSWORD));
        assertTrue(new AuditLog(hub.clock).verify(hub.database, null, null).intact());
    }

    @Test
    void a_wrong_or_missing_second_factor_code_is_audited_without_the_code() {
        Account ct = hub.accounts.accounts().find("ct").orElseThrow();
        // The next step's code (inside the allowed drift): the fixture's own login used this step's code.
        String right = Totp.code(ct.totpSecret(), hub.clock.instant().plusSeconds(30));
        String wrong = "000000".equals(right) ? "111111" : "000000";

        assertEquals(401, hub.post("/api/v1/login", Map.of("username", "ct", "password", WebFixture.PASSWORD, "totp", wrong),
                null).statusCode());
        assertEquals(401, form("ct", WebFixture.PASSWORD, null).statusCode());
        assertEquals(401, form("ct", WebFixture.PASSWORD, wrong).statusCode());
        assertEquals(303, form("ct", WebFixture.PASSWORD, right).statusCode());

        List<String> entries = loginEntries();
        assertEquals(List.of(
                "ct login.ok ct via=api",
                "ct login.second-factor-failed ct via=api reason=wrong-code",
                "ct login.code-needed ct via=form reason=code-needed",
                "ct login.second-factor-failed ct via=form reason=wrong-code",
                "ct login.ok ct via=form"), entries);
        assertFalse(allAudit().contains(wrong), "the wrong code is not stored");
        assertFalse(allAudit().contains(right), "the right code is not stored");
    }

    @Test
    void a_throttled_attempt_is_audited_as_throttled() {
        for (int attempt = 0; attempt < LoginThrottle.PAIR_FREE_FAILURES; attempt++) {
            assertEquals(401, hub.post("/api/v1/login", Map.of("username", "nacht-amergaard", "password", WRONG_PASSWORD), null)
                    .statusCode());
        }

        assertEquals(429, hub.post("/api/v1/login", Map.of("username", "nacht-amergaard", "password", WebFixture.PASSWORD),
                null).statusCode());

        List<String> entries = loginEntries();
        assertEquals("nacht-amergaard login.throttled nacht-amergaard via=api reason=throttled", entries.get(entries.size() - 1));
        assertEquals(LoginThrottle.PAIR_FREE_FAILURES, entries.stream()
                .filter(entry -> entry.equals("nacht-amergaard login.failed nacht-amergaard via=api reason=wrong-password"))
                .count());
    }

    @Test
    void a_typed_name_with_control_characters_or_of_great_length_is_cut_and_cleaned() {
        assertEquals("x?y", Logins.auditName("x\ny"));
        assertEquals("(leeg)", Logins.auditName(" "));
        assertEquals(65, Logins.auditName("a".repeat(500)).length());
    }
}
