package nl.opvang.hub.waitlist;

import static nl.opvang.hub.waitlist.WaitlistFixture.CT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No names at the hub (docs/DESIGN.md §5): the waiting list takes no name, BSN or free text about a person in any
 * field, says so without repeating what was sent, and shows nothing about a person beyond the hub's reference.
 */
class WaitlistPrivacyTest {
    private static final String NAME = "Jansje Pietersen";
    private static final String BSN = "123456782";

    @TempDir
    Path dataDir;
    WaitlistFixture hub;

    @BeforeEach
    void start() {
        hub = new WaitlistFixture(dataDir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_name_or_bsn_is_refused_in_every_field_and_never_repeated_stored_or_shown() throws IOException {
        String id = hub.add("regular", "2026-09-01", "").get("id").asText();
        String before = hub.state();
        List<String> bodies = List.of(
                "{\"need\":\"regular\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\",\"name\":\"" + NAME + "\"}",
                "{\"need\":\"regular\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\",\"bsn\":\"" + BSN + "\"}",
                "{\"need\":\"regular\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\",\"reference\":\"" + NAME + "\"}",
                "{\"need\":\"regular\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\",\"" + NAME + "\":1}",
                "{\"need\":\"" + NAME + "\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\"}",
                "{\"need\":\"regular\",\"decidedOn\":\"" + BSN + "\",\"origin\":\"Baarn\"}",
                "{\"need\":\"regular\",\"decidedOn\":\"2026-09-01\",\"origin\":\"" + NAME + "\"}",
                "{\"need\":\"regular\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\",\"priority\":\"" + NAME + "\"}",
                "{\"need\":\"regular\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\",\"exemption\":\"" + NAME + "\"}");
        for (String body : bodies) {
            assertRefusedUnrepeated(hub.post("/api/v1/waitlist", CT, body), body);
        }
        assertRefusedUnrepeated(hub.put("/api/v1/waitlist/" + id, CT, "{\"priority\":\"high\",\"note\":\"" + NAME + "\"}"), "note");
        assertRefusedUnrepeated(hub.post("/api/v1/waitlist/" + id + "/close", CT, "{\"reason\":\"" + NAME + "\"}"), "reason");
        assertRefusedUnrepeated(hub.post("/api/v1/waitlist/" + id + "/offer", CT, "{\"site\":\"" + NAME + "\"}"), "site");

        assertEquals(before, hub.state());
        assertEquals("Onbekend veld: name. De wachtlijst bewaart geen naam of andere gegevens van de persoon, alleen het"
                + " kenmerk dat de centrale geeft", WaitlistFixture.parse(hub.post("/api/v1/waitlist", CT, bodies.get(0)))
                .get("error").asText());
        hub.hub.database.checkpoint();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("Jansje") || text.contains(BSN), "found in " + file.getFileName());
            }
        }
    }

    @Test
    void an_entry_shows_its_reference_and_what_it_is_for_and_nothing_else_about_the_person() {
        hub.add("crisis", "2026-09-01", ",\"exemption\":\"respijt\"");

        JsonNode entry = hub.overview().get("entries").get(0);

        TreeSet<String> fields = new TreeSet<>();
        entry.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(List.of("closeReason", "closedAt", "createdAt", "daysWaited", "decidedOn", "exemption", "hold",
                "id", "need", "next", "offerable", "offers", "origin", "overThreeMonths", "pastThreeMonths", "priority",
                "reference", "state")), fields);
        assertTrue(entry.get("reference").asText().matches("W-[0-9A-Z]{4}-[0-9A-Z]{4}"));
    }

    private static void assertRefusedUnrepeated(HttpResponse<String> response, String what) {
        assertEquals(400, response.statusCode(), what + ": " + response.body());
        assertFalse(response.body().contains("Jansje") || response.body().contains(BSN), what + ": " + response.body());
    }
}
