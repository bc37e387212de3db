package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.ingest.RefusalRoutes;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.testkit.OpenApiDocument;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written OpenAPI document (docs/DESIGN.md §6) against the running server: every documented path and every
 * documented response status is called, and each JSON answer is validated against the schema the document gives for it.
 * GET operations only: the POST operations (login, logout, admin changes) are called by the account tests and the role
 * table test.
 */
class OpenApiDocumentTest {
    @TempDir
    Path dataDir;
    WebFixture hub;
    OpenApiDocument document;
    final TreeSet<String> called = new TreeSet<>();
    String adminToken;
    String veiligThuisToken;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true, HttpLimits.defaults(),
                database -> List.of(new RefusalRoutes(new RefusedEvents(database))));
        // Some live, one stale and some offline locations, so that every shape of entry is in the answers.
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.bed("vangalen-1", "GC1", PlaceStatus.HELD);
        hub.heard("kw-vo-1");
        hub.clock.advance(Duration.ofSeconds(60));
        hub.heard("kleinehaag-1");
        hub.projection.refreshFreshness();
        // A refused event of each kind, so that the admin's list has entries to check against the document.
        hub.database.transaction(connection -> {
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("""
                        INSERT INTO conflict (node, session, seq, stored_id, other_id, received_ms, type, node_ms, body)
                        VALUES ('test-1', 'b2e4c6d8', 2, 'a', 'b', 0, 'check_in', 1795384800000, '{"bed":"T4"}')""");
                statement.executeUpdate("""
                        INSERT INTO event (node, session, seq, id, type, node_ms, received_ms, body, rejected)
                        VALUES ('test-1', 'b2e4c6d8', 3, 'c', 'invalid', 1795384800000, 1, '{}', 'bad')""");
            }
            return null;
        });
        hub.account("admin", Role.ADMIN, null);
        hub.account("veiligthuis", Role.VEILIG_THUIS, null);
        adminToken = hub.login("admin");
        veiligThuisToken = hub.login("veiligthuis");
        HttpResponse<String> response = hub.get("/openapi.json");
        assertEquals(200, response.statusCode());
        document = new OpenApiDocument(hub.parse(response.body()));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void every_documented_path_and_status_answers_as_documented() {
        List<String> documented = new ArrayList<>();
        // Paths marked x-tested-by are checked against this document by the feature's own test (e.g. holds).
        document.json().get("paths").fields().forEachRemaining(path -> {
            if (path.getValue().has("get") && !path.getValue().has("x-tested-by")) {
                path.getValue().get("get").get("responses").fieldNames()
                        .forEachRemaining(status -> documented.add(path.getKey() + " " + status));
            }
        });

        for (Iterator<Map.Entry<String, JsonNode>> paths = document.json().get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getValue().has("get") || path.getValue().has("x-tested-by")) {
                continue;
            }
            JsonNode responses = path.getValue().get("get").get("responses");
            for (Iterator<String> statuses = responses.fieldNames(); statuses.hasNext(); ) {
                String status = statuses.next();
                JsonNode response = document.response(responses.get(status));
                check(path.getKey(), Integer.parseInt(status), response);
            }
        }

        assertEquals(new TreeSet<>(documented), called);
    }

    private void check(String path, int status, JsonNode documented) {
        if (path.equals("/api/v1/availability/stream") && status == 200) {
            checkStream(documented.get("content").get("text/event-stream").get("x-events"));
            called.add(path + " " + status);
            return;
        }
        for (String uri : requestsFor(path, status)) {
            HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(uri)).GET();
            if (path.equals("/api/v1/availability/stream") && status != 406) {
                request.header("Accept", "text/event-stream");
            }
            if (path.equals("/health") && status == 503) {
                hub.health.broker = false;
            }
            HttpResponse<String> response = hub.send(request.build(), tokenFor(path, status));
            hub.health.broker = true;

            assertEquals(status, response.statusCode(), uri);
            String contentType = response.headers().firstValue("Content-Type").orElseThrow();
            String mediaType = contentType.split(";")[0].strip();
            JsonNode content = documented.get("content").get(mediaType);
            assertNotNull(content, uri + " answered " + mediaType + ", which the document does not name");
            if (mediaType.equals("application/json")) {
                document.validate(content.get("schema"), hub.parse(response.body()), uri);
            } else {
                assertTrue(!response.body().isEmpty(), uri);
            }
        }
        called.add(path + " " + status);
    }

    /** Who calls: nobody for 401 and the redirect to the login page, a role the path refuses for 403, else one it admits. */
    private String tokenFor(String path, int status) {
        boolean adminPath = path.startsWith("/admin") || path.startsWith("/api/v1/admin/");
        switch (status) {
            case 401:
            case 303:
                return null;
            case 403:
                if (adminPath) {
                    return hub.ctToken;
                }
                return path.startsWith("/api/v1/locations") ? veiligThuisToken : adminToken;
            default:
                return adminPath ? adminToken : hub.ctToken;
        }
    }

    /** The requests that should produce {@code status} on {@code path}: examples for success, bad input for errors. */
    private List<String> requestsFor(String path, int status) {
        String concrete = path.replace("{code}", status == 404 ? "nowhere" : "kw-vo");
        switch (status) {
            case 200:
                if (path.equals("/api/v1/availability")) {
                    return List.of(concrete, concrete + "?region=amersfoort&municipality=Amersfoort&kind=crisis",
                            concrete + "?group=trafficking&domain=vo");
                }
                if (path.equals("/api/v1/locations/{code}")) {
                    return List.of(concrete, path.replace("{code}", "smallepad"));
                }
                return List.of(concrete);
            case 400:
                return List.of(concrete + "?kind=bed", concrete + "?municipality=%3Cb%3E", concrete + "?group=dogs");
            default:
                return List.of(concrete);
        }
    }

    private void checkStream(JsonNode events) {
        try (SseReader stream = new SseReader(hub.http, hub.uri("/api/v1/availability/stream"), null, hub.ctToken)) {
            SseReader.Event snapshot = stream.next(Duration.ofSeconds(5));
            assertEquals("snapshot", snapshot.event());
            document.validate(events.get("snapshot"), hub.parse(snapshot.data()), "snapshot event");

            hub.bed("smallepad-1", "S02", PlaceStatus.OCCUPIED);
            SseReader.Event location = stream.next(Duration.ofSeconds(1));
            assertEquals("location", location.event());
            document.validate(events.get("location"), hub.parse(location.data()), "location event");
        }
    }
}
