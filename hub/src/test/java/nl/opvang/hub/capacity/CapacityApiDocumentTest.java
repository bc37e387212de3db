package nl.opvang.hub.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.opvang.hub.testkit.OpenApiDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity paths of the hand-written OpenAPI document against the running server: every method and status. */
class CapacityApiDocumentTest {
    @TempDir
    Path dataDir;
    CapacityFixture hub;
    OpenApiDocument document;

    @BeforeEach
    void start() {
        // The test location opens in the new year, so that it can be opened earlier (POST …/open).
        hub = new CapacityFixture(dataDir, CapacityFixture.testLocationOpening("2027-01-15"));
        document = new OpenApiDocument(hub.parse(hub.get("/openapi.json", null)));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private String plan(String site, int capacity, Duration from, Duration until) {
        return "{\"site\":\"" + site + "\",\"kind\":\"regular\",\"capacity\":" + capacity + ",\"from\":\""
                + hub.clock.instant().plus(from) + "\",\"until\":" + (until == null ? "null"
                : "\"" + hub.clock.instant().plus(until) + "\"") + ",\"reason\":\"Verbouwing\"}";
    }

    private long planned(String site, Duration from) {
        return hub.parse(hub.post("/api/v1/capacity-changes", "ct", plan(site, 10, from, null))).get("id").asLong();
    }

    @Test
    void every_documented_capacity_path_method_and_status_answers_as_documented() {
        long running = hub.parse(hub.post("/api/v1/capacity-changes", "ct",
                plan("ijselberch", 30, Duration.ZERO, Duration.ofDays(2)))).get("id").asLong();
        hub.post("/api/v1/locations/vangalen/retire", "ct", "{\"reason\":\"Contract loopt af\"}");
        Map<String, Supplier<HttpResponse<String>>> requests = Map.ofEntries(
                Map.entry("get /api/v1/capacity-changes 200", () -> hub.get("/api/v1/capacity-changes", "ct")),
                Map.entry("get /api/v1/capacity-changes 401", () -> hub.get("/api/v1/capacity-changes", null)),
                Map.entry("get /api/v1/capacity-changes 403", () -> hub.get("/api/v1/capacity-changes", "veiligthuis")),
                Map.entry("post /api/v1/capacity-changes 201", () -> hub.post("/api/v1/capacity-changes", "admin",
                        plan("smallepad", 20, Duration.ofHours(1), Duration.ofDays(30)))),
                Map.entry("post /api/v1/capacity-changes 400", () -> hub.post("/api/v1/capacity-changes", "ct",
                        plan("smallepad", 20, Duration.ofDays(-1), null))),
                Map.entry("post /api/v1/capacity-changes 401", () -> hub.post("/api/v1/capacity-changes", null, "{}")),
                Map.entry("post /api/v1/capacity-changes 403", () -> hub.post("/api/v1/capacity-changes", "nacht-test", "{}")),
                Map.entry("post /api/v1/capacity-changes 409", () -> hub.post("/api/v1/capacity-changes", "ct",
                        plan("ijselberch", 20, Duration.ofDays(1), null))),
                Map.entry("delete /api/v1/capacity-changes/{id} 200", () -> hub.delete("/api/v1/capacity-changes/"
                        + planned("kleinehaag", Duration.ofDays(3)), "ct")),
                Map.entry("delete /api/v1/capacity-changes/{id} 401", () -> hub.delete("/api/v1/capacity-changes/" + running,
                        null)),
                Map.entry("delete /api/v1/capacity-changes/{id} 403", () -> hub.delete("/api/v1/capacity-changes/" + running,
                        "vo-desk")),
                Map.entry("delete /api/v1/capacity-changes/{id} 404", () -> hub.delete("/api/v1/capacity-changes/404", "ct")),
                Map.entry("delete /api/v1/capacity-changes/{id} 409", () -> {
                    long id = planned("amergaard", Duration.ofDays(3));
                    hub.delete("/api/v1/capacity-changes/" + id, "ct");
                    return hub.delete("/api/v1/capacity-changes/" + id, "ct");
                }),
                Map.entry("post /api/v1/locations/{code}/open 200", () -> hub.post("/api/v1/locations/test/open", "admin",
                        "{\"at\":\"2026-12-20\",\"reason\":\"Vorst\"}")),
                Map.entry("post /api/v1/locations/{code}/open 400", () -> hub.post("/api/v1/locations/test/open", "ct",
                        "{\"at\":\"2020-01-01\",\"reason\":\"Te laat\"}")),
                Map.entry("post /api/v1/locations/{code}/open 401", () -> hub.post("/api/v1/locations/test/open", null, "{}")),
                Map.entry("post /api/v1/locations/{code}/open 403", () -> hub.post("/api/v1/locations/test/open",
                        "veiligthuis", "{}")),
                Map.entry("post /api/v1/locations/{code}/open 404", () -> hub.post("/api/v1/locations/nowhere/open", "ct",
                        "{\"reason\":\"x\"}")),
                Map.entry("post /api/v1/locations/{code}/open 409", () -> hub.post("/api/v1/locations/smallepad/open", "ct",
                        "{\"reason\":\"Al open\"}")),
                Map.entry("post /api/v1/locations/{code}/retire 200", () -> hub.post("/api/v1/locations/test/retire", "admin",
                        "{\"at\":\"2027-06-01\",\"reason\":\"Sluit per juni\"}")),
                Map.entry("post /api/v1/locations/{code}/retire 400", () -> hub.post("/api/v1/locations/test/retire", "ct",
                        "{\"at\":\"2020-01-01\",\"reason\":\"Te laat\"}")),
                Map.entry("post /api/v1/locations/{code}/retire 401", () -> hub.post("/api/v1/locations/test/retire", null, "{}")),
                Map.entry("post /api/v1/locations/{code}/retire 403", () -> hub.post("/api/v1/locations/test/retire",
                        "veiligthuis", "{}")),
                Map.entry("post /api/v1/locations/{code}/retire 404", () -> hub.post("/api/v1/locations/nowhere/retire", "ct",
                        "{\"reason\":\"x\"}")),
                Map.entry("post /api/v1/locations/{code}/retire 409", () -> hub.post("/api/v1/locations/vangalen/retire", "ct",
                        "{\"reason\":\"Nog eens\"}")),
                Map.entry("get /api/v1/region 200", () -> hub.get("/api/v1/region", "veiligthuis")),
                Map.entry("get /api/v1/region 401", () -> hub.get("/api/v1/region", null)));
        TreeSet<String> called = new TreeSet<>();
        TreeSet<String> documented = new TreeSet<>();

        for (OpenApiDocument.Case each : document.cases(CapacityApiDocumentTest.class, List.of("get", "post", "delete"))) {
            String key = each.key();
            documented.add(key);
            document.check(key, requests.get(key), each.response());
            called.add(key);
        }

        assertEquals(new TreeSet<>(requests.keySet()), documented, "every case is documented");
        assertEquals(documented, called);
    }
}
