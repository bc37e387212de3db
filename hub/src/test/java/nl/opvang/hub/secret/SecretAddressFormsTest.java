package nl.opvang.hub.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.RegionFileException;
import nl.opvang.hub.report.ReportWebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 10: the hub must hold no text that can carry a secret location's address. The old check looked only
 * for an upper-case postcode, so {@code Kanaalstraat 12, Amersfoort} and {@code 3811 ab} were stored. Now the contact
 * is structured (desk, phone numbers with a note, hours) and every text passes one check; each Dutch address form
 * below is refused with a Dutch 400 by the admin API, wherever it is put, and by the region file.
 */
class SecretAddressFormsTest {
    /** Street + number, number + addition, postcodes in any case and spacing, box numbers, street names alone. */
    static final List<String> ADDRESS_FORMS = List.of(
            "Kanaalstraat 12, Amersfoort", "Kanaalstraat 12", "kanaalstraat 12a", "Kanaalstraat 12 A", "Stationsplein 12-2",
            "Lange Beekstraat 12-II", "Het Zand 12 bis", "Kamp 12 hs", "Achter de Kamp 12 rood", "Hof 3", "Westsingel 9-bg",
            "Bisschopsweg 40-A", "Koningin Wilhelminalaan 1 t/m 5", "Stationsstr. 5", "12 hoog", "bij nummer 12",
            "3811 ab", "3811 AB", "3811AB", "3811ab", "3811  Ab", "3811 AB Amersfoort", "Amersfoort 3811 AB",
            "Postbus 1234", "postbus 1234, 3800 AA Amersfoort", "Postbus", "P.O. Box 1234", "PO Box 12", "p.o.box 12",
            "Antwoordnummer 123", "Kanaalstraat", "Utrechtseweg", "Langegracht", "aan de Eemkade", "Bezoekadres zie mail",
            "adres bij de balie", "Kwekersweg zeven");
    private static final String VALID = "{\"desk\": \"VO-coördinator van dienst\", \"phones\": [{\"number\": \"088 000 0200\","
            + " \"note\": \"24/7\"}, {\"number\": \"+31 6 1234 5678\", \"note\": \"na 22 uur\"}], \"hours\": \"ma-vr 09:00-17:00,"
            + " daarna de nachtdienst\"}";
    private static final String REASON = "Vrouw met kind aan de lijn, VO-nummer neemt niet op";

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

    private HttpResponse<String> put(String body) {
        return hub.put("/api/v1/locations/kw-vo/contact", Role.ADMIN, body);
    }

