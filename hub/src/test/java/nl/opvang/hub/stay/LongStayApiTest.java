package nl.opvang.hub.stay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.OpenApiDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long stays (docs/DESIGN.md §4 "Long stays", §6) on a real hub with real nodes: guests checked in on the
 * vrouwenopvang's crisis place and regular place and at the test location (MO), one checked in and out again; the
 * hub's clock moved past three days and past three months. Who sees what: CT the MO's stays one by one and the VO's
 * as a number, the VO desk its own VO stays, everyone else 403; no token or pass number in any answer; the report's
 * CSV; every documented status answers as {@code /openapi.json} says.
 */
class LongStayApiTest {
    private static final String PATH = "/api/v1/long-stays";
    private static final String CSV = "/api/v1/reports/long-stays.csv";
    private static final String NIGHTS = "/api/v1/long-stays/nights";
    private static final List<String> PASSES = List.of("660011221", "660011222", "660011223", "660011224");
    private static final List<String> REFUSED = List.of("veiligthuis", "admin", "nacht-kw-vo", "nacht-test");

    @TempDir
    Path data;
    LongStayHub hub;

    @BeforeEach
    void start() {
        hub = new LongStayHub(data);
        hub.vo.checkIn("C1", PASSES.get(0), null);
        hub.vo.checkIn("V01", PASSES.get(1), null);
        hub.vo.checkIn("C2", PASSES.get(2), null);
        hub.vo.checkOut("C2", PASSES.get(2), null);
        hub.test.checkIn("T1", PASSES.get(3), null);
        hub.delivered();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void nothing_is_flagged_before_its_limit() {
        hub.advance(Duration.ofDays(3).minusHours(1));

        for (String account : List.of("ct", "vo-desk")) {
            JsonNode answer = json(hub.get(account, PATH));
            assertEquals(0, answer.get("total").asInt(), account + ": " + answer);
            assertEquals(0, answer.get("stays").size());
        }
    }

    @Test
    void a_vo_crisis_stay_over_three_days_is_the_desks_in_full_and_the_cts_as_a_number() {
        hub.advance(Duration.ofDays(3).plusHours(1));

        JsonNode desk = json(hub.get("vo-desk", PATH));
        assertEquals(1, desk.get("stays").size(), "only the crisis place: the regular VO place and the ended stay have no flag");
        JsonNode stay = desk.get("stays").get(0);
        assertEquals("kw-vo", stay.get("location").asText());
        assertEquals("crisis", stay.get("kind").asText());
        assertEquals("C1", stay.get("bed").asText());
        assertEquals("vo", stay.get("limit").asText());
        assertEquals(3, stay.get("days").asInt());
        assertEquals(List.of("kw-vo vo 1"), counts(desk));

        JsonNode ct = json(hub.get("ct", PATH));
        assertEquals(0, ct.get("stays").size(), "CT sees no VO stay one by one: " + ct);
        assertEquals(List.of("kw-vo vo 1"), counts(ct));
        assertEquals(1, ct.get("total").asInt());
    }

    @Test
    void an_mo_stay_over_three_months_is_the_cts_and_never_the_vo_desks() {
        hub.advance(Duration.ofDays(31 + 31 + 30 + 2));

        JsonNode ct = json(hub.get("ct", PATH));
        assertEquals(1, ct.get("stays").size(), ct.toString());
        JsonNode stay = ct.get("stays").get(0);
        assertEquals("test", stay.get("location").asText());
        assertEquals("T1", stay.get("bed").asText());
        assertEquals("mo", stay.get("limit").asText());
        assertTrue(stay.get("days").asInt() >= 92);
        assertEquals(List.of("kw-vo vo 1", "test mo 1"), counts(ct));

        JsonNode desk = json(hub.get("vo-desk", PATH));
        assertEquals(List.of("kw-vo vo 1"), counts(desk), "the desk sees its own VO locations only");
        assertTrue(desk.get("stays").findValuesAsText("location").stream().allMatch("kw-vo"::equals));
    }

    @Test
    void a_guest_who_checked_out_is_no_longer_flagged() {
        hub.advance(Duration.ofDays(4));
        assertEquals(1, json(hub.get("vo-desk", PATH)).get("total").asInt());

        hub.vo.checkOut("C1", PASSES.get(0), "eigen_netwerk");
        hub.delivered();

        assertEquals(0, json(hub.get("vo-desk", PATH)).get("total").asInt());
    }

    @Test
    void other_roles_are_refused_and_no_answer_carries_a_token_or_pass_number() {
        hub.advance(Duration.ofDays(100));
        for (String account : REFUSED) {
            HttpResponse<String> refused = hub.get(account, PATH);
            assertEquals(403, refused.statusCode(), account);
            assertEquals(LongStayRoutes.REFUSED, json(refused).get("error").asText());
        }
        assertEquals(401, hub.get(null, PATH).statusCode());
        assertEquals(403, hub.get("vo-desk", CSV).statusCode(), "the report is the CT's");

        List<String> bodies = new ArrayList<>();
        for (String account : List.of("ct", "vo-desk")) {
            bodies.add(hub.get(account, PATH).body());
        }
        bodies.add(hub.get("ct", CSV).body());
        for (String body : bodies) {
            assertFalse(body.contains("k1:") || body.contains("token"), body);
            PASSES.forEach(pass -> assertFalse(body.contains(pass), body));
        }
    }

    @Test
    void the_report_csv_counts_stays_over_the_limit_per_location_now() {
        hub.advance(Duration.ofDays(95));

        HttpResponse<String> csv = hub.get("ct", CSV);

        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow().contains("lange-verblijven-"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("locatie,naam,domein,termijn,langer_dan_termijn,gemeten", lines.get(0));
        assertTrue(lines.get(1).startsWith("kw-vo,Vrouwenopvang,vrouwenopvang,3 dagen,1,"), lines.toString());
        assertTrue(lines.get(2).startsWith("test,Testlocatie,maatschappelijke opvang,3 maanden,1,"), lines.toString());
        assertEquals(3, lines.size());
    }

    /** Nights over the limit per month (issue 14 item 4): counted at each night's midnight, per role as above. */
    @Test
    void the_nights_past_the_limit_are_counted_per_month_and_location() {
        java.time.Instant checkedIn = java.time.Instant.now();
        hub.advance(Duration.ofDays(5));

        // Between 3 and 5 days after the check-in lie exactly two midnights: two nights over the three-day limit.
        assertEquals(2, nights(hub, "vo-desk", "kw-vo vo", checkedIn, 5), hub.get("vo-desk", NIGHTS).body());
        assertEquals(2, nights(hub, "ct", "kw-vo vo", checkedIn, 5));
        assertEquals(0, nights(hub, "ct", "test mo", checkedIn, 5), "the MO stay is not three months old");
        JsonNode desk = json(hub.get("vo-desk", NIGHTS));
        desk.get("rows").forEach(row -> assertEquals("kw-vo", row.get("location").asText(), "its own VO locations"));
        assertFalse(hub.get("ct", NIGHTS).body().contains("k1:"), "numbers only");
        assertEquals(400, hub.get("ct", NIGHTS + "?month=december").statusCode());
        assertEquals(403, hub.get("veiligthuis", NIGHTS).statusCode());
    }

    /**
     * Issue 17: a restricted guest's stay is in no view or figure of long stays until the restriction is lifted (AVG
     * art. 18); an erasure removes the links but the figures already counted stay (the stay itself is still there), and
     * the guest's check-out after the erasure still ends the stay.
     */
    @Test
    void a_restricted_stay_is_hidden_until_lifted_and_an_erased_stay_keeps_the_figures() {
        java.time.Instant checkedIn = java.time.Instant.now();
        int days = 31 + 31 + 30 + 2;
        hub.advance(Duration.ofDays(days));
        JsonNode before = json(hub.get("ct", PATH));
        assertEquals(List.of("kw-vo vo 1", "test mo 1"), counts(before));
        int moNights = nights(hub, "ct", "test mo", checkedIn, days);
        int voNights = nights(hub, "ct", "kw-vo vo", checkedIn, days);
        assertTrue(moNights > 0 && voNights > 80, moNights + " " + voNights);

        String restriction = privacyRequest(hub.test, "restriction", PASSES.get(3));
        assertEquals(200, hub.post("privacy", "/api/v1/privacy/requests/" + restriction + "/carry-out", "{}").statusCode());
        JsonNode restricted = json(hub.get("ct", PATH));
        assertEquals(0, restricted.get("stays").size(), "the restricted MO stay is not shown: " + restricted);
        assertEquals(List.of("kw-vo vo 1"), counts(restricted), "nor counted");
        assertFalse(hub.get("ct", CSV).body().contains("test,"), "nor in the report's CSV");
        assertEquals(0, nights(hub, "ct", "test mo", checkedIn, days), "nor in the nights over the limit");

        assertEquals(200, hub.post("privacy", "/api/v1/privacy/requests/" + restriction + "/lift", "{}").statusCode());
        assertEquals(before.get("stays"), json(hub.get("ct", PATH)).get("stays"), "lifted: shown again");
        assertEquals(moNights, nights(hub, "ct", "test mo", checkedIn, days));

        JsonNode desk = json(hub.get("vo-desk", PATH));
        String erasure = privacyRequest(hub.vo, "erasure", PASSES.get(0));
        assertEquals(200, hub.post("privacy", "/api/v1/privacy/requests/" + erasure + "/carry-out", "{}").statusCode());
        assertEquals(counts(before), counts(json(hub.get("ct", PATH))), "the erased guest's stay still counts");
        assertEquals(desk.get("stays"), json(hub.get("vo-desk", PATH)).get("stays"));
        assertEquals(voNights, nights(hub, "ct", "kw-vo vo", checkedIn, days), "and so do its nights");

        // The node still holds the guest's token with the bed: checking out after the erasure ends the stay.
        hub.vo.checkOut("C1", PASSES.get(0), "eigen_netwerk");
        hub.delivered();
        assertEquals(0, json(hub.get("vo-desk", PATH)).get("total").asInt(), "checked out after the erasure");
    }

    /** A rights request made at {@code node}'s kiosk with {@code pass}, as the hub lists it: its id. */
    private String privacyRequest(nl.opvang.device.node.Node node, String right, String pass) {
        String reference = node.privacyRequest(right, pass).reference();
        hub.delivered();
        for (JsonNode request : json(hub.get("privacy", "/api/v1/privacy/requests")).get("requests")) {
            if (request.get("reference").asText().equals(reference)) {
                return request.get("request").asText();
            }
        }
        throw new AssertionError("the hub does not list " + reference);
    }

    /** The nights of {@code row} ("location limit") summed over the months of the days since {@code from}. */
    private static int nights(LongStayHub hub, String account, String row, java.time.Instant from, int days) {
        java.util.Set<java.time.YearMonth> months = new TreeSet<>();
        for (int day = 0; day <= days + 1; day++) {
            months.add(java.time.YearMonth.from(nl.opvang.hub.report.Nights.nightOf(from.plus(Duration.ofDays(day)))));
        }
        int nights = 0;
        for (java.time.YearMonth month : months) {
            for (JsonNode each : json(hub.get(account, NIGHTS + "?month=" + month)).get("rows")) {
                if ((each.get("location").asText() + " " + each.get("limit").asText()).equals(row)) {
                    nights += each.get("nights").asInt();
                }
            }
        }
        return nights;
    }

    @Test
    void every_documented_method_and_status_answers_as_documented() {
        hub.advance(Duration.ofDays(95));
        OpenApiDocument document = new OpenApiDocument(json(hub.get(null, "/openapi.json")));
        Map<String, List<Supplier<HttpResponse<String>>>> requests = Map.of(
                "get " + PATH + " 200", List.of(() -> hub.get("ct", PATH), () -> hub.get("vo-desk", PATH)),
                "get " + PATH + " 401", List.of(() -> hub.get(null, PATH)),
                "get " + PATH + " 403", List.of(() -> hub.get("veiligthuis", PATH), () -> hub.get("nacht-test", PATH)),
                "get " + CSV + " 200", List.of(() -> hub.get("ct", CSV)),
                "get " + CSV + " 401", List.of(() -> hub.get(null, CSV)),
                "get " + CSV + " 403", List.of(() -> hub.get("vo-desk", CSV), () -> hub.get("admin", CSV)),
                "get " + NIGHTS + " 200", List.of(() -> hub.get("ct", NIGHTS), () -> hub.get("vo-desk", NIGHTS)),
                "get " + NIGHTS + " 400", List.of(() -> hub.get("ct", NIGHTS + "?month=2026-13")),
                "get " + NIGHTS + " 401", List.of(() -> hub.get(null, NIGHTS)),
                "get " + NIGHTS + " 403", List.of(() -> hub.get("veiligthuis", NIGHTS)));
        TreeSet<String> documented = new TreeSet<>();

        for (OpenApiDocument.Case each : document.cases(LongStayApiTest.class, List.of("get"))) {
            documented.add(each.key());
            assertNotNull(requests.get(each.key()), "no request for " + each.key());
            for (Supplier<HttpResponse<String>> request : requests.get(each.key())) {
                if (each.key().startsWith("get " + CSV + " 200")) {
                    HttpResponse<String> answer = request.get();
                    assertEquals(200, answer.statusCode());
                    assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
                } else {
                    document.check(each.key(), request, each.response());
                }
            }
        }

        assertEquals(new TreeSet<>(requests.keySet()), documented, "every case is documented, and only these");
    }

    private static List<String> counts(JsonNode answer) {
        List<String> counts = new ArrayList<>();
        answer.get("counts").forEach(count -> counts.add(count.get("location").asText() + " "
                + count.get("limit").asText() + " " + count.get("over").asInt()));
        return counts;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiClient.parse(response);
    }
}
