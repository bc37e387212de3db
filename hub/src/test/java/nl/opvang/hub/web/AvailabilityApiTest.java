package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvailabilityApiTest {
    @TempDir
    Path dataDir;
    WebFixture hub;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static JsonNode location(JsonNode answer, String code) {
        for (JsonNode each : answer.get("locations")) {
            if (each.get("code").asText().equals(code)) {
                return each;
            }
        }
        throw new AssertionError("no location " + code + " in " + answer);
    }

    private static JsonNode kind(JsonNode location, String kind) {
        for (JsonNode each : location.get("kinds")) {
            if (each.get("kind").asText().equals(kind)) {
                return each;
            }
        }
        throw new AssertionError("no kind " + kind + " in " + location);
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.get("locations").forEach(each -> codes.add(each.get("code").asText()));
        return codes;
    }

    @Test
    void every_location_is_listed_offline_until_its_node_is_heard() {
        HttpResponse<String> response = hub.get("/api/v1/availability");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode answer = hub.parse(response.body());
        assertEquals(10, answer.get("locations").size());
        assertTrue(answer.get("version").asLong() >= 1);
        Instant.parse(answer.get("generatedAt").asText());
        JsonNode smallepad = location(answer, "smallepad");
        assertEquals("Smallepad", smallepad.get("name").asText());
        assertEquals("Amersfoort", smallepad.get("municipality").asText());
        assertEquals("amersfoort", smallepad.get("region").asText());
        assertEquals("offline", smallepad.get("freshness").asText());
        assertTrue(smallepad.get("lastConfirmedAt").isNull());
        JsonNode regular = kind(smallepad, "regular");
        assertEquals(43, regular.get("capacity").asInt());
        assertEquals(0, regular.get("free").asInt());
        assertEquals(43, regular.get("lastKnownFree").asInt());
        assertEquals(0, answer.get("totals").get("regular").asInt());
    }

    @Test
    void a_live_node_shows_its_free_places_with_the_time_it_was_confirmed() {
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.bed("smallepad-1", "S02", PlaceStatus.HELD);
        hub.bed("smallepad-1", "S03", PlaceStatus.CLEANING);
        hub.bed("smallepad-1", "S04", PlaceStatus.OUT_OF_SERVICE);

        JsonNode answer = hub.getJson("/api/v1/availability");

        JsonNode smallepad = location(answer, "smallepad");
        assertEquals("live", smallepad.get("freshness").asText());
        assertEquals(Instant.ofEpochMilli(hub.clock.millis()), Instant.parse(smallepad.get("lastConfirmedAt").asText()));
        JsonNode regular = kind(smallepad, "regular");
        assertEquals(43, regular.get("capacity").asInt());
        assertEquals(1, regular.get("occupied").asInt());
        assertEquals(1, regular.get("held").asInt());
        assertEquals(1, regular.get("cleaning").asInt());
        assertEquals(1, regular.get("outOfService").asInt());
        assertEquals(39, regular.get("free").asInt());
        assertEquals(39, regular.get("lastKnownFree").asInt());
        assertEquals(39, answer.get("totals").get("regular").asInt());
        assertEquals("smallepad", codes(answer).get(0), "most free places first");
    }

    @Test
    void a_stale_node_shows_no_free_places_but_keeps_the_last_figure() {
        hub.bed("kleinehaag-1", "K01", PlaceStatus.OCCUPIED);
        hub.clock.advance(Duration.ofSeconds(60));
        hub.projection.refreshFreshness();

        JsonNode answer = hub.getJson("/api/v1/availability");

        JsonNode kleineHaag = location(answer, "kleinehaag");
        assertEquals("stale", kleineHaag.get("freshness").asText());
        assertEquals(0, kind(kleineHaag, "regular").get("free").asInt());
        assertEquals(20, kind(kleineHaag, "regular").get("lastKnownFree").asInt());
        assertEquals(0, answer.get("totals").get("regular").asInt());
        assertFalse(kleineHaag.get("lastConfirmedAt").isNull());
    }

    @Test
    void an_offline_node_shows_no_free_places_but_keeps_the_last_figure() {
        hub.heard("ijselberch-1");
        hub.lastWill("ijselberch-1");

        JsonNode ijselberch = location(hub.getJson("/api/v1/availability"), "ijselberch");

        assertEquals("offline", ijselberch.get("freshness").asText());
        assertEquals(0, kind(ijselberch, "regular").get("free").asInt());
        assertEquals(32, kind(ijselberch, "regular").get("lastKnownFree").asInt());
    }

    @Test
    void filters_by_region_municipality_and_kind() {
        assertEquals(10, hub.getJson("/api/v1/availability?region=amersfoort").get("locations").size());
        assertEquals(0, hub.getJson("/api/v1/availability?region=utrecht").get("locations").size());
        assertEquals(10, hub.getJson("/api/v1/availability?municipality=amersfoort").get("locations").size());
        assertEquals(0, hub.getJson("/api/v1/availability?municipality=Baarn").get("locations").size());
        assertEquals(10, hub.getJson("/api/v1/availability?region=&municipality=&kind=").get("locations").size(),
                "an empty filter means all");

        JsonNode crisis = hub.getJson("/api/v1/availability?kind=crisis");

        assertEquals(List.of("kw-jm", "kw-vo", "test", "vangalen", "veluwemeer"), codes(crisis).stream().sorted().toList());
        crisis.get("locations").forEach(each -> {
            assertEquals(1, each.get("kinds").size());
            assertEquals("crisis", each.get("kinds").get(0).get("kind").asText());
        });
        assertEquals(List.of("crisis"), List.copyOf(iterable(crisis.get("totals").fieldNames())));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    @Test
    void an_unknown_kind_or_a_malformed_filter_is_a_bad_request_with_a_json_error() {
        for (String query : List.of("kind=bed", "kind=CRISIS", "municipality=%3Cscript%3E", "region=" + "a".repeat(65))) {
            HttpResponse<String> response = hub.get("/api/v1/availability?" + query);

            assertEquals(400, response.statusCode(), query);
            JsonNode error = hub.parse(response.body());
            assertEquals(1, error.size(), query);
            assertFalse(error.get("error").asText().isBlank(), query);
            assertFalse(response.body().contains("<script>"), "the bad value is not echoed");
        }
    }

    @Test
    void unknown_paths_and_locations_answer_404_in_json() {
        HttpResponse<String> path = hub.get("/api/v1/nothing-here");
        HttpResponse<String> location = hub.get("/api/v1/locations/nowhere");

        assertEquals(404, path.statusCode());
        assertTrue(hub.parse(path.body()).get("error").isTextual());
        assertEquals(404, location.statusCode());
        assertEquals("Onbekende locatie", hub.parse(location.body()).get("error").asText());
    }

    @Test
    void locations_show_the_registry_and_a_secret_location_without_any_address() {
        JsonNode all = hub.getJson("/api/v1/locations");
        JsonNode vo = hub.getJson("/api/v1/locations/kw-vo");

        assertEquals(10, all.size());
        assertEquals("Vrouwenopvang", vo.get("name").asText());
        assertEquals("Kwintes", vo.get("provider").asText());
        assertTrue(vo.get("secret").asBoolean());
        assertEquals("088 000 0200 (24/7)", vo.get("phone").asText());
        assertEquals("[\"kw-vo-1\"]", vo.get("nodes").toString());
        assertEquals("[{\"kind\":\"regular\",\"capacity\":15,\"countOnly\":false},"
                + "{\"kind\":\"crisis\",\"capacity\":2,\"countOnly\":false},"
                + "{\"kind\":\"nood\",\"capacity\":2,\"countOnly\":true}]", vo.get("kinds").toString());
        assertEquals("offline", vo.get("availability").get("freshness").asText());
        List<String> fields = iterable(vo.fieldNames());
        assertFalse(fields.stream().anyMatch(field -> field.toLowerCase(java.util.Locale.ROOT).contains("address")));
    }
}
