package nl.opvang.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.http.Role;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whom a place is for in the availability answer and stream, and the {@code group=} and {@code domain=} filters. */
class TargetGroupApiTest {
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
        return codes.stream().sorted().toList();
    }

    private static List<String> kinds(JsonNode location) {
        List<String> kinds = new ArrayList<>();
        location.get("kinds").forEach(each -> kinds.add(each.get("kind").asText()));
        return kinds;
    }

    @Test
    void every_entry_says_its_domain_and_groups_and_a_kind_its_own_groups_where_the_region_file_gives_them() {
        JsonNode answer = hub.getJson("/api/v1/availability");

        answer.get("locations").forEach(each -> {
            assertTrue(each.get("domain").isTextual(), each.toString());
            assertFalse(each.get("groups").isEmpty(), each.toString());
        });
        JsonNode vo = location(answer, "kw-vo");
        assertEquals("vo", vo.get("domain").asText());
        assertEquals("[\"women\",\"families\"]", vo.get("groups").toString());
        assertEquals("[\"women\",\"families\",\"trafficking\"]", kind(vo, "regular").get("groups").toString());
        assertTrue(kind(vo, "crisis").get("groups").isNull(), "a kind without its own groups takes the location's");
        assertEquals("[\"young_mothers\"]", location(answer, "kw-jm").get("groups").toString());
        assertEquals("[\"families\"]", location(answer, "veluwemeer").get("groups").toString());
        assertEquals("[\"men\",\"women\",\"addiction\"]", location(answer, "kleinehaag").get("groups").toString());
        assertEquals("bw", location(answer, "ijselberch").get("domain").asText());
    }

    @Test
    void group_and_domain_filter_locations_and_show_only_the_kinds_for_the_group() {
        assertEquals(List.of("amergaard", "ijselberch", "kleinehaag", "kw-vo", "noodbedden", "smallepad", "test",
                "vangalen"), codes(hub.getJson("/api/v1/availability?group=women")));
        assertEquals(List.of("kw-vo", "veluwemeer"), codes(hub.getJson("/api/v1/availability?group=families")));
        assertEquals(List.of("kw-jm", "kw-vo"), codes(hub.getJson("/api/v1/availability?domain=vo")));
        assertEquals(List.of("kw-jm"), codes(hub.getJson("/api/v1/availability?domain=vo&group=young_mothers")));
        assertEquals(List.of(), codes(hub.getJson("/api/v1/availability?group=pets")));
        assertEquals(10, hub.getJson("/api/v1/availability?group=&domain=").get("locations").size(),
                "an empty filter means all");

        JsonNode trafficking = hub.getJson("/api/v1/availability?group=trafficking");

        assertEquals(List.of("kw-vo"), codes(trafficking));
        assertEquals(List.of("regular"), kinds(location(trafficking, "kw-vo")), "only the kind whose places are for them");
        JsonNode crisisForWomen = hub.getJson("/api/v1/availability?group=women&kind=crisis");
        assertEquals(List.of("kw-vo", "test", "vangalen"), codes(crisisForWomen));
    }

    @Test
    void a_group_or_domain_that_does_not_exist_is_a_dutch_bad_request() {
        for (String query : List.of("group=vrouwen", "group=WOMEN", "group=%3Cscript%3E", "domain=xx", "domain=MO")) {
            HttpResponse<String> response = hub.get("/api/v1/availability?" + query);

            assertEquals(400, response.statusCode(), query);
            JsonNode error = hub.parse(response.body());
            assertEquals(1, error.size(), query);
            String text = error.get("error").asText();
            assertTrue(text.startsWith("Onbekende doelgroep") || text.startsWith("Onbekend domein"), text);
            assertFalse(response.body().contains("<script>"), "the bad value is not echoed");
        }
        assertTrue(hub.parse(hub.get("/api/v1/availability?group=x").body()).get("error").asText()
                .contains("young_mothers"), "the message names the groups that exist");
    }

    @Test
    void a_counts_only_role_sees_whom_a_secret_location_is_for_but_not_its_name() {
        hub.account("nacht", Role.NIGHT_STAFF, "smallepad");
        String night = hub.login("nacht");

        JsonNode answer = hub.parse(hub.get("/api/v1/availability?group=young_mothers", night).body());

        JsonNode jm = location(answer, "kw-jm");
        assertEquals("Geheime locatie", jm.get("name").asText());
        assertEquals("vo", jm.get("domain").asText());
        assertEquals("[\"young_mothers\"]", jm.get("groups").toString());
        assertTrue(kind(jm, "regular").get("occupied").isNull(), "counts only");
        assertFalse(answer.toString().contains("Jonge moeders"));
    }

    @Test
    void veilig_thuis_summed_crisis_entry_claims_no_groups() {
        hub.account("vt", Role.VEILIG_THUIS, null);
        JsonNode answer = hub.parse(hub.get("/api/v1/availability", hub.login("vt")).body());

        assertEquals(1, answer.get("locations").size());
        JsonNode crisis = answer.get("locations").get(0);
        assertTrue(crisis.get("domain").isNull());
        assertEquals("[]", crisis.get("groups").toString());
    }

    @Test
    void the_stream_with_a_group_filter_carries_the_groups_and_only_locations_for_the_group() {
        try (SseReader stream = new SseReader(hub.http, hub.uri("/api/v1/availability/stream?group=families"), null,
                hub.ctToken)) {
            JsonNode snapshot = hub.parse(stream.next(Duration.ofSeconds(5)).data());
            assertEquals(List.of("kw-vo", "veluwemeer"), codes(snapshot));

            hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
            hub.bed("veluwemeer-1", "F01", PlaceStatus.OCCUPIED);
            JsonNode changed = hub.parse(stream.next(Duration.ofSeconds(1)).data());

            assertEquals("veluwemeer", changed.get("code").asText(), "smallepad takes no families: not sent");
            assertEquals("mo", changed.get("domain").asText());
            assertEquals("[\"families\"]", changed.get("groups").toString());
            assertEquals(10, kind(changed, "family").get("free").asInt());
        }
    }
}
