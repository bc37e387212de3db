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
import java.util.Map;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in over the API and with the login form, against a real server and a real SQLite store, in demo mode. */
class LoginTest {
    @TempDir
    Path dataDir;
    WebFixture hub;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> apiLogin(String username, String password) {
        return hub.post("/api/v1/login", Map.of("username", username, "password", password), null);
    }

    private HttpResponse<String> form(String username, String password) {
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return hub.send(HttpRequest.newBuilder(hub.uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), null);
    }

    private static String cookie(HttpResponse<String> response) {
        String header = response.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    private HttpResponse<String> withCookie(String method, String path, String cookie, String csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).header("Cookie", cookie)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return hub.send(request.build(), null);
    }

    @Test
    void an_api_login_gives_a_bearer_token_that_opens_the_api() {
        HttpResponse<String> login = apiLogin("ct", WebFixture.PASSWORD);

        assertEquals(200, login.statusCode());
        String token = hub.parse(login.body()).get("token").asText();
        assertEquals(200, hub.get("/api/v1/availability", token).statusCode());
        assertEquals("ct", hub.parse(hub.get("/api/v1/session", token).body()).get("role").asText());
        assertTrue(hub.parse(hub.get("/api/v1/session", token).body()).get("csrfToken").isNull(), "a bearer needs none");
    }

    @Test
    void without_credentials_the_api_answers_401_in_json_and_pages_send_to_the_login_page() {
        HttpResponse<String> api = hub.get("/api/v1/availability", null);
        HttpResponse<String> page = hub.get("/", null);
        HttpResponse<String> badToken = hub.get("/api/v1/availability", "not-a-token");

        assertEquals(401, api.statusCode());
        assertTrue(hub.parse(api.body()).get("error").asText().startsWith("Log eerst in"));
        assertEquals(303, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
        assertEquals(401, badToken.statusCode());
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_dutch_answer_and_are_counted() {
        HttpResponse<String> wrongPassword = apiLogin("ct", "niet-het-wachtwoord");
        HttpResponse<String> unknownUser = apiLogin("niemand", "niet-het-wachtwoord");
        HttpResponse<String> wrongForm = form("ct", "niet-het-wachtwoord");
        HttpResponse<String> unknownForm = form("niemand", "niet-het-wachtwoord");

        assertEquals(401, wrongPassword.statusCode());
        assertEquals(wrongPassword.body(), unknownUser.body());
        assertEquals("{\"error\":\"Gebruikersnaam of wachtwoord klopt niet.\"}", wrongPassword.body());
        assertEquals(401, wrongForm.statusCode());
        assertTrue(wrongForm.body().contains("Gebruikersnaam of wachtwoord klopt niet."));
        assertEquals(wrongForm.body().replace("value=\"ct\"", ""), unknownForm.body().replace("value=\"niemand\"", ""));
        assertTrue(hub.metrics.scrape().contains("opvang_logins_total{result=\"failed\"} 4.0"), hub.metrics.scrape());
        assertTrue(hub.metrics.scrape().contains("opvang_logins_total{result=\"ok\"} 1.0"), "the fixture's login");
    }

    @Test
    void after_five_failures_a_username_must_wait_even_with_the_right_password_and_may_try_again_later() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, apiLogin("ct", "fout-" + i).statusCode());
        }

        HttpResponse<String> blocked = apiLogin("ct", WebFixture.PASSWORD);
        HttpResponse<String> blockedStranger = apiLogin("onbekend", "x");

        assertEquals(429, blocked.statusCode());
        assertEquals("{\"error\":\"Te veel mislukte pogingen. Probeer het over 30 seconden opnieuw.\"}", blocked.body());
        assertEquals("30", blocked.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(401, blockedStranger.statusCode(), "another username is not blocked by ct's failures");
        assertTrue(hub.metrics.scrape().contains("opvang_logins_total{result=\"throttled\"} 1.0"));

        hub.clock.advance(Duration.ofSeconds(31));
        assertEquals(200, apiLogin("ct", WebFixture.PASSWORD).statusCode());
        assertEquals(401, apiLogin("ct", "fout").statusCode(), "a success clears the count");
    }

    @Test
    void after_twenty_failures_from_one_address_every_username_waits() {
        for (int i = 0; i < 20; i++) {
            assertEquals(401, apiLogin("gok-" + i, "fout").statusCode());
        }

        assertEquals(429, apiLogin("ct", WebFixture.PASSWORD).statusCode());
    }

