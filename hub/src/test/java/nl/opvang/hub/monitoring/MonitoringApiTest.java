package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.report.ReportWebFixture;
import nl.opvang.hub.testkit.OpenApiDocument;
import nl.opvang.hub.web.HttpLimits;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring routes on a real web server and SQLite file, with events ingested through the real event store
 * (docs/DESIGN.md §5, §6; docs/MONITORING.md): who may call them, what the document says they answer, no count under 5
 * and no token in any answer or CSV of the gemeente, no secret location named, and bad input a Dutch 400.
 */
class MonitoringApiTest {
    private static final List<String> QUESTIONS = List.of("", "?maand=2026-11", "?week=2026-W48",
            "?van=2026-11-01&tot=2026-12-31&soort=regular", "?jaar=2026&locatie=test", "?kwartaal=2026-Q4&doelgroep=men",
            "?maand=2026-11&gemeente=Amersfoort&verblijven=2");

    /** The figures about places and requests, which know no municipality of origin. */
    private static final List<String> PLACES = List.of("occupancy", "unmet-demand", "placement");

    @TempDir
    Path dataDir;
    ReportWebFixture hub;
    OpenApiDocument document;

    @BeforeEach
    void start() {
        hub = new ReportWebFixture(dataDir, Instant.parse("2026-11-22T22:00:00Z"), HttpLimits.of(0, List.of()));
        document = new OpenApiDocument(hub.parse(hub.get("/openapi.json", null).body()));
        MonitoringHistory.fiveClients(hub);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void only_the_gemeente_and_the_ct_get_in() {
        Map<String, List<Integer>> expected = new TreeMap<>();
        Map<String, List<Integer>> actual = new TreeMap<>();
        for (String path : monitoringPaths()) {
            List<Integer> statuses = new ArrayList<>();
            List<Integer> answered = new ArrayList<>();
            statuses.add(path.startsWith("/api/") ? 401 : 303);
            answered.add(hub.get(path, null).statusCode());
            for (Role role : Role.values()) {
                statuses.add(role == Role.GEMEENTE || role == Role.CT ? 200 : 403);
                answered.add(hub.get(path, role).statusCode());
            }
            expected.put(path, statuses);
            actual.put(path, answered);
        }
        assertEquals(expected, actual);
        assertEquals(200, hub.get("/monitor.js", null).statusCode());
    }

    @Test
    void every_json_answer_matches_the_document() {
        JsonNode schema = document.json().at("/components/schemas/MonitoringAnswer");
        for (String path : monitoringPaths()) {
            if (path.startsWith("/api/") && !path.endsWith(".csv")) {
                for (Role role : List.of(Role.GEMEENTE, Role.CT)) {
                    HttpResponse<String> response = hub.get(path + "?maand=2026-11", role);
                    assertEquals(200, response.statusCode(), path + ": " + response.body());
                    document.validate(schema, hub.parse(response.body()), path);
                }
            }
        }
    }

    @Test
    void no_answer_or_csv_of_the_gemeente_holds_a_count_under_five_or_a_token() throws IOException {
        int shownCounts = 0;
        for (String path : monitoringPaths()) {
            if (!path.startsWith("/api/")) {
                continue;
            }
            for (String question : QUESTIONS) {
                HttpResponse<String> response = hub.get(path + question, Role.GEMEENTE);
                if (question.contains("gemeente=") && PLACES.stream().anyMatch(path::contains)) {
                    assertEquals(400, response.statusCode(), "no origin is known of " + path);
                    continue;
                }
                assertEquals(200, response.statusCode(), path + question + ": " + response.body());
                assertFalse(response.body().contains("k1:"), "a token in " + path + question);
                if (path.endsWith(".csv")) {
                    for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().get()
                            .parse(new StringReader(response.body()))) {
                        String count = record.get("Aantal");
                        assertTrue(count.isEmpty() || Long.parseLong(count) >= Cell.THRESHOLD, path + question + ": "
                                + record);
                        assertTrue(!count.isEmpty() || List.of("< 5", "verborgen").contains(record.get("Getoond")),
                                path + question);
                    }
                } else {
                    JsonNode answer = hub.parse(response.body());
                    assertTrue(answer.get("suppressed").asBoolean());
                    for (JsonNode row : answer.get("rows")) {
                        JsonNode cell = row.get("cell");
                        if (cell.get("suppressed").asBoolean()) {
                            assertTrue(cell.get("count").isNull() && cell.get("value").isNull(), path + ": " + row);
                            assertTrue(List.of("< 5", "verborgen").contains(cell.get("shown").asText()), row.toString());
                        } else if (!cell.get("count").isNull()) {
                            assertTrue(cell.get("count").asLong() >= Cell.THRESHOLD, path + question + ": " + row);
                            shownCounts++;
                        }
                    }
                }
            }
        }
        assertTrue(shownCounts > 0, "the five clients of November are shown");
        JsonNode clients = hub.parse(hub.get("/api/v1/monitoring/clients?maand=2026-11", Role.GEMEENTE).body());
        assertEquals(5, clients.at("/rows/0/cell/count").asInt(), clients.toString());
    }

