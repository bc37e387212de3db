package nl.opvang.hub.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.opvang.hub.http.Role;
import nl.opvang.protocol.PlaceStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintAndCsvTest {
    @TempDir
    Path dataDir;
    ReportWebFixture hub;

    @BeforeEach
    void start() {
        hub = new ReportWebFixture(dataDir, Instant.parse("2026-11-22T22:14:00Z"));
        hub.bed("smallepad-1", "S01", PlaceStatus.OCCUPIED);
        hub.heard("kw-vo-1");
        hub.heard("vangalen-1");
        hub.advance(Duration.ofSeconds(60));
        hub.heard("smallepad-1");
        hub.heard("kw-vo-1");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void the_print_page_shows_every_location_with_free_places_freshness_and_phone_in_dutch() {
        HttpResponse<String> response = hub.get("/print", Role.CT);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
        String page = response.body();
        assertTrue(page.contains("<h1>Laatst bekende beschikbaarheid — afgedrukt 22 november 2026 23:15</h1>"), page);
        assertEquals(hub.registry.locations().size(), page.split("<tr data-code=").length - 1, "every location, once");
        String smallepad = rowOf(page, "smallepad");
        assertTrue(smallepad.contains("42 vrij"), smallepad);
        assertTrue(smallepad.contains("live"), smallepad);
        assertTrue(smallepad.contains("033 000 0101"), smallepad);
        String vangalen = rowOf(page, "vangalen");
        assertTrue(vangalen.contains("laatst bekend: 2"), "stale: the last figure, not free: " + vangalen);
        assertTrue(vangalen.contains("laatst bevestigd 22 nov. 23:14"), vangalen);
        assertTrue(rowOf(page, "ijselberch").contains("geen contact"));
        assertTrue(rowOf(page, "kw-vo").contains("(adres geheim)"));
        assertTrue(rowOf(page, "kw-vo").contains("Vrouwenopvang · voor vrouwen, gezinnen"), "whom it is for, on paper too");
        assertTrue(rowOf(page, "kleinehaag").contains("Maatschappelijke opvang · voor mannen, vrouwen, verslaving"));
        // The rows above are in the HTML as served: the page prints as it is. Its only scripts draw the account bar on
        // screen (hidden on paper, issue 15); nothing on the page is written by script.
        assertEquals(List.of("/words.js", "/page.js"), java.util.regex.Pattern.compile("<script src=\"([^\"]+)\"")
                .matcher(page).results().map(match -> match.group(1)).toList(), "no script but the account bar's");
    }

    @Test
    void the_print_page_is_for_ct_only() {
        assertEquals(303, hub.get("/print", null).statusCode(), "a page sends the caller to /login");
        assertEquals(403, hub.get("/print", Role.VEILIG_THUIS).statusCode());
        assertEquals(403, hub.get("/api/v1/reports/availability.csv", Role.NIGHT_STAFF).statusCode());
        assertEquals(401, hub.get("/api/v1/reports/availability.csv", null).statusCode());
    }

    @Test
    void the_csv_holds_the_same_figures_one_row_per_location_and_kind() throws IOException {
        HttpResponse<String> response = hub.get("/api/v1/reports/availability.csv", Role.CT);

        assertEquals(200, response.statusCode());
        assertEquals("text/csv; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"beschikbaarheid-2026-11-22-2315.csv\"",
                response.headers().firstValue("Content-Disposition").orElseThrow());
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.body())).getRecords();
        Map<String, CSVRecord> byLocationAndKind = records.stream()
                .collect(Collectors.toMap(row -> row.get("locatie") + "/" + row.get("soort_code"), row -> row));
        CSVRecord smallepad = byLocationAndKind.get("smallepad/regular");
        assertEquals("43", smallepad.get("capaciteit"));
        assertEquals("1", smallepad.get("bezet"));
        assertEquals("42", smallepad.get("vrij"));
        assertEquals("Plek", smallepad.get("soort"), "a Dutch word in the spreadsheet, the code beside it");
        assertEquals("live", smallepad.get("actualiteit"));
        assertEquals("2026-11-22T23:15+01:00", smallepad.get("laatst_bevestigd"));
        assertEquals("033 000 0101", smallepad.get("telefoon"));
        CSVRecord vangalen = byLocationAndKind.get("vangalen/crisis");
        assertEquals("Crisisplek", vangalen.get("soort"));
        assertEquals("stil", vangalen.get("actualiteit"));
        assertEquals("stale", vangalen.get("actualiteit_code"));
        assertEquals("0", vangalen.get("vrij"), "a stale location has no free places, only a last-known figure");
        assertEquals("2", vangalen.get("laatst_bekend_vrij"));
        assertTrue(response.body().contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void a_cell_that_would_run_as_a_spreadsheet_formula_is_made_inert() {
        String csv = Csv.write(List.of("a", "b"), List.of(List.of("=HYPERLINK(\"x\")", "Smallepad, Amersfoort")));

        assertEquals("a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",\"Smallepad, Amersfoort\"\r\n", csv);
    }

    private static String rowOf(String page, String code) {
        int start = page.indexOf("<tr data-code=\"" + code + "\">");
        assertTrue(start >= 0, code + " is on the page");
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