    @Test
    void the_login_form_sets_a_strict_http_only_secure_session_cookie_and_sends_ct_to_its_page() {
        HttpResponse<String> response = form("ct", WebFixture.PASSWORD);

        assertEquals(303, response.statusCode());
        assertEquals("/", response.headers().firstValue("Location").orElseThrow());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("opvang_session="), setCookie);
        for (String attribute : new String[] {"HttpOnly", "Secure", "SameSite=Strict", "Path=/"}) {
            assertTrue(setCookie.contains(attribute), attribute + " in " + setCookie);
        }
        assertEquals(200, withCookie("GET", "/", cookie(response), null).statusCode());
        assertEquals(200, withCookie("GET", "/api/v1/availability", cookie(response), null).statusCode());
    }

    @Test
    void the_login_form_sends_every_other_role_to_its_own_start_page_and_so_does_slash() {
        hub.account("vt", Role.VEILIG_THUIS, null);
        hub.account("desk", Role.VO_DESK, "Kwintes");
        hub.account("nacht", Role.NIGHT_STAFF, "smallepad");
        hub.account("beheer", Role.ADMIN, null);
        Map<String, String> start = Map.of("vt", "/vt", "desk", "/vo", "nacht", "/vo", "beheer", "/admin");
        start.forEach((username, page) -> {
            HttpResponse<String> login = form(username, WebFixture.PASSWORD);
            assertEquals(page, login.headers().firstValue("Location").orElseThrow(), username);
            HttpResponse<String> slash = withCookie("GET", "/", cookie(login), null);
            assertEquals(303, slash.statusCode(), username);
            assertEquals(page, slash.headers().firstValue("Location").orElseThrow(), username);
            assertEquals(200, withCookie("GET", page, cookie(login), null).statusCode(), username);
        });
        HttpResponse<String> vtAtCt = withCookie("GET", "/ct", cookie(form("vt", WebFixture.PASSWORD)), null);
        assertEquals("/vt", vtAtCt.headers().firstValue("Location").orElseThrow(), "Veilig Thuis never gets the CT page");
        assertEquals(200, withCookie("GET", "/ct", cookie(form("desk", WebFixture.PASSWORD)), null).statusCode(),
                "the VO desk may see the overview at /ct");
    }

    @Test
    void a_state_changing_request_with_the_cookie_needs_the_sessions_csrf_token() {
        String cookie = cookie(form("ct", WebFixture.PASSWORD));
        String csrf = hub.parse(withCookie("GET", "/api/v1/session", cookie, null).body()).get("csrfToken").asText();

        HttpResponse<String> missing = withCookie("POST", "/api/v1/logout", cookie, null);
        HttpResponse<String> wrong = withCookie("POST", "/api/v1/logout", cookie, csrf + "x");
        HttpResponse<String> right = withCookie("POST", "/api/v1/logout", cookie, csrf);

        assertEquals(403, missing.statusCode());
        assertTrue(hub.parse(missing.body()).get("error").asText().contains("CSRF"));
        assertEquals(403, wrong.statusCode());
        assertEquals(204, right.statusCode());
        assertTrue(right.headers().firstValue("Set-Cookie").orElseThrow().startsWith("opvang_session=;"),
                right.headers().firstValue("Set-Cookie").orElseThrow());
        assertEquals(401, withCookie("GET", "/api/v1/session", cookie, null).statusCode(), "logged out");
    }

    @Test
    void logging_out_ends_a_bearer_token() {
        String token = hub.login("ct");

        assertEquals(204, hub.post("/api/v1/logout", Map.of(), token).statusCode());

        assertEquals(401, hub.get("/api/v1/availability", token).statusCode());
        assertEquals(200, hub.get("/api/v1/availability", hub.ctToken).statusCode(), "other sessions go on");
    }

    @Test
    void sessions_and_tokens_expire() {
        String cookie = cookie(form("ct", WebFixture.PASSWORD));
        String token = hub.login("ct");

        // In use every 20 minutes (an unused web session ends after 30: SessionIdleTest) up to a minute before its end.
        for (int used = 20; used < Sessions.WEB_LIFETIME.toMinutes(); used += 20) {
            hub.clock.advance(Duration.ofMinutes(20));
            assertEquals(200, withCookie("GET", "/api/v1/session", cookie, null).statusCode(), used + " min");
        }
        hub.clock.advance(Duration.ofMinutes(19));
        assertEquals(200, withCookie("GET", "/api/v1/session", cookie, null).statusCode());
        hub.clock.advance(Duration.ofMinutes(2));
        assertEquals(401, withCookie("GET", "/api/v1/session", cookie, null).statusCode());
        assertEquals(200, hub.get("/api/v1/session", token).statusCode(), "a bearer token lasts a day");
        hub.clock.advance(Sessions.API_LIFETIME);
        assertEquals(401, hub.get("/api/v1/session", token).statusCode());
    }

    @Test
    void the_store_holds_only_hashes_of_passwords_and_tokens() {
        String token = hub.login("ct");

        String stored = hub.database.read(connection -> {
            StringBuilder all = new StringBuilder();
            try (var rows = connection.createStatement().executeQuery(
                    "SELECT a.password_hash, s.token_hash FROM account a JOIN account_session s ON s.account_id = a.id")) {
                while (rows.next()) {
                    all.append(rows.getString(1)).append(' ').append(rows.getString(2)).append('\n');
                }
            }
            return all.toString();
        });

        assertFalse(stored.contains(token));
        assertFalse(stored.contains(WebFixture.PASSWORD));
        assertTrue(stored.contains(Sessions.hash(token)));
        assertTrue(stored.contains("$argon2id$"));
    }

    @Test
    void the_login_page_is_dutch_and_escapes_what_was_typed() {
        HttpResponse<String> page = hub.get("/login", null);
        HttpResponse<String> failed = form("<script>alert(1)</script>", "x");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<h1>Inloggen</h1>"));
        assertTrue(page.body().contains("Gebruikersnaam") && page.body().contains("Wachtwoord"));
        assertFalse(page.body().contains("Code uit de app"), "demo mode: no second factor");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
        assertFalse(failed.body().contains("<script>alert(1)</script>"));
        assertTrue(failed.body().contains("&lt;script&gt;"));
    }
}
