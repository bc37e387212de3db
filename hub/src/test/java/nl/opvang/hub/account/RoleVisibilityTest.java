package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.web.SseReader;
import nl.opvang.hub.web.WebFixture;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each role sees of availability and of the registry (docs/DESIGN.md §5; the rules are in {@link Visibility}). */
class RoleVisibilityTest {
    @TempDir
    Path dataDir;
    WebFixture hub;

    @BeforeEach
    void start() {
        hub = new WebFixture(dataDir, true);
        hub.account("veiligthuis", Role.VEILIG_THUIS, null);
        hub.account("vo-desk", Role.VO_DESK, "Kwintes");
        hub.account("nacht-smallepad", Role.NIGHT_STAFF, "smallepad");
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.heard("kw-vo-1");
        hub.heard("vangalen-1");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static JsonNode entry(JsonNode answer, String code) {
        for (JsonNode each : answer.get("locations")) {
            if (each.get("code").asText().equals(code)) {
                return each;
            }
        }
        throw new AssertionError("no " + code + " in " + answer);
    }

    private static JsonNode kind(JsonNode location, String kind) {
        for (JsonNode each : location.get("kinds")) {
            if (each.get("kind").asText().equals(kind)) {
                return each;
            }
        }
        throw new AssertionError("no " + kind + " in " + location);
    }

    private static List<String> kinds(JsonNode location) {
        List<String> kinds = new ArrayList<>();
        location.get("kinds").forEach(each -> kinds.add(each.get("kind").asText()));
        return kinds;
    }

    private static void assertNoSecretNames(String body) {
        for (String secret : List.of("Vrouwenopvang", "Jonge moeders")) {
            assertFalse(body.contains(secret), secret + " in " + body);
        }
    }

    @Test
    void veilig_thuis_sees_only_the_vrouwenopvangs_places_as_counts_per_desk_with_its_number() {
        String body = hub.get("/api/v1/availability", hub.login("veiligthuis")).body();
        JsonNode answer = hub.parse(body);

        assertEquals(1, answer.get("locations").size(), "the seed's one VO provider: " + body);
        JsonNode region = answer.get("locations").get(0);
        assertEquals("crisis-amersfoort-kwintes", region.get("code").asText());
        assertEquals("Kwintes", region.get("name").asText(), "the desk, as /api/v1/crisis-places names it");
        assertEquals("Regio Amersfoort", region.get("municipality").asText());
        assertEquals("088 000 0200 (24/7)", region.get("phone").asText());
        assertEquals(List.of("crisis", "nood"), kinds(region));
        assertEquals(0, kind(region, "nood").get("free").asInt(), "the VO's noodbedden are closed");
        JsonNode crisis = kind(region, "crisis");
        assertEquals(3, crisis.get("capacity").asInt(), "2 VO + 1 jonge moeders; never an MO site (issue 14)");
        assertEquals(2, crisis.get("free").asInt(), "only the live nodes' places: VO 2");
        assertTrue(crisis.get("occupied").isNull());
        assertEquals("stale", region.get("freshness").asText(), "some places live, some not");
        assertEquals(2, answer.get("totals").get("crisis").asInt());
        assertNoSecretNames(body);
        for (String code : List.of("kw-vo", "kw-jm", "smallepad", "vangalen")) {
            assertFalse(body.contains("\"" + code + "\""), code);
        }
    }

    @Test
    void veilig_thuis_hears_of_a_change_as_its_desks_entry() {
        try (SseReader stream = new SseReader(hub.http, hub.uri("/api/v1/availability/stream"), null,
                hub.login("veiligthuis"))) {
            assertEquals(1, hub.parse(stream.next(Duration.ofSeconds(5)).data()).get("locations").size());

            // An MO site's crisis place is not Veilig Thuis's (issue 14): no event; the VO's next change is the first.
            hub.bed("vangalen-1", "GC1", PlaceStatus.OCCUPIED);
            hub.bed("kw-vo-1", "C1", PlaceStatus.OCCUPIED);
            SseReader.Event change = stream.next(Duration.ofSeconds(2));

            JsonNode region = hub.parse(change.data());
            assertEquals("crisis-amersfoort-kwintes", region.get("code").asText());
            assertEquals(1, kind(region, "crisis").get("free").asInt());
            assertNoSecretNames(change.data());

            // A household with children: only places that take them (both Kwintes VO locations do).
            try (SseReader children = new SseReader(hub.http, hub.uri("/api/v1/availability/stream?children=2"), null,
                    hub.login("veiligthuis"))) {
                JsonNode desks = hub.parse(children.next(Duration.ofSeconds(5)).data()).get("locations");
                assertEquals(1, kind(desks.get(0), "crisis").get("free").asInt(), desks.toString());
            }
            assertEquals(400, hub.get("/api/v1/availability?children=twee", hub.login("veiligthuis")).statusCode());
        }
    }

    /** A desk whose places do not take children is left out of a search with children (issue 14 item 2). */
    @Test
    void with_children_veilig_thuis_counts_only_places_that_take_them() {
        JsonNode all = hub.parse(hub.get("/api/v1/availability?children=0", hub.login("veiligthuis")).body());
        JsonNode withChildren = hub.parse(hub.get("/api/v1/availability?children=1", hub.login("veiligthuis")).body());
        assertEquals(kind(all.get("locations").get(0), "crisis").get("capacity"),
                kind(withChildren.get("locations").get(0), "crisis").get("capacity"),
                "the seed's VO places take children (women, families; young mothers)");
        JsonNode mo = hub.parse(hub.get("/api/v1/availability?children=1&domain=mo", hub.login("nacht-smallepad")).body());
        for (JsonNode location : mo.get("locations")) {
            assertFalse(location.get("code").asText().equals("smallepad"), "men and women only: no place for children");
        }
    }

    @Test
    void night_staff_see_their_own_location_in_full_and_others_as_counts_only() {
        String body = hub.get("/api/v1/availability", hub.login("nacht-smallepad")).body();
        JsonNode answer = hub.parse(body);

        JsonNode own = kind(entry(answer, "smallepad"), "regular");
        assertEquals(1, own.get("occupied").asInt());
        assertEquals(42, own.get("free").asInt());
        JsonNode other = kind(entry(answer, "vangalen"), "crisis");
        assertEquals(2, other.get("free").asInt());
        assertTrue(other.get("occupied").isNull() && other.get("held").isNull() && other.get("outOfService").isNull());
        assertEquals("Van Galenstraat e.o.", entry(answer, "vangalen").get("name").asText());
        JsonNode secret = entry(answer, "kw-vo");
        assertEquals("Geheime locatie", secret.get("name").asText());
        assertEquals("088 000 0200 (24/7)", secret.get("phone").asText(), "whom to call for a referral");
        assertNoSecretNames(body);
    }

    @Test
    void the_vo_desk_sees_its_providers_vo_locations_in_full_and_others_as_counts() {
        JsonNode answer = hub.parse(hub.get("/api/v1/availability", hub.login("vo-desk")).body());

        JsonNode vo = entry(answer, "kw-vo");
        assertEquals("Vrouwenopvang", vo.get("name").asText());
        assertEquals(0, kind(vo, "crisis").get("occupied").asInt());
        assertEquals("Jonge moeders", entry(answer, "kw-jm").get("name").asText());
        assertTrue(kind(entry(answer, "smallepad"), "regular").get("occupied").isNull());
    }

    @Test
    void ct_sees_every_location_and_secret_ones_as_counts_with_name_and_phone() {
        JsonNode answer = hub.parse(hub.get("/api/v1/availability", hub.ctToken).body());

        assertEquals(10, answer.get("locations").size());
        JsonNode vo = entry(answer, "kw-vo");
        assertEquals("Vrouwenopvang", vo.get("name").asText());
        assertEquals("088 000 0200 (24/7)", vo.get("phone").asText());
        assertEquals(2, kind(vo, "crisis").get("free").asInt());
        assertTrue(kind(vo, "crisis").get("occupied").isNull());
        assertEquals(1, kind(entry(answer, "smallepad"), "regular").get("occupied").asInt());
    }

    @Test
    void the_registry_hides_secret_names_and_nodes_from_roles_not_authorised_for_them() {
        String token = hub.login("nacht-smallepad");
        JsonNode all = hub.parse(hub.get("/api/v1/locations", token).body());
        JsonNode one = hub.parse(hub.get("/api/v1/locations/kw-vo", token).body());
        JsonNode own = hub.parse(hub.get("/api/v1/locations/smallepad", token).body());

        List<String> names = new ArrayList<>();
        all.forEach(location -> names.add(location.get("name").asText()));
        assertTrue(names.contains("Geheime locatie") && names.contains("Smallepad"), names.toString());
        assertNoSecretNames(all.toString());
        assertEquals("Geheime locatie", one.get("name").asText());
        assertEquals(0, one.get("nodes").size());
        assertTrue(kind(one.get("availability"), "crisis").get("occupied").isNull());
        assertEquals("[\"smallepad-1\"]", own.get("nodes").toString());
    }
}
