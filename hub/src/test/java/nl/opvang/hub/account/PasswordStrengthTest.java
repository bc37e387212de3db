package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New passwords are checked against common and breached passwords and guessable patterns (issue 11 item 7): over the
 * admin API of a real server, and for the first admin from {@code --admin-password}. The demo keeps {@code demo}.
 */
class PasswordStrengthTest {
    @TempDir
    Path dataDir;

    private static HttpResponse<String> create(WebFixture hub, String token, String username, String password) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "Nacht " + username,
                "role", "night_staff", "scope", "amergaard"));
        body.put("password", password);
        return hub.post("/api/v1/admin/users", body, token);
    }

    @Test
    void an_admin_cannot_give_a_common_or_patterned_password_and_is_told_why_in_dutch() {
        try (WebFixture hub = new WebFixture(dataDir, false)) {
            hub.account("beheer", Role.ADMIN, null);
            String admin = hub.login("beheer");

            for (String weak : new String[] {"welkom123456", "aaaaaaaaaaaa", "wachtwoord123", "qwertyuiop12", "123456789012",
                    "Welkom2024!!", "nacht-zwak1234"}) {
                HttpResponse<String> refused = create(hub, admin, "nacht-zwak", weak);
                assertEquals(400, refused.statusCode(), weak);
                assertTrue(hub.parse(refused.body()).get("error").asText()
                        .startsWith("Dit wachtwoord is te makkelijk te raden."), weak + ": " + refused.body());
            }
            assertEquals(201, create(hub, admin, "nacht-sterk", "kaars-rivier-fiets-molen").statusCode());
            HttpResponse<String> generated = create(hub, admin, "nacht-gemaakt", null);
            assertEquals(201, generated.statusCode(), "a generated password passes the same check");
        }
    }

    @Test
    void the_first_admin_from_admin_password_gets_the_same_check_and_the_demo_keeps_demo() {
        Database database = Database.open(dataDir);
        try {
            Registry.seed(database, RegionFile.resource(RegionFile.SEED));
            Registry registry = Registry.load(database, "amersfoort");
            Accounts real = new Accounts(database, new AuditLog(Clock.systemUTC()), new PasswordHasher(), Clock.systemUTC(),
                    false);
            AccountException refused = assertThrows(AccountException.class,
                    () -> AccountSetup.prepare(real, registry, "welkom123456"));
            assertTrue(refused.getMessage().startsWith("Dit wachtwoord is te makkelijk te raden."), refused.getMessage());

            Accounts demo = new Accounts(database, new AuditLog(Clock.systemUTC()), new PasswordHasher(), Clock.systemUTC(),
                    true);
            AccountSetup.prepare(demo, registry, null);
            assertTrue(new PasswordHasher().verify(AccountSetup.DEMO_PASSWORD,
                    demo.find("ct").orElseThrow().passwordHash()), "the README's demo accounts keep password demo");
        } finally {
            database.close();
        }
    }
}
