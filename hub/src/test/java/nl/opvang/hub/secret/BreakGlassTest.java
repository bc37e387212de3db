package nl.opvang.hub.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.report.ReportWebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreakGlassTest {
    /** A desk name that appears nowhere else, so that it can be searched for in every answer. */
    private static final String CANARY = "Kanariebalie VO-coördinator";
    private static final String CONTACT = "{\"desk\": \"" + CANARY + "\", \"phones\": [{\"number\": \"06-99 88 77 66\","
            + " \"note\": \"dag en nacht\"}], \"hours\": \"24/7\"}";
    private static final String REASON = "Vrouw met kind aan de lijn, VO-nummer neemt niet op";

    @TempDir
    Path dataDir;
    ReportWebFixture hub;

    @BeforeEach
    void start() {
        hub = new ReportWebFixture(dataDir, Instant.parse("2026-11-22T22:14:00Z"));
        hub.heard("kw-vo-1");
        HttpResponse<String> set = hub.put("/api/v1/locations/kw-vo/contact", Role.ADMIN, CONTACT);
        assertEquals(204, set.statusCode(), set.body());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> breakGlass(String code, Role role, String reason) {
        return hub.post("/api/v1/locations/" + code + "/break-glass", role, "{\"reason\": \"" + reason + "\"}");
    }

    @Test
    void ct_opens_the_contact_details_with_a_reason_and_the_read_is_audited_with_it() {
        HttpResponse<String> response = breakGlass("kw-vo", Role.CT, REASON);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode details = hub.parse(response.body());
        assertEquals("kw-vo", details.get("code").asText());
        assertEquals("Vrouwenopvang", details.get("name").asText());
        assertEquals(CANARY, details.get("contact").get("desk").asText());
        assertEquals("06-99 88 77 66", details.get("contact").get("phones").get(0).get("number").asText());
        assertEquals("tel:+31699887766", details.get("contact").get("phones").get(0).get("tel").asText());
        assertFalse(details.get("phone").asText().isBlank());
        JsonNode entries = hub.parse(hub.get("/api/v1/audit?action=secret.read", Role.ADMIN).body());
        assertEquals(1, entries.size());
        assertEquals("test-ct", entries.get(0).get("actor").asText());
        assertEquals("kw-vo", entries.get(0).get("subject").asText());
        assertEquals(REASON, entries.get(0).get("detail").asText());
        assertTrue(hub.audit.verify(hub.database, List.of()).intact());
    }

    @Test
    void admins_see_the_break_glass_reads_on_the_audit_page() {
        breakGlass("kw-vo", Role.CT, REASON);

        HttpResponse<String> page = hub.get("/admin/audit", Role.ADMIN);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(REASON), page.body());
        assertTrue(page.body().contains("test-ct"));
        assertFalse(page.body().contains(CANARY), "the page shows the reason, not what was read");
        assertEquals(403, hub.get("/admin/audit", Role.CT).statusCode());
        assertEquals(403, hub.get("/api/v1/audit", Role.CT).statusCode());
        assertEquals(401, hub.get("/api/v1/audit", null).statusCode());
    }

    @Test
    void a_reason_is_required_between_10_and_500_characters() {
        assertEquals(400, breakGlass("kw-vo", Role.CT, "urgent").statusCode());
        assertEquals(400, breakGlass("kw-vo", Role.CT, "   kort    ").statusCode(), "spaces do not count");
        assertEquals(400, breakGlass("kw-vo", Role.CT, "x".repeat(501)).statusCode());
        assertEquals(400, hub.post("/api/v1/locations/kw-vo/break-glass", Role.CT, "{\"why\": 3}").statusCode());
        assertEquals(400, hub.post("/api/v1/locations/kw-vo/break-glass", Role.CT, "not json").statusCode());
        assertEquals(0, hub.parse(hub.get("/api/v1/audit?action=secret.read", Role.ADMIN).body()).size(),
                "nothing opened, nothing logged");
    }

    @Test
    void only_ct_may_break_the_glass_and_only_for_a_known_secret_location() {
        assertEquals(401, breakGlass("kw-vo", null, REASON).statusCode());
        assertEquals(403, breakGlass("kw-vo", Role.VEILIG_THUIS, REASON).statusCode());
        assertEquals(403, breakGlass("kw-vo", Role.ADMIN, REASON).statusCode());
        assertEquals(404, breakGlass("nowhere", Role.CT, REASON).statusCode());
        assertEquals(400, breakGlass("smallepad", Role.CT, REASON).statusCode());
        assertEquals(403, hub.put("/api/v1/locations/kw-vo/contact", Role.CT, CONTACT).statusCode());
    }

    @Test
    void without_break_glass_the_contact_text_is_in_no_answer() {
        for (String path : List.of("/api/v1/availability", "/api/v1/locations", "/api/v1/locations/kw-vo", "/print",
                "/api/v1/reports/availability.csv", "/api/v1/audit", "/admin/audit")) {
            for (Role role : Role.values()) {
                HttpResponse<String> response = hub.get(path, role);
                assertFalse(response.body().contains("Kanariebalie") || response.body().contains("99 88 77 66"),
                        path + " as " + role + " shows the contact");
            }
        }
    }

    @Test
    void an_address_is_refused_and_the_earlier_contact_stands() {
        HttpResponse<String> response = hub.put("/api/v1/locations/kw-vo/contact", Role.ADMIN,
                "{\"desk\": \"Bel aan bij Voorbeeldstraat 1, 3811 AB Amersfoort\", \"phones\": [{\"number\": \"088 000 0200\"}]}");

        assertEquals(400, response.statusCode());
        assertTrue(hub.parse(response.body()).get("error").asText().contains("adres"), response.body());
        assertEquals(CANARY, hub.parse(breakGlass("kw-vo", Role.CT, REASON).body()).get("contact").get("desk").asText(),
                "the earlier contact stands");
    }

    @Test
    void setting_a_contact_text_is_audited_without_the_text() {
        JsonNode entries = hub.parse(hub.get("/api/v1/audit?action=secret.contact.set", Role.ADMIN).body());

        assertEquals(1, entries.size());
        assertEquals("test-admin", entries.get(0).get("actor").asText());
        assertEquals("set", entries.get(0).get("detail").asText());
    }
}
