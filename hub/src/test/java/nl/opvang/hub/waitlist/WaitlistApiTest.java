package nl.opvang.hub.waitlist;

import static nl.opvang.hub.waitlist.WaitlistFixture.ADMIN;
import static nl.opvang.hub.waitlist.WaitlistFixture.CT;
import static nl.opvang.hub.waitlist.WaitlistFixture.NIGHT_TEST;
import static nl.opvang.hub.waitlist.WaitlistFixture.VEILIG_THUIS;
import static nl.opvang.hub.waitlist.WaitlistFixture.VO_DESK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.placement.HoldState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waiting list's API (docs/DESIGN.md §4, §6) on a real server and store: what CT may do, each refusal answered in
 * Dutch with nothing changed, and every other role refused. The test clock stands at 22 November 2026, 23:00 Dutch time.
 */
class WaitlistApiTest {
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
    void ct_adds_an_entry_and_gets_a_reference_made_by_the_hub() {
        HttpResponse<String> response = hub.post("/api/v1/waitlist", CT, """
                {"need":"bw_hg","decidedOn":"2026-10-01","priority":"high","origin":"baarn","exemption":"voorkeursplek"}""");

        assertEquals(201, response.statusCode(), response.body());
        JsonNode entry = WaitlistFixture.parse(response);
        assertTrue(entry.get("reference").asText().matches("W-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}"), entry.toString());
        assertEquals("/api/v1/waitlist/" + entry.get("id").asText(), response.headers().firstValue("Location").orElseThrow());
        assertEquals("bw_hg", entry.get("need").asText());
        assertEquals("Baarn", entry.get("origin").asText(), "the region's spelling");
        assertEquals("high", entry.get("priority").asText());
        assertEquals("voorkeursplek", entry.get("exemption").asText());
        assertEquals("waiting", entry.get("state").asText());
        assertEquals(52, entry.get("daysWaited").asInt());

        JsonNode overview = hub.overview();
        assertEquals(1, overview.get("open").asInt());
        assertEquals("2026-11-22", overview.get("today").asText());
        assertEquals(entry.get("reference"), overview.get("entries").get(0).get("reference"));
        assertTrue(overview.get("origins").toString().contains("\"passant\""));
        AuditLog.Entry audited = new AuditLog(hub.hub.clock).entries(hub.hub.database, "waitlist.added", 1).get(0);
        assertEquals("ct", audited.actor());
        assertEquals("waitlist:" + entry.get("id").asText(), audited.subject());
        assertEquals("need=bw_hg priority=high exemption=voorkeursplek state=waiting", audited.detail(),
                "no reference and no origin in the audit log");
    }

    @Test
    void a_priority_defaults_to_normal_and_the_ct_changes_priority_and_exemption() {
        String id = hub.add("crisis", "2026-11-01", "").get("id").asText();
        assertEquals("normal", hub.entry(id).get("priority").asText());

        HttpResponse<String> changed = hub.put("/api/v1/waitlist/" + id, CT, "{\"priority\":\"urgent\",\"exemption\":\"respijt\"}");

        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("urgent", hub.entry(id).get("priority").asText());
        assertEquals("respijt", hub.entry(id).get("exemption").asText());
        assertEquals(200, hub.put("/api/v1/waitlist/" + id, CT, "{\"priority\":\"normal\"}").statusCode());
        assertTrue(hub.entry(id).get("exemption").isNull(), "no exemption sent: none");
        assertEquals(2, new AuditLog(hub.hub.clock).entries(hub.hub.database, "waitlist.changed", 10).size());
    }

