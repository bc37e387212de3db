package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A code from the app logs in once (issue 11 item 7; RFC 6238 §5.2), also after a restart of the hub. */
class TotpReplayTest {
    @TempDir
    Path dataDir;
    WebFixture hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private HttpResponse<String> login(String code) {
        return hub.post("/api/v1/login", Map.of("username", "beheer", "password", WebFixture.PASSWORD, "totp", code), null);
    }

    private String secret() {
        return hub.accounts.accounts().find("beheer").orElseThrow().totpSecret();
    }

    @Test
    void a_code_that_logged_in_once_is_refused_the_second_time() {
        hub = new WebFixture(dataDir, false);
        hub.account("beheer", Role.ADMIN, null);
        String code = Totp.code(secret(), hub.clock.instant());
        assertEquals(200, login(code).statusCode());

        HttpResponse<String> replay = login(code);

        assertEquals(401, replay.statusCode());
        assertEquals("{\"error\":\"Deze code is al gebruikt. Wacht op de volgende code uit de app.\"}", replay.body());
        hub.clock.advance(Duration.ofSeconds(30));
        assertEquals(200, login(Totp.code(secret(), hub.clock.instant())).statusCode(), "the next code works");
    }

    @Test
    void an_older_code_than_the_last_one_used_is_refused_too() {
        hub = new WebFixture(dataDir, false);
        hub.account("beheer", Role.ADMIN, null);
        String earlier = Totp.code(secret(), hub.clock.instant().minusSeconds(30));
        assertEquals(200, login(Totp.code(secret(), hub.clock.instant())).statusCode());

        assertEquals(401, login(earlier).statusCode(), "still inside the drift window, but older than the one used");
    }

    @Test
    void a_code_used_before_a_restart_is_refused_after_it() {
        hub = new WebFixture(dataDir, false);
        hub.account("beheer", Role.ADMIN, null);
        String code = Totp.code(secret(), hub.clock.instant());
        assertEquals(200, login(code).statusCode());
        hub.close();

        hub = new WebFixture(dataDir, false);

        assertEquals(401, login(code).statusCode());
    }
}
