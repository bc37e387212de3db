package nl.opvang.hub.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.opvang.hub.http.Role;
import nl.opvang.protocol.PlaceStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OccupancyReportTest {
    @TempDir
    Path dataDir;
    ReportWebFixture hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    private void startAt(String instant) {
        hub = new ReportWebFixture(dataDir, Instant.parse(instant));
    }

    private long samples(String night, String location, String kind) {
        return hub.database.read(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT samples FROM occupancy_night WHERE night = ? AND location = ? AND kind = ?")) {
                query.setString(1, night);
                query.setString(2, location);
                query.setString(3, kind);
                try (var rows = query.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Test
    void before_any_node_has_spoken_nothing_is_sampled_as_zero_occupied() {
        startAt("2026-11-22T18:00:00Z");
        hub.recorder.sample();
        assertEquals(0, samples("2026-11-22", "smallepad", "regular"), "no measurement yet: no \"0 bezet\"");
        JsonNode tonight = hub.parse(hub.get("/api/v1/reports/occupancy?weeks=1", Role.CT).body()).get("nights").get(6);
        assertFalse(tonight.get("sampled").asBoolean(), tonight.toString());

        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.recorder.sample();
        assertEquals(1, samples("2026-11-22", "smallepad", "regular"));
    }

    @Test
    void a_quarter_hour_with_no_node_heard_yet_is_sampled_once_one_is() {
        startAt("2026-11-22T18:00:00Z");
        assertFalse(hub.recorder.sampleIfDue(), "nothing to measure yet");

        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);

        assertTrue(hub.recorder.sampleIfDue(), "the same quarter hour, sampled now that a node has spoken");
        assertEquals(1, samples("2026-11-22", "smallepad", "regular"));
        assertFalse(hub.recorder.sampleIfDue(), "once");
    }

    @Test
    void a_night_keeps_the_highest_occupied_seen_in_its_quarter_hour_samples() {
        startAt("2026-11-22T18:00:00Z");
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.recorder.sampleIfDue();
        hub.clock.advance(Duration.ofMinutes(15));
        hub.bed("smallepad-1", "S02", PlaceStatus.OCCUPIED);
        hub.bed("smallepad-1", "S03", PlaceStatus.OCCUPIED);
        assertTrue(hub.recorder.sampleIfDue());
        assertFalse(hub.recorder.sampleIfDue(), "one sample per quarter hour");
        hub.clock.advance(Duration.ofMinutes(15));
        hub.bed("smallepad-1", "S03", PlaceStatus.FREE);
        hub.recorder.sampleIfDue();

        JsonNode answer = hub.parse(hub.get("/api/v1/reports/occupancy?weeks=1", Role.CT).body());

        assertEquals("2026-11-16", answer.get("from").asText());
        assertEquals("2026-11-22", answer.get("to").asText());
        JsonNode nights = answer.get("nights");
        assertEquals(7, nights.size());
        JsonNode tonight = nights.get(6);
        assertTrue(tonight.get("sampled").asBoolean());
        assertFalse(nights.get(5).get("sampled").asBoolean());
        JsonNode smallepad = find(tonight.get("locations"), "smallepad", "regular");
        assertEquals(3, smallepad.get("occupied").asInt(), "the maximum, not the last sample");
        assertEquals(43, smallepad.get("capacity").asInt());
        assertEquals(3, tonight.get("occupied").asInt(), "region total");
        assertEquals(3, samples("2026-11-22", "smallepad", "regular"));
    }

    @Test
    void the_4_oclock_sample_counts_for_the_evening_before_and_noon_starts_a_new_night() {
        startAt("2026-11-23T02:50:00Z");
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.clock.advance(Duration.ofMinutes(10));
        hub.recorder.sampleIfDue();
        hub.clock.advance(Duration.ofHours(8));
        hub.bed("smallepad-1", "S02", PlaceStatus.OCCUPIED);
        hub.recorder.sampleIfDue();

        assertEquals(1, samples("2026-11-22", "smallepad", "regular"), "04:00 CET on the 23rd");
        assertEquals(1, samples("2026-11-23", "smallepad", "regular"), "12:00 CET on the 23rd");
    }

    @Test
    void a_night_across_the_end_of_summer_time_gets_25_hours_of_samples() {
        startAt("2026-10-24T10:00:00Z");
        hub.heard("smallepad-1");
        while (hub.clock.instant().isBefore(Instant.parse("2026-10-25T11:00:00Z"))) {
            hub.recorder.sampleIfDue();
            hub.clock.advance(Duration.ofMinutes(15));
        }
        hub.recorder.sampleIfDue();

        assertEquals(100, samples("2026-10-24", "smallepad", "regular"), "25 hours of quarters");
        assertEquals(1, samples("2026-10-25", "smallepad", "regular"));
    }

    @Test
    void the_csv_has_a_row_per_location_and_kind_and_the_region_total() throws IOException {
        startAt("2026-11-22T18:00:00Z");
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.recorder.sample();

        HttpResponse<String> response = hub.get("/api/v1/reports/occupancy.csv?weeks=2", Role.CT);

        assertEquals(200, response.statusCode());
        assertEquals("attachment; filename=\"bezetting-2026-11-09-2026-11-22.csv\"",
                response.headers().firstValue("Content-Disposition").orElseThrow());
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.body())).getRecords();
        CSVRecord smallepad = records.stream().filter(row -> row.get("locatie").equals("smallepad")).findFirst().orElseThrow();
        assertEquals("2026-11-22", smallepad.get("nacht"));
        assertEquals("1", smallepad.get("bezet_hoogste"));
        assertEquals("43", smallepad.get("capaciteit"));
        assertEquals("Plek", smallepad.get("soort"), "a Dutch word in the spreadsheet");
        assertEquals("regular", smallepad.get("soort_code"));
        assertEquals("0", smallepad.get("uitgecheckt_zonder_pas"));
        CSVRecord total = records.get(records.size() - 1);
        assertEquals("Regio totaal", total.get("naam"));
        assertEquals("1", total.get("bezet_hoogste"));
    }

    @Test
    void the_report_is_for_ct_and_weeks_must_be_sensible() {
        startAt("2026-11-22T18:00:00Z");

        assertEquals(401, hub.get("/api/v1/reports/occupancy", null).statusCode());
        assertEquals(403, hub.get("/api/v1/reports/occupancy", Role.VO_DESK).statusCode());
        assertEquals(403, hub.get("/report", Role.VEILIG_THUIS).statusCode());
        assertEquals(200, hub.get("/report", Role.CT).statusCode());
        assertEquals(42, hub.parse(hub.get("/api/v1/reports/occupancy", Role.CT).body()).get("nights").size(),
                "six weeks by default");
        assertEquals(400, hub.get("/api/v1/reports/occupancy?weeks=0", Role.CT).statusCode());
        assertEquals(400, hub.get("/api/v1/reports/occupancy?weeks=53", Role.CT).statusCode());
        assertEquals(400, hub.get("/api/v1/reports/occupancy.csv?weeks=zes", Role.CT).statusCode());
    }

    private static JsonNode find(JsonNode locations, String code, String kind) {
        for (JsonNode location : locations) {
            if (location.get("code").asText().equals(code) && location.get("kind").asText().equals(kind)) {
                return location;
            }
        }
        throw new AssertionError(code + "/" + kind + " not in " + locations);
    }
}