    @Test
    void every_bad_request_is_answered_in_dutch_and_changes_nothing() {
        String id = hub.add("regular", "2026-09-01", "").get("id").asText();
        String before = hub.state();
        List<String> bodies = List.of("", "niet json", "[]", "{}", "{\"need\":\"nood\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\"}",
                "{\"need\":\"crisis\",\"origin\":\"Baarn\"}",
                "{\"need\":\"crisis\",\"decidedOn\":\"1-9-2026\",\"origin\":\"Baarn\"}",
                "{\"need\":\"crisis\",\"decidedOn\":\"2026-11-23\",\"origin\":\"Baarn\"}",
                "{\"need\":\"crisis\",\"decidedOn\":\"2015-01-01\",\"origin\":\"Baarn\"}",
                "{\"need\":\"crisis\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Utrecht\"}",
                "{\"need\":\"crisis\",\"decidedOn\":\"2026-09-01\"}",
                "{\"need\":\"crisis\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\",\"priority\":\"hoogste\"}",
                "{\"need\":\"crisis\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\",\"exemption\":\"ziekte\"}",
                "{\"need\":3,\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\"}");
        List<String> answers = new ArrayList<>();
        for (String body : bodies) {
            answers.add(refusal(hub.post("/api/v1/waitlist", CT, body), 400, body));
        }
        answers.add(refusal(hub.put("/api/v1/waitlist/" + id, CT, "{\"priority\":\"laag\"}"), 400, "put"));
        answers.add(refusal(hub.put("/api/v1/waitlist/" + id, CT, "{\"exemption\":\"respijt\"}"), 400, "put without priority"));
        answers.add(refusal(hub.post("/api/v1/waitlist/" + id + "/close", CT, "{}"), 400, "close without reason"));
        answers.add(refusal(hub.post("/api/v1/waitlist/" + id + "/close", CT, "{\"reason\":\"placed\"}"), 400,
                "placed is the check-in's"));
        answers.add(refusal(hub.post("/api/v1/waitlist/" + id + "/offer", CT, "{\"site\":\"nergens\"}"), 400, "unknown site"));
        answers.add(refusal(hub.post("/api/v1/waitlist/" + UUID.randomUUID() + "/close", CT, "{\"reason\":\"other\"}"), 404,
                "unknown entry"));
        answers.add(refusal(hub.put("/api/v1/waitlist/geen-id", CT, "{\"priority\":\"high\"}"), 404, "not an id"));

        assertEquals(before, hub.state());
        assertTrue(answers.contains("Kies de herkomst (origin): een gemeente van de regio (Amersfoort, Baarn, Bunschoten,"
                + " Leusden, Nijkerk, Soest, Woudenberg, Veenendaal), passant of onbekend"), answers.toString());
        assertTrue(answers.contains("De datum van het besluit ligt in de toekomst"), answers.toString());
    }

    @Test
    void a_closed_entry_leaves_the_list_and_cannot_change_again() {
        String id = hub.add("opstart", "2026-09-01", "").get("id").asText();

        HttpResponse<String> closed = hub.post("/api/v1/waitlist/" + id + "/close", CT, "{\"reason\":\"placed_elsewhere\"}");

        assertEquals(200, closed.statusCode(), closed.body());
        assertEquals("closed", WaitlistFixture.parse(closed).get("state").asText());
        assertEquals("placed_elsewhere", WaitlistFixture.parse(closed).get("closeReason").asText());
        assertNull(hub.entry(id));
        assertEquals(0, hub.overview().get("open").asInt());
        String before = hub.state();
        refusal(hub.post("/api/v1/waitlist/" + id + "/close", CT, "{\"reason\":\"other\"}"), 409, "closed twice");
        refusal(hub.put("/api/v1/waitlist/" + id, CT, "{\"priority\":\"high\"}"), 409, "change a closed one");
        refusal(hub.post("/api/v1/waitlist/" + id + "/offer", CT, "{}"), 409, "offer to a closed one");
        assertEquals(before, hub.state());
        assertEquals("ct", new AuditLog(hub.hub.clock).entries(hub.hub.database, "waitlist.closed", 1).get(0).actor());
    }

    @Test
    void only_ct_manages_the_waiting_list_and_other_roles_change_nothing() {
        hub.testLocationLive();
        String id = hub.add("regular", "2026-09-01", "").get("id").asText();
        String before = hub.state();
        String add = "{\"need\":\"crisis\",\"decidedOn\":\"2026-09-01\",\"origin\":\"Baarn\"}";
        for (Principal other : List.of(VEILIG_THUIS, VO_DESK, NIGHT_TEST, ADMIN)) {
            assertEquals(WaitlistRoutes.CT_ONLY, refusal(hub.get("/api/v1/waitlist", other), 403, other.username()));
            refusal(hub.post("/api/v1/waitlist", other, add), 403, other.username());
            refusal(hub.put("/api/v1/waitlist/" + id, other, "{\"priority\":\"high\"}"), 403, other.username());
            refusal(hub.post("/api/v1/waitlist/" + id + "/offer", other, "{}"), 403, other.username());
            refusal(hub.post("/api/v1/waitlist/" + id + "/close", other, "{\"reason\":\"other\"}"), 403, other.username());
        }
        refusal(hub.get("/api/v1/waitlist", null), 401, "no login");
        refusal(hub.post("/api/v1/waitlist", null, add), 401, "no login");
        refusal(hub.post("/api/v1/waitlist/" + id + "/offer", null, "{}"), 401, "no login");

        assertEquals(before, hub.state());
    }

