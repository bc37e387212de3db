package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security headers on every answer, the request size limit and the rate limit, on a real server (issue #7). */
class HttpHardeningTest {
    private static final List<String> TABLES = List.of("account", "account_session", "login_failure", "audit", "hold");

    @TempDir
    Path dataDir;
    WebFixture hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void every_answer_carries_the_security_headers_ok_unauthorised_not_found_too_large_and_static() {
        hub = new WebFixture(dataDir, true);

        HttpResponse<String> ok = hub.get("/api/v1/availability");
        HttpResponse<String> unauthorised = hub.get("/api/v1/availability", null);
        HttpResponse<String> notFound = hub.get("/no/such/page");
        HttpResponse<String> tooLarge = hub.post("/api/v1/login", Map.of("username", "x".repeat(70_000)), null);
        HttpResponse<String> script = hub.get("/ct.js", null);
        HttpResponse<String> page = hub.get("/login", null);

        assertEquals(200, ok.statusCode());
        assertEquals(401, unauthorised.statusCode());
        assertEquals(404, notFound.statusCode());
        assertEquals(413, tooLarge.statusCode());
        assertEquals(200, script.statusCode());
        assertEquals(200, page.statusCode());
        for (HttpResponse<String> answer : List.of(ok, unauthorised, notFound, tooLarge, script, page)) {
            String what = answer.request().uri().getPath() + " " + answer.statusCode();
            String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("default-src 'self'"), what + ": " + policy);
            assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), what);
            assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("form-action 'self'")
                    && policy.contains("base-uri 'none'"), what);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), what);
            assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(""), what);
            assertTrue(answer.headers().firstValue("Permissions-Policy").orElse("").contains("camera=()"), what);
            assertEquals("same-origin", answer.headers().firstValue("Cross-Origin-Opener-Policy").orElse(""), what);
            assertFalse(answer.headers().firstValue("Strict-Transport-Security").isPresent(), what + ": not over TLS");
        }
        for (HttpResponse<String> live : List.of(ok, unauthorised, notFound, tooLarge, page)) {
            assertEquals("no-store", live.headers().firstValue("Cache-Control").orElse(""), live.uri().getPath());
        }
    }

    @Test
    void an_oversized_body_gets_413_with_a_clear_error_a_metric_and_changes_nothing() {
        hub = new WebFixture(dataDir, true);
        Map<String, Long> before = rowCounts();

        HttpResponse<String> response = hub.post("/api/v1/login",
                Map.of("username", "ct", "password", WebFixture.PASSWORD, "padding", "x".repeat(100_000)), null);

        assertEquals(413, response.statusCode());
        assertEquals("Het verzoek is te groot (meer dan 64 KiB)", hub.parse(response.body()).get("error").asText());
        assertEquals(before, rowCounts(), "no session, no login failure, no audit entry");
        assertTrue(hub.scrape().body().contains("opvang_http_refused_total{reason=\"too_large\"} 1.0"),
                "the refusal is counted");
    }

    @Test
    void a_chunked_oversized_body_is_cut_off_with_413_too() {
        hub = new WebFixture(dataDir, true);
        byte[] big = ("{\"username\":\"" + "x".repeat(100_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // An InputStream publisher of unknown length makes the client send the body chunked, without Content-Length.
        HttpRequest request = HttpRequest.newBuilder(hub.uri("/api/v1/login")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();

        HttpResponse<String> response = hub.send(request, null);

        assertEquals(413, response.statusCode());
        assertEquals("Het verzoek is te groot (meer dan 64 KiB)", hub.parse(response.body()).get("error").asText());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void one_address_past_its_limit_gets_429_with_retry_after_and_a_metric_and_changes_nothing() {
        hub = new WebFixture(dataDir, true, new HttpLimits(HttpLimits.MAX_REQUEST_BYTES, 6, 5, List.of()));
        // The fixture's own login took one token; four more requests use the burst up.
        for (int i = 0; i < 4; i++) {
            assertEquals(200, hub.get("/api/v1/availability").statusCode());
        }
        Map<String, Long> before = rowCounts();

        HttpResponse<String> refused = hub.post("/api/v1/login",
                Map.of("username", "ct", "password", WebFixture.PASSWORD, "totp", ""), null);
        HttpResponse<String> health = hub.get("/health");

        assertEquals(429, refused.statusCode());
        assertEquals("10", refused.headers().firstValue("Retry-After").orElse(""), "one token per 10 s at 6 a minute");
        assertTrue(hub.parse(refused.body()).get("error").asText().startsWith("Te veel verzoeken"));
        assertEquals("nosniff", refused.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(before, rowCounts(), "the refused login stored nothing");
        assertEquals(200, health.statusCode(), "monitoring is not limited");
        assertTrue(hub.scrape().body().contains("opvang_http_refused_total{reason=\"rate_limited\"} 1.0"));

        hub.clock.advance(Duration.ofSeconds(10));
        assertEquals(200, hub.get("/api/v1/availability").statusCode(), "a token came back after Retry-After");
    }

    @Test
    void forwarded_for_counts_only_from_a_trusted_proxy() {
        hub = new WebFixture(dataDir, true, new HttpLimits(HttpLimits.MAX_REQUEST_BYTES, 6, 2, List.of("127.0.0.1")));
        // The fixture's login came from 127.0.0.1 itself, which as a trusted proxy without the header is its own client.
        assertEquals(200, forwardedGet("203.0.113.7", null).statusCode());
        assertEquals(200, forwardedGet("203.0.113.7", null).statusCode());
        assertEquals(429, forwardedGet("203.0.113.7", null).statusCode(), "the client behind the proxy is limited");
        assertEquals(200, forwardedGet("198.51.100.1, 203.0.113.8", null).statusCode(),
                "the right-most address the proxy added is the client, not what the client claimed");

        HttpResponse<String> overTls = forwardedGet("203.0.113.9", "https");
        assertEquals("max-age=31536000", overTls.headers().firstValue("Strict-Transport-Security").orElse(""));
    }

    @Test
    void forwarded_for_from_an_untrusted_peer_is_ignored() {
        hub = new WebFixture(dataDir, true, new HttpLimits(HttpLimits.MAX_REQUEST_BYTES, 6, 2, List.of()));
        assertEquals(200, forwardedGet("203.0.113.1", "https").statusCode());
        HttpResponse<String> spoofed = forwardedGet("203.0.113.2", "https");

        assertEquals(429, spoofed.statusCode(), "a new X-Forwarded-For does not buy a fresh bucket");
        assertFalse(spoofed.headers().firstValue("Strict-Transport-Security").isPresent(), "nor does it claim TLS");
    }

    private HttpResponse<String> forwardedGet(String forwardedFor, String proto) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/api/v1/availability")).timeout(Duration.ofSeconds(10))
                .header("X-Forwarded-For", forwardedFor);
        if (proto != null) {
            request.header("X-Forwarded-Proto", proto);
        }
        return hub.send(request.GET().build(), hub.ctToken);
    }

    private Map<String, Long> rowCounts() {
        return hub.database.read(connection -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
            return counts;
        });
    }
}
