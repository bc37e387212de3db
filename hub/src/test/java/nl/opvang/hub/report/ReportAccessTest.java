package nl.opvang.hub.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.opvang.hub.http.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role table (docs/DESIGN.md §5) for the report, break-glass and audit paths, which the OpenAPI document marks as
 * tested here: no credentials is 401 (a page: 303 to /login), a role the path does not admit is 403, the right role
 * gets in.
 */
class ReportAccessTest {
    private static final String REASON = "{\"reason\": \"Vrouw met kind aan de lijn, nood\"}";
    private static final String CONTACT = "{\"desk\": \"Dienstdoende medewerker via de meldkamer\","
            + " \"phones\": [{\"number\": \"088 000 0200\"}]}";

    @TempDir
    Path dataDir;
    ReportWebFixture hub;

    @BeforeEach
    void start() {
        hub = new ReportWebFixture(dataDir, Instant.parse("2026-11-22T22:14:00Z"));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void every_report_break_glass_and_audit_path_admits_only_its_role() {
        Map<String, List<Integer>> actual = new TreeMap<>();
        Map<String, List<Integer>> expected = new TreeMap<>();
        List<Integer> ctPage = statuses(303, Role.CT);
        List<Integer> ctApi = statuses(401, Role.CT);
        List<Integer> adminPage = statuses(303, Role.ADMIN);
        List<Integer> adminApi = statuses(401, Role.ADMIN);
        expect(expected, actual, "GET /print", ctPage, role -> hub.get("/print", role));
        expect(expected, actual, "GET /report", ctPage, role -> hub.get("/report", role));
        expect(expected, actual, "GET /api/v1/reports/availability.csv", ctApi,
                role -> hub.get("/api/v1/reports/availability.csv", role));
        expect(expected, actual, "GET /api/v1/reports/occupancy", ctApi, role -> hub.get("/api/v1/reports/occupancy", role));
        expect(expected, actual, "GET /api/v1/reports/occupancy.csv", ctApi,
                role -> hub.get("/api/v1/reports/occupancy.csv", role));
        expect(expected, actual, "PUT /api/v1/locations/{code}/contact", withOk(adminApi, 204),
                role -> hub.put("/api/v1/locations/kw-vo/contact", role, CONTACT));
        expect(expected, actual, "GET /api/v1/admin/secret-contacts", adminApi,
                role -> hub.get("/api/v1/admin/secret-contacts", role));
        expect(expected, actual, "POST /api/v1/locations/{code}/break-glass", ctApi,
                role -> hub.post("/api/v1/locations/kw-vo/break-glass", role, REASON));
        expect(expected, actual, "GET /api/v1/audit", adminApi, role -> hub.get("/api/v1/audit", role));
        expect(expected, actual, "GET /admin/audit", adminPage, role -> hub.get("/admin/audit", role));

        assertEquals(expected, actual);
    }

    @Test
    void styles_and_scripts_of_the_report_pages_need_no_login() {
        for (String asset : List.of("/print.css", "/report.css", "/report.js", "/admin-secret.js")) {
            assertEquals(200, hub.get(asset, null).statusCode(), asset);
        }
    }

    @Test
    void a_page_without_login_sends_the_browser_to_the_login_page() {
        HttpResponse<String> response = hub.get("/report", null);

        assertEquals(303, response.statusCode());
        assertEquals("/login", response.headers().firstValue("Location").orElseThrow());
    }

    /** For no caller, then each role in declaration order: {@code anonymous} for none, 200 for {@code admitted}, else 403. */
    private static List<Integer> statuses(int anonymous, Role admitted) {
        List<Integer> statuses = new ArrayList<>();
        statuses.add(anonymous);
        for (Role role : Role.values()) {
            statuses.add(role == admitted ? 200 : 403);
        }
        return statuses;
    }

    private static List<Integer> withOk(List<Integer> statuses, int ok) {
        return statuses.stream().map(status -> status == 200 ? ok : status).toList();
    }

    private interface Call {
        HttpResponse<String> as(Role role);
    }

    private static void expect(Map<String, List<Integer>> expected, Map<String, List<Integer>> actual, String operation,
                               List<Integer> statuses, Call call) {
        expected.put(operation, statuses);
        List<Integer> answered = new ArrayList<>();
        answered.add(call.as(null).statusCode());
        for (Role role : Role.values()) {
            answered.add(call.as(role).statusCode());
        }
        actual.put(operation, answered);
    }
}