    @Test
    void every_address_form_is_refused_with_a_dutch_400_wherever_it_is_put() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (String form : ADDRESS_FORMS) {
            String text = hub.json.writeValueAsString(form);
            bodies.add("{\"contact\": " + text + "}");
            bodies.add("{\"desk\": " + text + ", \"phones\": [{\"number\": \"088 000 0200\"}]}");
            bodies.add("{\"phones\": [{\"number\": \"088 000 0200\", \"note\": " + text + "}]}");
            bodies.add("{\"phones\": [{\"number\": \"088 000 0200\"}], \"hours\": " + text + "}");
            bodies.add("{\"phones\": [{\"number\": " + text + "}]}");
            bodies.add("{\"phones\": [{\"number\": \"088 000 0200\"}], \"address\": " + text + "}");
        }
        for (int i = 0; i < bodies.size(); i++) {
            if (i % 40 == 39) {
                // The fixture's clock stands still, and so would the rate limiter's bucket: let it refill.
                hub.advance(Duration.ofSeconds(10));
            }
            String body = bodies.get(i);
            HttpResponse<String> response = put(body);
            assertEquals(400, response.statusCode(), body + " → " + response.body());
            String error = hub.parse(response.body()).get("error").asText();
            assertTrue(error.matches(".*\\b(adres|cijfers|telefoonnummer|tekens|veld|contacttekst)\\b.*"), "a Dutch reason: " + error);
        }
        String audit = hub.get("/api/v1/audit?action=secret.contact.set", Role.ADMIN).body();
        assertEquals(0, hub.parse(audit).size(), "nothing was stored: " + audit);
    }

    @Test
    void every_address_form_is_refused_in_the_region_file() {
        for (String form : ADDRESS_FORMS) {
            assertRefused(() -> region(form, "088 000 0200 (24/7)"), form);
            assertRefused(() -> region("Vrouwenopvang", "088 000 0200 (" + form + ")"), form);
            assertRefused(() -> region("Vrouwenopvang", form), form);
            assertRefused(() -> region("Vrouwenopvang", "088 000 0200", form), form);
        }
        assertEquals("088 000 0200 (24/7)", region("Vrouwenopvang", "088 000 0200 (24/7)").locations().get(0).phone());
    }

    /** Refused by the secret location's own checks (name, phone), not by the YAML or the schema. */
    private static void assertRefused(org.junit.jupiter.api.function.Executable read, String form) {
        String message = assertThrows(RegionFileException.class, read, form).getMessage();
        assertTrue(message.contains("van locatie 'kw-vo'"), form + " → " + message);
    }

    @Test
    void a_structured_contact_is_kept_and_break_glass_answers_it_with_tel_links() {
        HttpResponse<String> set = put(VALID);
        assertEquals(204, set.statusCode(), set.body());

        JsonNode details = hub.parse(hub.post("/api/v1/locations/kw-vo/break-glass", Role.CT,
                "{\"reason\": \"" + REASON + "\"}").body());

        JsonNode contact = details.get("contact");
        assertEquals("VO-coördinator van dienst", contact.get("desk").asText());
        assertEquals("ma-vr 09:00-17:00, daarna de nachtdienst", contact.get("hours").asText());
        assertEquals("088 000 0200", contact.get("phones").get(0).get("number").asText());
        assertEquals("24/7", contact.get("phones").get(0).get("note").asText());
        assertEquals("tel:+31880000200", contact.get("phones").get(0).get("tel").asText());
        assertEquals("tel:+31612345678", contact.get("phones").get(1).get("tel").asText());
        assertFalse(details.get("reenter").asBoolean());
        for (String number : List.of("0800 1234", "0900-1234567", "06-12345678", "+32 2 123 45 67", "033 000 0101")) {
            assertEquals(204, put("{\"phones\": [{\"number\": \"" + number + "\"}]}").statusCode(), number);
        }
    }

    @Test
    void free_text_stored_before_is_removed_at_start_not_served_and_admins_are_told_to_enter_it_again() throws Exception {
        String old = "Nachtdienst, Kanaalstraat 12, 3811 ab Amersfoort";
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
             Statement insert = db.createStatement()) {
            insert.executeUpdate("INSERT INTO location_contact (location, contact, updated_ms) VALUES ('kw-vo', '" + old
                    + "', 1)");
        }
        assertEquals(204, hub.put("/api/v1/locations/kw-jm/contact", Role.ADMIN, VALID).statusCode());
        SecretContacts contacts = new SecretContacts(hub.database, hub.registry, hub.audit, hub.clock);

        assertEquals(1, contacts.retireFreeText(), "the free text goes, the structured contact stays");
        assertEquals(0, contacts.retireFreeText(), "once");

        JsonNode details = hub.parse(hub.post("/api/v1/locations/kw-vo/break-glass", Role.CT,
                "{\"reason\": \"" + REASON + "\"}").body());
        assertTrue(details.get("contact").isNull(), details.toString());
        assertTrue(details.get("reenter").asBoolean(), details.toString());
        JsonNode states = hub.parse(hub.get("/api/v1/admin/secret-contacts", Role.ADMIN).body()).get("locations");
        Map<String, String> byCode = new java.util.HashMap<>();
        states.forEach(state -> byCode.put(state.get("code").asText(), state.get("state").asText()));
        assertEquals(Map.of("kw-vo", "reenter", "kw-jm", "set"), byCode);
        assertFalse(states.toString().contains("088 000 0200"), "the admin list shows no content: " + states);
        assertEquals(403, hub.get("/api/v1/admin/secret-contacts", Role.CT).statusCode());
        assertEquals(1, hub.parse(hub.get("/api/v1/audit?action=secret.contact.retired", Role.ADMIN).body()).size());
        hub.close();
        try (var files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains("Kanaalstraat"), "the old text is overwritten in " + file.getFileName());
            }
        }
    }

    private static nl.opvang.hub.location.Region region(String name, String phone) {
        return region(name, phone, "Kwintes");
    }

    private static nl.opvang.hub.location.Region region(String name, String phone, String provider) {
        return RegionFile.parse("test.yaml", """
                regions:
                  - code: amersfoort
                    name: Regio Amersfoort
                    locations:
                      - code: kw-vo
                        name: %s
                        provider: %s
                        municipality: Amersfoort
                        phone: %s
                        secret: true
                        nodes: [{code: kw-vo-1, beds: [{kind: regular, codes: [V1-V2]}]}]
                """.formatted(yamlText(name), yamlText(provider), yamlText(phone)));
    }

    /** Any text as a YAML scalar: a JSON string is a YAML double-quoted one. */
    private static String yamlText(String text) {
        try {
            return nl.opvang.hub.json.Json.mapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