    @Test
    void a_free_place_can_be_offered_to_who_waited_longest_and_the_hold_is_the_cts() {
        String newer = hub.add("regular", "2026-10-01", "").get("id").asText();
        String older = hub.add("regular", "2026-08-01", "").get("id").asText();
        String function = hub.add("mo", "2026-07-01", "").get("id").asText();
        assertFalse(hub.entry(older).get("offerable").asBoolean(), "nothing is live yet");

        hub.testLocationLive();

        assertTrue(hub.entry(older).get("offerable").asBoolean());
        assertTrue(hub.entry(older).get("next").asBoolean(), "waited longest for a place");
        assertTrue(hub.entry(newer).get("offerable").asBoolean());
        assertFalse(hub.entry(newer).get("next").asBoolean());
        assertFalse(hub.entry(function).get("offerable").asBoolean(), "a function has no places at the hub yet");
        assertEquals(List.of(function, older, newer), ids(), "longest wait first");

        HttpResponse<String> offered = hub.post("/api/v1/waitlist/" + older + "/offer", CT, "");

        assertEquals(201, offered.statusCode(), offered.body());
        JsonNode entry = WaitlistFixture.parse(offered);
        assertEquals("offered", entry.get("state").asText());
        assertEquals("/api/v1/holds/" + entry.get("hold").asText(), offered.headers().firstValue("Location").orElseThrow());
        var hold = hub.holds.get(CT, UUID.fromString(entry.get("hold").asText()));
        assertEquals(HoldState.REQUESTED, hold.state());
        assertEquals("ct", hold.requester());
        assertEquals("test", hold.site());
        assertEquals(1, hub.overview().get("counts").findValues("offered").stream().mapToInt(JsonNode::asInt).sum());
        String before = hub.state();
        refusal(hub.post("/api/v1/waitlist/" + older + "/offer", CT, "{}"), 409, "offered twice");
        refusal(hub.post("/api/v1/waitlist/" + older + "/close", CT, "{\"reason\":\"other\"}"), 409, "close while offered");
        refusal(hub.post("/api/v1/waitlist/" + function + "/offer", CT, "{}"), 409, "a function");
        assertEquals(before, hub.state());
    }

    @Test
    void an_offer_with_nothing_free_is_the_holds_409_and_the_entry_keeps_waiting() {
        String id = hub.add("family", "2026-09-01", "").get("id").asText();
        hub.testLocationLive();
        String before = hub.state();

        assertEquals("Er is nu geen gezinsplek vrij in de regio", refusal(hub.post("/api/v1/waitlist/" + id + "/offer", CT, "{}"),
                409, "no family place"));

        assertEquals(before, hub.state());
        assertEquals("waiting", hub.entry(id).get("state").asText());
    }

    @Test
    void eight_offers_at_once_for_one_entry_make_one_hold() throws Exception {
        hub.testLocationLive();
        String id = hub.add("regular", "2026-09-01", "").get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> hub.post("/api/v1/waitlist/" + id + "/offer", CT, "{}").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            statuses.sort(null);
            assertEquals(List.of(201, 409, 409, 409, 409, 409, 409, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, hub.hub.count("SELECT COUNT(*) FROM hold"));
        assertEquals(1, hub.entry(id).get("offers").asInt());
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        hub.overview().get("entries").forEach(entry -> ids.add(entry.get("id").asText()));
        return ids;
    }

    /** Asserts the status and a Dutch error; returns the error. */
    private static String refusal(HttpResponse<String> response, int status, String what) {
        assertEquals(status, response.statusCode(), what + ": " + response.body());
        String error = WaitlistFixture.parse(response).get("error").asText();
        assertFalse(error.isBlank(), what);
        assertFalse(error.matches(".*(Exception|null|\\tat ).*"), what + ": " + error);
        return error;
    }
}
