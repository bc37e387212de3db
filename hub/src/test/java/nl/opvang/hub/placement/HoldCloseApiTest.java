package nl.opvang.hub.placement;

import static nl.opvang.hub.placement.PlacementFixture.CT;
import static nl.opvang.hub.placement.PlacementFixture.NIGHT_TEST;
import static nl.opvang.hub.placement.PlacementFixture.OTHER_CT;
import static nl.opvang.hub.placement.PlacementFixture.VEILIG_THUIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import nl.opvang.hub.http.Principal;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 2 at the API: an ended request stays with its requester, with its state, reason and end time, until
 * they close it ({@code POST /api/v1/holds/{id}/close}); withdrawing ({@code DELETE}) notes the time it happened. Bad
 * input gets a Dutch error and changes nothing. Real server, real SQLite, real HTTP.
 */
class HoldCloseApiTest {
    private static final String A_REGULAR = "{\"site\":\"test\",\"kind\":\"regular\"}";
    private static final String ANY_CRISIS = "{\"site\":null,\"kind\":\"crisis\",\"bed\":null}";

    @TempDir
    Path dataDir;
    HoldHttpFixture hub;

    @BeforeEach
    void start() {
        hub = new HoldHttpFixture(dataDir);
        hub.store.testLocationLive();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_refused_request_stays_with_its_reason_until_its_requester_closes_it_and_closed_it_stays_closed() {
        String id = create(CT, A_REGULAR);
        hub.store.hub.clock.advance(Duration.ofMinutes(3));
        Instant refusedAt = hub.store.hub.clock.instant();
        assertEquals(200, hub.post("/api/v1/holds/" + id + "/refuse", NIGHT_TEST, "{\"reason\":\"Vol met zieke gast\"}")
                .statusCode());

        JsonNode refused = listed(CT, id);
        assertEquals("refused", refused.get("state").asText());
        assertEquals("Vol met zieke gast", refused.get("refusal").asText());
        assertEquals(refusedAt.toString(), refused.get("endedAt").asText());
        assertTrue(refused.get("closedAt").isNull());
        assertTrue(refused.get("mayClose").asBoolean());

        hub.store.hub.clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> closed = hub.post("/api/v1/holds/" + id + "/close", CT, "");

        assertEquals(200, closed.statusCode(), closed.body());
        Instant closedAt = hub.store.hub.clock.instant();
        assertEquals(closedAt.toString(), hub.parse(closed).get("closedAt").asText());
        assertFalse(hub.parse(closed).get("mayClose").asBoolean());
        assertEquals(closedAt.toString(), listed(CT, id).get("closedAt").asText(), "a reload keeps it closed");
        assertEquals(1, audited(id, "hold.closed", closedAt));
        assertEquals("refused", listed(CT, id).get("state").asText(), "closing changes nothing else");

        assertEquals(200, hub.post("/api/v1/holds/" + id + "/close", CT, "").statusCode(), "closing twice is no error");
        assertEquals(1, hub.store.hub.count("SELECT COUNT(*) FROM audit WHERE action = 'hold.closed'"), "nor a change");
    }

    @Test
    void a_running_request_is_not_closed_but_withdrawn_first_and_nothing_changes() {
        String id = create(CT, A_REGULAR);
        long audit = auditCount();

        HttpResponse<String> refused = hub.post("/api/v1/holds/" + id + "/close", CT, "");

        assertEquals(409, refused.statusCode());
        assertEquals("Deze aanvraag loopt nog. Trek de aanvraag eerst in.", hub.parse(refused).get("error").asText());
        JsonNode hold = listed(CT, id);
        assertEquals("requested", hold.get("state").asText());
        assertTrue(hold.get("closedAt").isNull());
        assertFalse(hold.get("mayClose").asBoolean());
        assertEquals(audit, auditCount());
    }

    @Test
    void an_unknown_or_malformed_id_is_404_and_someone_elses_request_is_not_closed() {
        String theirs = create(OTHER_CT, ANY_CRISIS);
        assertEquals(200, hub.delete("/api/v1/holds/" + theirs, OTHER_CT).statusCode());
        long audit = auditCount();

        assertError(404, "Deze aanvraag bestaat niet (of is niet van u)",
                hub.post("/api/v1/holds/00000000-0000-4000-8000-000000000000/close", CT, ""));
        assertError(404, "Deze aanvraag bestaat niet", hub.post("/api/v1/holds/geen-id/close", CT, ""));
        // CT sees every request, but closes only its own; other roles make no holds and close none.
        assertError(403, "Alleen de aanvrager kan deze aanvraag sluiten", hub.post("/api/v1/holds/" + theirs + "/close", CT, ""));
        assertError(403, "Alleen de aanvrager kan deze aanvraag sluiten",
                hub.post("/api/v1/holds/" + theirs + "/close", VEILIG_THUIS, ""));
        assertError(403, "Alleen de aanvrager kan deze aanvraag sluiten",
                hub.post("/api/v1/holds/" + theirs + "/close", NIGHT_TEST, ""));

        assertTrue(listed(OTHER_CT, theirs).get("closedAt").isNull());
        assertTrue(listed(OTHER_CT, theirs).get("mayClose").asBoolean());
        assertEquals(audit, auditCount());
    }

    @Test
    void withdrawing_an_accepted_request_gives_the_place_up_and_notes_the_time_of_the_withdrawal() {
        String id = create(CT, "{\"site\":\"test\",\"kind\":\"crisis\",\"bed\":\"T5\"}");
        assertEquals(200, hub.post("/api/v1/holds/" + id + "/accept", NIGHT_TEST, "{\"instructions\":\"Bel aan\"}")
                .statusCode());
        Instant acceptedAt = hub.store.hub.clock.instant();
        hub.store.hub.clock.advance(Duration.ofMinutes(42));
        Instant withdrawnAt = hub.store.hub.clock.instant();

        HttpResponse<String> withdrawn = hub.delete("/api/v1/holds/" + id, CT);

        assertEquals(200, withdrawn.statusCode());
        JsonNode hold = hub.parse(withdrawn);
        assertEquals("cancelled", hold.get("state").asText());
        assertEquals(acceptedAt.toString(), hold.get("answeredAt").asText());
        assertEquals(withdrawnAt.toString(), hold.get("endedAt").asText());
        assertEquals(1, audited(id, "hold.cancelled", withdrawnAt));
        assertEquals(0, hub.store.held("test", Kind.CRISIS), "the place is given up");
        assertTrue(listed(CT, id).get("mayClose").asBoolean(), "and the request stays until closed");
    }

    private String create(Principal as, String body) {
        HttpResponse<String> created = hub.post("/api/v1/holds", as, body);
        assertEquals(201, created.statusCode(), created.body());
        return hub.parse(created).get("id").asText();
    }

    /** The hold as {@code GET /api/v1/holds} lists it for {@code as} (what a page loads on a reload). */
    private JsonNode listed(Principal as, String id) {
        for (JsonNode hold : hub.parse(hub.get("/api/v1/holds", as)).get("holds")) {
            if (hold.get("id").asText().equals(id)) {
                return hold;
            }
        }
        throw new AssertionError("hold " + id + " not listed for " + as.username());
    }

    private long audited(String id, String action, Instant at) {
        return hub.store.hub.count("SELECT COUNT(*) FROM audit WHERE subject = 'hold:" + id + "' AND action = '" + action
                + "' AND at_ms = " + at.toEpochMilli());
    }

    private long auditCount() {
        return hub.store.hub.count("SELECT COUNT(*) FROM audit");
    }

    private void assertError(int status, String error, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, hub.parse(response).get("error").asText());
    }
}
