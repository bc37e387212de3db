package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed-login throttling per username and address (issue 11 item 4), over a real server behind a trusted proxy (the
 * test's own address), so that each request can come from the address its {@code X-Forwarded-For} names.
 */
class LoginFromAddressesTest {
    private static final String SHELTER = "198.51.100.20";
    private static final String STRANGER = "203.0.113.9";

    @TempDir
    Path dataDir;
    WebFixture hub;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true, HttpLimits.of(600, List.of("127.0.0.1")));
        hub.account("nacht-amergaard", Role.NIGHT_STAFF, "amergaard");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> login(String from, String password) {
        try {
            HttpRequest request = HttpRequest.newBuilder(hub.uri("/api/v1/login")).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", from).POST(HttpRequest.BodyPublishers.ofString(hub.json.writeValueAsString(
                            Map.of("username", "nacht-amergaard", "password", password)))).build();
            return hub.send(request, null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_strangers_failures_from_another_address_do_not_lock_the_account_for_its_known_address() {
        assertEquals(200, login(SHELTER, WebFixture.PASSWORD).statusCode(), "the shelter's PC logged in before");
        for (int i = 0; i < 40; i++) {
            login(STRANGER, "raden-" + i);
            hub.clock.advance(Duration.ofSeconds(5));
        }

        assertEquals(429, login(STRANGER, WebFixture.PASSWORD).statusCode(), "the stranger is still slowed down");
        assertEquals(200, login(SHELTER, WebFixture.PASSWORD).statusCode(), "the known address still logs in");
    }

    @Test
    void failures_from_the_known_address_itself_still_slow_it_down() {
        assertEquals(200, login(SHELTER, WebFixture.PASSWORD).statusCode());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(SHELTER, "fout-" + i).statusCode());
        }

        assertEquals(429, login(SHELTER, WebFixture.PASSWORD).statusCode());
    }

    @Test
    void guesses_spread_over_many_unknown_addresses_still_slow_down_the_account_from_unknown_addresses() {
        assertEquals(200, login(SHELTER, WebFixture.PASSWORD).statusCode());
        for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
            assertEquals(401, login("203.0.113." + (20 + i), "raden-" + i).statusCode(), "one guess from each address");
        }

        assertEquals(429, login("203.0.113.99", WebFixture.PASSWORD).statusCode(), "a new unknown address waits");
        assertEquals(200, login(SHELTER, WebFixture.PASSWORD).statusCode(), "the known one does not");
    }
}
