package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outside demo mode: the second factor for CT, Veilig Thuis, VO desk and admin, and long passwords (docs/DESIGN.md §5).
 */
class SecondFactorTest {
    @TempDir
    Path dataDir;
    WebFixture hub;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, false);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> login(String username, String code) {
        return hub.post("/api/v1/login", code == null ? Map.of("username", username, "password", WebFixture.PASSWORD)
                : Map.of("username", username, "password", WebFixture.PASSWORD, "totp", code), null);
    }

    @Test
    void ct_needs_the_code_from_the_app_and_the_right_code_logs_in() {
        Account ct = hub.accounts.accounts().find("ct").orElseThrow();
        assertNotNull(ct.totpSecret());

        hub.clock.advance(Duration.ofSeconds(30)); // the fixture's own login used the code of the step before
        HttpResponse<String> withoutCode = login("ct", null);
        HttpResponse<String> wrongCode = login("ct", "000000".equals(Totp.code(ct.totpSecret(), hub.clock.instant()))
                ? "111111" : "000000");
        HttpResponse<String> rightCode = login("ct", Totp.code(ct.totpSecret(), hub.clock.instant()));
        hub.clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> lateCode = login("ct", Totp.code(ct.totpSecret(), hub.clock.instant().minusSeconds(30)));

        assertEquals(401, withoutCode.statusCode());
        assertEquals("{\"error\":\"Vul de code uit de app in.\"}", withoutCode.body());
        assertEquals(401, wrongCode.statusCode());
        assertEquals(200, rightCode.statusCode());
        assertEquals(200, lateCode.statusCode(), "one step of clock drift is allowed");
    }

    @Test
    void a_code_from_long_ago_is_refused() {
        Account ct = hub.accounts.accounts().find("ct").orElseThrow();
        String code = Totp.code(ct.totpSecret(), hub.clock.instant());

        hub.clock.advance(Duration.ofMinutes(2));

        assertEquals(401, login("ct", code).statusCode());
    }

    @Test
    void night_staff_need_no_second_factor_and_every_other_role_gets_one() {
        Account night = hub.account("nacht-amergaard", Role.NIGHT_STAFF, "amergaard");

        assertNull(night.totpSecret());
        assertEquals(200, login("nacht-amergaard", null).statusCode());
        // Every role but night staff, the privacy officer and the gemeente included (docs/privacy/dpia.md, measures).
        for (Role role : java.util.EnumSet.complementOf(java.util.EnumSet.of(Role.NIGHT_STAFF))) {
            Account account = hub.account("a-" + role.wire().replace('_', '-'), role, role == Role.VO_DESK ? "Kwintes" : null);
            assertNotNull(account.totpSecret(), role.wire());
        }
    }

    @Test
    void the_login_page_asks_for_the_code_from_the_app() {
        String page = hub.get("/login", null).body();

        assertTrue(page.contains("<label for=\"code\">Code uit de app</label>"));
    }

    @Test
    void passwords_shorter_than_twelve_characters_are_refused() {
        AccountException refused = assertThrows(AccountException.class, () -> hub.accounts.accounts()
                .create("test", "kort", "Kort", Role.NIGHT_STAFF, "smallepad", "elf-tekens!"));

        assertEquals("Het wachtwoord moet minstens 12 tekens hebben", refused.getMessage());
    }
}
