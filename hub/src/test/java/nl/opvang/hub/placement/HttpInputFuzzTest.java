package nl.opvang.hub.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import nl.opvang.hub.web.HttpLimits;

/**
 * Fuzzing the hub's HTTP inputs on a real server (docs/DESIGN.md §9: bad input gets a clear error, never a crash):
 * availability filter query strings, hold request JSON bodies and paths, and login bodies (form and API) never give a
 * 5xx. Tries per property: {@code jqwik.tries.default} (junit-platform.properties; more with
 * {@code -Djqwik.tries.default=...}, docs/RELIABILITY.md).
 */
class HttpInputFuzzTest {
    private static Path dataDir;
    private static HoldHttpFixture hub;

    @BeforeContainer
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("opvang-fuzz");
        // No rate limit: the fuzzer is one client sending as fast as it can, on purpose.
        hub = new HoldHttpFixture(dataDir, new HttpLimits(HttpLimits.MAX_REQUEST_BYTES, 0, 0, List.of()));
        hub.store.testLocationLive();
    }

    @AfterContainer
    static void stop() throws IOException {
        hub.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Property
    void availability_filters_never_give_a_server_error(@ForAll("queries") String query) {
        answersWithout5xx(hub.get("/api/v1/availability?" + query, PlacementFixture.CT));
        answersWithout5xx(hub.get("/api/v1/availability?" + query, PlacementFixture.VEILIG_THUIS));
    }

    @Property
    void hold_requests_never_give_a_server_error(@ForAll("holdBodies") String body) {
        answersWithout5xx(hub.post("/api/v1/holds", PlacementFixture.VEILIG_THUIS, body));
        answersWithout5xx(hub.post("/api/v1/holds", PlacementFixture.CT, body));
    }

    @Property
    void hold_answers_and_paths_never_give_a_server_error(@ForAll("pathSegments") String id,
                                                          @ForAll("holdBodies") String body) {
        String path = "/api/v1/holds/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        answersWithout5xx(hub.get(path, PlacementFixture.CT));
        answersWithout5xx(hub.post(path + "/accept", PlacementFixture.NIGHT_TEST, body));
        answersWithout5xx(hub.post(path + "/refuse", PlacementFixture.NIGHT_TEST, body));
        answersWithout5xx(hub.delete(path, PlacementFixture.CT));
    }

    @Example
    void an_api_login_with_broken_json_or_an_unknown_field_is_a_clear_400() {
        for (String body : List.of("", "{", "nonsense", "{\"username\":\"ct\",\"password\":\"demo\",\"x\":1}")) {
            HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertEquals(400, response.statusCode(), body);
            assertTrue(response.body().contains("Stuur JSON"), response.body());
        }
    }

    @Property(tries = 40)
    void login_bodies_never_give_a_server_error(@ForAll("loginForms") String form, @ForAll("holdBodies") String json) {
        answersWithout5xx(hub.send(HttpRequest.newBuilder(hub.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()));
        answersWithout5xx(hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build()));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("region", "municipality", "kind", "Kind", "region[]", ""),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("amersfoort", "Amersfoort", "Soest", "regular", "crisis", "nood", "REGULAR", "", " ", "%",
                        "a".repeat(5_000), "\u0000", "ü", "'; DROP TABLE event; --"),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> pair = Combinators.combine(name, value, Arbitraries.of(true, false))
                .as((key, text, encoded) -> encoded ? encode(key) + "=" + encode(text)
                        : encode(key) + (text.isEmpty() ? "" : "=" + rawButLegal(text)));
        return pair.list().ofMaxSize(5).map(pairs -> String.join("&", pairs));
    }

    @Provide
    Arbitrary<String> holdBodies() {
        Arbitrary<String> field = Arbitraries.of("site", "kind", "region", "bed", "reason", "instructions", "x");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("\"test\"", "\"crisis\"", "\"regular\"", "\"nood\"", "\"amersfoort\"", "\"T5\"", "null", "0",
                        "-1", "1e999", "true", "[]", "{}", "\"\"", "\"" + "x".repeat(3_000) + "\"", "[\"crisis\"]",
                        "99999999999999999999999"),
                Arbitraries.strings().ofMaxLength(30).map(HttpInputFuzzTest::jsonString));
        Arbitrary<String> object = Combinators.combine(field, value).as((key, text) -> "\"" + key + "\":" + text)
                .list().ofMaxSize(5).map(pairs -> "{" + String.join(",", pairs) + "}");
        return Arbitraries.oneOf(object, object.map(text -> text.substring(0, text.length() / 2)),
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("", "null", "[]", "\"text\"", "{\"kind\":\"crisis\"}{}", "{\"kind\":\"crisis\",\"kind\":\"nood\"}"));
    }

    /**
     * Path segments without control characters: Jetty refuses a path with an encoded control character (such as
     * {@code %00}) as a bad URI before any route, and for a POST it then closes the connection with the body unread,
     * so the client may see a reset instead of the 400. That is the server library's, not the hub's, and no browser
     * sends such a path.
     */
    @Provide
    Arbitrary<String> pathSegments() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                        .filter(text -> text.chars().noneMatch(Character::isISOControl)),
                Arbitraries.of("00000000-0000-0000-0000-000000000000", "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", "null",
                        "..", "stream"));
    }

    @Provide
    Arbitrary<String> loginForms() {
        Arbitrary<String> name = Arbitraries.of("username", "password", "code", "csrf", "x", "");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("ct", "demo", "", "%", "%zz", "a".repeat(2_000)));
        Arbitrary<String> encoded = Combinators.combine(name, value).as((key, text) -> key + "=" + encode(text))
                .list().ofMaxSize(5).map(pairs -> String.join("&", pairs));
        return Arbitraries.oneOf(encoded, Arbitraries.strings().ofMaxLength(80),
                Arbitraries.of("username=%", "=&=&", "username=ct&username=vt&password=demo", "%%%"));
    }

    private static void answersWithout5xx(HttpResponse<String> response) {
        assertTrue(response.statusCode() < 500, response.request().method() + " " + response.uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Leaves the characters a query may carry raw, and escapes only what would make the URI itself invalid. */
    private static String rawButLegal(String text) {
        return text.codePoints().mapToObj(point -> {
            String character = new String(Character.toChars(point));
            boolean legal = point < 128 && (Character.isLetterOrDigit(point) || "-._~!$'()*+,;:@/?=".indexOf(point) >= 0);
            return legal ? character : encode(character);
        }).collect(Collectors.joining());
    }

    private static String jsonString(String text) {
        try {
            return hub.json.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