    @Test
    void the_gemeente_asks_by_one_filter_and_its_csv_carries_the_cells_of_its_json() throws IOException {
        // A combination would be a column of a table of its own: refused, as JSON and as CSV; CT may combine.
        for (String combination : List.of("?locatie=test&soort=regular", "?soort=crisis&gemeente=Amersfoort",
                "?doelgroep=men&locatie=test", "?per=locatie&soort=regular", "?per=locatie&gemeente=Baarn")) {
            for (String path : List.of("/api/v1/monitoring/clients", "/api/v1/monitoring/clients.csv")) {
                HttpResponse<String> refused = hub.get(path + combination + "&maand=2026-11", Role.GEMEENTE);
                assertEquals(400, refused.statusCode(), path + combination);
                assertTrue(hub.parse(refused.body()).get("error").asText().startsWith("Kies één filter tegelijk"),
                        refused.body());
                assertEquals(200, hub.get(path + combination + "&maand=2026-11", Role.CT).statusCode());
            }
        }
        // One filter at a time: the CSV has the JSON's rows with the same cells, so its small cells are hidden alike.
        for (String question : List.of("?maand=2026-11", "?maand=2026-11&per=locatie", "?maand=2026-11&locatie=test",
                "?maand=2026-11&soort=regular", "?maand=2026-11&doelgroep=men", "?maand=2026-11&gemeente=Amersfoort")) {
            for (String figure : List.of("clients", "unmet-demand")) {
                if (question.contains("gemeente=") && PLACES.contains(figure)) {
                    continue;
                }
                String path = "/api/v1/monitoring/" + figure;
                JsonNode json = hub.parse(hub.get(path + question, Role.GEMEENTE).body());
                List<String> cells = new ArrayList<>();
                json.get("rows").forEach(row -> cells.add(cell(row, "Alle locaties")));
                json.get("locations").forEach(location -> location.get("rows").forEach(row -> cells.add(cell(row,
                        location.get("label").asText()))));
                List<String> csv = new ArrayList<>();
                for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().get()
                        .parse(new StringReader(hub.get(path + ".csv" + question, Role.GEMEENTE).body()))) {
                    csv.add(record.get("Locatie") + " " + record.get("Code") + " " + record.get("Aantal") + " "
                            + record.get("Getoond"));
                }
                assertEquals(cells, csv, path + question);
            }
        }
    }

    private static String cell(JsonNode row, String location) {
        JsonNode cell = row.get("cell");
        return location + " " + row.get("code").asText() + " " + (cell.get("count").isNull() ? ""
                : cell.get("count").asText()) + " " + cell.get("shown").asText();
    }

    @Test
    void the_ct_sees_the_small_numbers_and_no_token_either() {
        for (String path : monitoringPaths()) {
            if (path.startsWith("/api/")) {
                HttpResponse<String> response = hub.get(path + "?maand=2026-11", Role.CT);
                assertEquals(200, response.statusCode());
                assertFalse(response.body().contains("k1:"), path);
            }
        }
        JsonNode demand = hub.parse(hub.get("/api/v1/monitoring/unmet-demand?maand=2026-11", Role.CT).body());
        assertFalse(demand.get("suppressed").asBoolean());
        assertEquals(1, demand.at("/rows/0/cell/count").asInt(), demand.toString());
        String csv = hub.get("/api/v1/monitoring/destinations.csv?maand=2026-11", Role.CT).body();
        assertTrue(csv.startsWith("Cijfer,Definitie,Van,Tot,Onderdeel,Code,Omschrijving,Aantal"), csv);
        assertTrue(csv.contains("Eigen woning"), csv);
    }

    @Test
    void the_gemeente_cannot_ask_about_a_secret_location_and_learns_nothing_of_it() {
        HttpResponse<String> secret = hub.get("/api/v1/monitoring/clients?locatie=kw-vo", Role.GEMEENTE);
        HttpResponse<String> unknown = hub.get("/api/v1/monitoring/clients?locatie=kw-xx", Role.GEMEENTE);
        assertEquals(400, secret.statusCode());
        assertEquals(hub.parse(unknown.body()).get("error").asText().replace("kw-xx", "kw-vo"),
                hub.parse(secret.body()).get("error").asText(), "the same answer as for a location that does not exist");
        assertEquals(200, hub.get("/api/v1/monitoring/clients?locatie=kw-vo", Role.CT).statusCode());
        for (String path : monitoringPaths()) {
            if (path.startsWith("/api/")) {
                String body = hub.get(path + "?maand=2026-11", Role.GEMEENTE).body();
                assertFalse(body.contains("kw-vo") || body.contains("Vrouwenopvang"), path);
            }
        }
    }

    @Test
    void bad_questions_get_a_dutch_400() {
        Map<String, String> bad = Map.of(
                "?van=2000-01-01&tot=2020-12-31", "te lang",
                "?van=2026-12-01&tot=2026-11-01", "eindigt voor hij begint",
                "?gemeente=Rotterdam", "Onbekende gemeente",
                "?doelgroep=piraten", "Onbekende doelgroep",
                "?soort=hotel", "Onbekende soort",
                "?maand=2026-13", "Onleesbare periode",
                "?maand=2026-11&jaar=2026", "Kies één periode",
                "?verblijven=1", "verblijven");
        bad.forEach((question, message) -> {
            HttpResponse<String> response = hub.get("/api/v1/monitoring/revolving-door" + question, Role.GEMEENTE);
            assertEquals(400, response.statusCode(), question);
            assertTrue(hub.parse(response.body()).get("error").asText().contains(message), question + ": "
                    + response.body());
        });
        HttpResponse<String> notByOrigin = hub.get("/api/v1/monitoring/occupancy?gemeente=Amersfoort", Role.CT);
        assertEquals(400, notByOrigin.statusCode());
        assertTrue(hub.parse(notByOrigin.body()).get("error").asText().contains("niet per gemeente"));
    }

    private List<String> monitoringPaths() {
        List<String> paths = new ArrayList<>();
        document.json().get("paths").fieldNames().forEachRemaining(path -> {
            if (path.startsWith("/api/v1/monitoring/") || path.startsWith("/monitor")) {
                paths.add(path);
            }
        });
        assertEquals(2 + 2 * Figure.values().length, paths.size(),
                "the page, its definitions and every figure as JSON and CSV");
        return paths;
    }
}
