package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.http.Role;
import nl.opvang.testing.MutableClock;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Web sessions end after {@link Sessions#DEFAULT_IDLE} without use (issue 11 item 4); real server, real SQLite file. */
class SessionIdleTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path hubData;
    WebFixture hub;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private String cookie(String username) {
        String body = "username=" + username + "&password=" + URLEncoder.encode(WebFixture.PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), null);
        assertEquals(303, response.statusCode(), response.body());
        String header = response.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    private int session(String cookie) {
        return hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/session")).header("Cookie", cookie).GET().build(), null)
                .statusCode();
    }

    @Test
    void a_web_session_unused_for_thirty_minutes_ends() {
        String cookie = cookie("ct");
        hub.clock.advance(Duration.ofMinutes(29));
        assertEquals(200, session(cookie), "29 minutes idle: still logged in");

        hub.clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        assertEquals(401, session(cookie));
        assertEquals(401, session(cookie), "and it stays ended");
    }

    @Test
    void a_session_in_use_does_not_idle_out_until_its_lifetime_ends() {
        String cookie = cookie("ct");
        for (int i = 0; i < 35; i++) {
            hub.clock.advance(Duration.ofMinutes(20));
            assertEquals(200, session(cookie), "used every 20 minutes, at " + (i + 1) * 20 + " min");
        }
        hub.clock.advance(Duration.ofMinutes(20));

        assertEquals(401, session(cookie), "12 hours is still the most a web session lasts");
    }

    @Test
    void night_staff_web_sessions_idle_out_too() {
        hub.account("nacht-amergaard", Role.NIGHT_STAFF, "amergaard");
        String cookie = cookie("nacht-amergaard");

        hub.clock.advance(Duration.ofMinutes(31));

        assertEquals(401, session(cookie));
    }

    @Test
    void the_idle_end_is_measured_from_the_last_use_not_from_the_last_write_of_it() {
        String cookie = cookie("ct");
        hub.clock.advance(Duration.ofSeconds(59));
        assertEquals(200, session(cookie));

        hub.clock.advance(Duration.ofMinutes(29).plusSeconds(30));

        assertEquals(200, session(cookie), "29.5 minutes after its last use");
    }

    /** Opens the live stream with the session cookie; the latch opens when the server ends the stream. */
    private CountDownLatch stream(String cookie, CountDownLatch started) {
        return stream(hub.uri("/api/v1/availability/stream"), cookie, started);
    }

    private CountDownLatch stream(java.net.URI uri, String cookie, CountDownLatch started) {
        HttpResponse<InputStream> response;
        try {
            response = hub.http.send(HttpRequest.newBuilder(uri)
                    .header("Accept", "text/event-stream").header("Cookie", cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(200, response.statusCode());
        CountDownLatch ended = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[4096];
                while (body.read(buffer) >= 0) {
                    started.countDown();
                }
            } catch (IOException e) {
                // ended
            }
            ended.countDown();
        }, "stream-reader");
        reader.setDaemon(true);
        reader.start();
        return ended;
    }

    @Test
    void an_open_live_stream_is_not_use_and_ends_with_its_session() throws InterruptedException {
        String idle = cookie("ct");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = stream(idle, started);
        assertTrue(started.await(10, TimeUnit.SECONDS), "the snapshot came");
        hub.clock.advance(Duration.ofMinutes(15));
        hub.heard("test-1");
        assertFalse(ended.await(1, TimeUnit.SECONDS), "15 minutes: the stream goes on");

        hub.clock.advance(Duration.ofMinutes(16));
        hub.heard("test-1");

        assertTrue(ended.await(10, TimeUnit.SECONDS), "the stream ended with its idle session");
        assertEquals(401, session(idle), "31 minutes of only a stream open: the session ended");
    }

    @Test
    void the_hub_takes_its_idle_time_from_session_idle_minutes() {
        MutableClock clock = new MutableClock(Instant.now());
        HubConfig config = HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).sessionIdleMinutes(5).build();
        try (Hub real = Hub.start(config, clock)) {
            java.net.URI login = java.net.URI.create("http://127.0.0.1:" + real.httpPort() + "/login");
            HttpResponse<String> form = hub.send(HttpRequest.newBuilder(login)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=ct&password=demo")).build(), null);
            assertEquals(303, form.statusCode(), form.body());
            String header = form.headers().firstValue("Set-Cookie").orElseThrow();
            HttpRequest session = HttpRequest.newBuilder(login.resolve("/api/v1/session"))
                    .header("Cookie", header.substring(0, header.indexOf(';'))).GET().build();
            clock.advance(Duration.ofMinutes(4));
            assertEquals(200, hub.send(session, null).statusCode(), "4 of 5 minutes unused");

            clock.advance(Duration.ofMinutes(5));

            assertEquals(401, hub.send(session, null).statusCode(), "5 minutes unused: ended");
        }
    }

    @Test
    void the_holds_stream_of_a_real_hub_ends_with_its_idle_session_too() throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.now());
        HubConfig config = HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).build();
        try (Hub real = Hub.start(config, clock)) {
            java.net.URI base = java.net.URI.create("http://127.0.0.1:" + real.httpPort() + "/");
            HttpResponse<String> form = hub.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=ct&password=demo")).build(), null);
            String header = form.headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = header.substring(0, header.indexOf(';'));
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch ended = stream(base.resolve("/api/v1/holds/stream"), cookie, started);
            assertTrue(started.await(10, TimeUnit.SECONDS), "the holds snapshot came");

            clock.advance(Duration.ofMinutes(31));

            assertTrue(ended.await(20, TimeUnit.SECONDS), "ended at the next keep-alive (15 s) at the latest");
        }
    }

    @Test
    void a_pages_own_timed_refresh_is_answered_but_does_not_keep_the_session_alive() {
        String cookie = cookie("ct");
        HttpRequest refresh = HttpRequest.newBuilder(hub.uri("/api/v1/session")).header("Cookie", cookie)
                .header(Authentication.BACKGROUND_HEADER, "1").GET().build();
        for (int minute = 10; minute <= 20; minute += 10) {
            hub.clock.advance(Duration.ofMinutes(10));
            assertEquals(200, hub.send(refresh, null).statusCode(), "refreshed at " + minute + " min");
        }

        hub.clock.advance(Duration.ofMinutes(10));

        assertEquals(401, hub.send(refresh, null).statusCode(), "30 minutes without a request of the user");
        assertEquals(401, session(cookie));
    }
}
