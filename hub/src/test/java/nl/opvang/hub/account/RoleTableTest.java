package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ingest.RefusalRoutes;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.WebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §5 as a table: every path and method of {@code /openapi.json} is called with no credentials and as
 * every role, and each status is compared with the table below, written from the role table of docs/DESIGN.md §5. A
 * path added to the document without a row here fails the test, so that nobody adds a route without deciding who may
 * call it.
 */
class RoleTableTest {
    /** Columns: no credentials, CT, Veilig Thuis, VO desk, night staff, admin, privacy officer, gemeente. */
    private static final List<String> CALLERS = List.of("none", "ct", "veiligthuis", "vo-desk", "nacht-smallepad", "admin",
            "privacy", "gemeente");
    private static final Map<String, List<Integer>> EXPECTED = new LinkedHashMap<>();

    static {
        expect("GET /health", 200, 200, 200, 200, 200, 200, 200, 200);
        expect("GET /openapi.json", 200, 200, 200, 200, 200, 200, 200, 200);
        expect("GET /login", 200, 200, 200, 200, 200, 200, 200, 200);
        // Called with a wrong password: public, so every caller gets the same refusal.
        expect("POST /login", 401, 401, 401, 401, 401, 401, 401, 401);
        expect("POST /api/v1/login", 401, 401, 401, 401, 401, 401, 401, 401);
        expect("POST /api/v1/logout", 401, 204, 204, 204, 204, 204, 204, 204);
        expect("GET /api/v1/session", 401, 200, 200, 200, 200, 200, 200, 200);
        // Placers see availability (each as §5 says); admins configure and have no need for occupancy.
        expect("GET /api/v1/availability", 401, 200, 200, 200, 200, 403, 403, 403);
        expect("GET /api/v1/availability/stream", 401, 200, 200, 200, 200, 403, 403, 403);
        // "/" is the CT's start page; every other role is sent to its own (issue 15), Veilig Thuis also from "/ct".
        expect("GET /", 303, 200, 303, 303, 303, 303, 303, 303);
        expect("GET /ct", 303, 200, 303, 200, 200, 403, 403, 403);
        // The registry: Veilig Thuis sees counts per region only, never a list of locations; the privacy officer needs none.
        expect("GET /api/v1/locations", 401, 200, 403, 200, 200, 200, 403, 403);
        expect("GET /api/v1/locations/{code}", 401, 200, 403, 200, 200, 200, 403, 403);
        // Users and nodes: admin only. The gemeente sees the monitoring figures only (its own test walks those).
        expect("GET /admin", 303, 403, 403, 403, 403, 200, 403, 403);
        expect("GET /api/v1/admin/users", 401, 403, 403, 403, 403, 200, 403, 403);
        expect("POST /api/v1/admin/users", 401, 403, 403, 403, 403, 201, 403, 403);
        expect("POST /api/v1/admin/users/{username}/disable", 401, 403, 403, 403, 403, 200, 403, 403);
        expect("POST /api/v1/admin/users/{username}/totp", 401, 403, 403, 403, 403, 200, 403, 403);
        expect("POST /api/v1/admin/users/{username}/password", 401, 403, 403, 403, 403, 200, 403, 403);
        expect("GET /api/v1/admin/logins", 401, 403, 403, 403, 403, 200, 403, 403);
        expect("GET /api/v1/admin/nodes", 401, 403, 403, 403, 403, 200, 403, 403);
        expect("GET /api/v1/admin/refused", 401, 403, 403, 403, 403, 200, 403, 403);
    }

    private static void expect(String operation, Integer... statuses) {
        EXPECTED.put(operation, List.of(statuses));
    }

    @TempDir
    Path dataDir;
    WebFixture hub;
    final AtomicInteger unique = new AtomicInteger();

    @BeforeEach
    void start() {
        // No rate limit: the table calls every operation as every role, more than a burst from one address.
        hub = new WebFixture(dataDir, true, HttpLimits.of(0, List.of()),
                database -> List.of(new RefusalRoutes(new RefusedEvents(database))));
        hub.account("veiligthuis", Role.VEILIG_THUIS, null);
        hub.account("vo-desk", Role.VO_DESK, "Kwintes");
        hub.account("nacht-smallepad", Role.NIGHT_STAFF, "smallepad");
        hub.account("admin", Role.ADMIN, null);
        hub.account("privacy", Role.PRIVACY, null);
        hub.account("gemeente", Role.GEMEENTE, null);
        hub.account("doelwit", Role.CT, null);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void every_path_answers_every_role_as_the_role_table_of_design_5_says() {
        JsonNode document = hub.parse(hub.get("/openapi.json", null).body());
        Map<String, List<Integer>> actual = new TreeMap<>();
        // Paths marked x-tested-by (the holds) are walked per role by their feature's own test, on a server with that feature.
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (path.getValue().has("x-tested-by") || method.startsWith("x-")) {
                return;
            }
            String operation = method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
            List<Integer> statuses = new ArrayList<>();
            for (String caller : CALLERS) {
                statuses.add(call(method, path.getKey(), caller));
            }
            actual.put(operation, statuses);
        }));

        assertEquals(new TreeSet<>(EXPECTED.keySet()), actual.keySet(), "every documented operation has a row");
        assertEquals(new TreeMap<>(EXPECTED), actual, "columns: " + CALLERS);
    }

    private int call(String method, String path, String caller) {
        String concrete = path.replace("{code}", "smallepad").replace("{username}", "doelwit");
        // Logging out ends the session it is called with: use one of its own.
        String token = caller.equals("none") ? null : path.equals("/api/v1/logout") ? hub.login(caller) : tokenOf(caller);
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(concrete)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (path.endsWith("/stream")) {
            request.header("Accept", "text/event-stream");
        }
        if (method.equals("get")) {
            request.GET();
        } else if (path.equals("/login")) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=nobody-" + unique.incrementAndGet() + "&password=x"));
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(path)));
        }
        try {
            HttpResponse<InputStream> response = hub.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            // A stream never ends by itself: the status is all this test needs.
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private final Map<String, String> tokens = new LinkedHashMap<>();

    private String tokenOf(String caller) {
        return tokens.computeIfAbsent(caller, hub::login);
    }

    private String body(String path) {
        int n = unique.incrementAndGet();
        if (path.equals("/api/v1/login")) {
            return "{\"username\":\"nobody-" + n + "\",\"password\":\"x\"}";
        }
        if (path.equals("/api/v1/admin/users")) {
            return "{\"username\":\"nieuw-" + n + "\",\"displayName\":\"Nieuw\",\"role\":\"ct\"}";
        }
        return "{}";
    }
}
