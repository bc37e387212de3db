package nl.opvang.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check-out without the pass (issue 15 item 8) over real HTTP, against a real node and SQLite file: staff pick the bed
 * and confirm with their PIN; the stay ends with the token stored at check-in and the event says {@code withoutPass}.
 * A wrong or missing PIN, a free or unknown bed: refused in Dutch, nothing changed.
 */
class KioskCheckOutWithoutPassTest {
    private static final String PASS = "55501234";
    private static final String PATH = "/api/check-out-without-pass";

    @TempDir
    Path dir;

    private KioskFixture fixture;
    private KioskClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new KioskFixture(dir, Duration.ofMinutes(3));
        client = new KioskClient(fixture.kiosk.uri());
        client.unlock(KioskFixture.PIN);
        assertEquals(200, client.post("/api/check-in", "{\"bed\":\"A2\",\"pass\":\"" + PASS + "\"}").status());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void the_right_pin_ends_the_stay_with_the_stored_token_and_says_so_in_the_event() throws Exception {
        KioskClient.Answer answer = client.post(PATH, "{\"bed\":\"A2\",\"pin\":\"" + KioskFixture.PIN + "\"}");

        assertEquals(200, answer.status(), answer.body());
        assertEquals("Uitgecheckt uit bed A2 zonder pas", answer.json().get("message").asText());
        assertEquals("free", bedStatus("A2"));
        List<String> rows = fixture.outbox();
        String checkIn = rows.stream().filter(row -> row.startsWith("check_in ")).findFirst().orElseThrow();
        String checkOut = rows.stream().filter(row -> row.startsWith("check_out ")).findFirst().orElseThrow();
        assertTrue(checkOut.contains("\"withoutPass\":true"), checkOut);
        assertEquals(token(checkIn), token(checkOut), "the stay is closed by the token stored at check-in");
        assertFalse(String.join("\n", rows).contains(PASS));
        assertFalse(client.get("/api/state").json().get("locked").asBoolean(), "confirming does not lock the kiosk");
    }

    @Test
    void a_wrong_or_missing_pin_is_refused_and_changes_nothing() throws Exception {
        for (String body : List.of("{\"bed\":\"A2\",\"pin\":\"0000\"}", "{\"bed\":\"A2\"}", "{\"bed\":\"A2\",\"pin\":\"\"}")) {
            KioskClient.Answer answer = client.post(PATH, body);
            assertEquals(403, answer.status(), body);
            assertEquals("Verkeerde pincode. Er is niets veranderd.", answer.json().get("error").asText(), body);
        }
        assertEquals("occupied", bedStatus("A2"));
        assertEquals(0, fixture.outboxCount("check_out"));
        assertFalse(client.get("/api/state").json().get("locked").asBoolean());
    }

    @Test
    void five_wrong_pins_make_even_the_right_one_wait() throws Exception {
        for (int i = 1; i < Sessions.TRIES_BEFORE_WAIT; i++) {
            assertEquals(403, client.post(PATH, "{\"bed\":\"A2\",\"pin\":\"0000\"}").status());
        }
        assertEquals(429, client.post(PATH, "{\"bed\":\"A2\",\"pin\":\"0000\"}").status());
        KioskClient.Answer right = client.post(PATH, "{\"bed\":\"A2\",\"pin\":\"" + KioskFixture.PIN + "\"}");
        assertEquals(429, right.status());
        assertTrue(right.json().get("error").asText().startsWith("Te vaak een verkeerde pincode. Wacht"), right.body());
        assertEquals("occupied", bedStatus("A2"));
        assertEquals(0, fixture.outboxCount("check_out"));
    }

    @Test
    void a_free_unknown_or_missing_bed_is_refused_in_dutch_and_changes_nothing() throws Exception {
        String pin = ",\"pin\":\"" + KioskFixture.PIN + "\"}";
        KioskClient.Answer free = client.post(PATH, "{\"bed\":\"A1\"" + pin);
        assertEquals(409, free.status());
        assertEquals("Dit bed is niet bezet: er is niemand om uit te checken", free.json().get("error").asText());
        KioskClient.Answer unknown = client.post(PATH, "{\"bed\":\"Z9\"" + pin);
        assertEquals(409, unknown.status());
        assertEquals("Dit bed bestaat hier niet", unknown.json().get("error").asText());
        KioskClient.Answer missing = client.post(PATH, "{\"pin\":\"" + KioskFixture.PIN + "\"}");
        assertEquals(400, missing.status());
        assertTrue(missing.json().get("error").asText().startsWith("Dat klopt niet"), missing.body());
        assertEquals(0, fixture.outboxCount("check_out"));
        assertEquals("occupied", bedStatus("A2"));
    }

    @Test
    void a_locked_kiosk_or_a_request_without_the_csrf_token_is_refused() throws Exception {
        String token = client.csrf;
        client.csrf = null;
        assertEquals(403, client.post(PATH, "{\"bed\":\"A2\",\"pin\":\"" + KioskFixture.PIN + "\"}").status());
        client.csrf = token;
        client.post("/api/lock", "{}");
        assertEquals(401, client.post(PATH, "{\"bed\":\"A2\",\"pin\":\"" + KioskFixture.PIN + "\"}").status());
        assertEquals(0, fixture.outboxCount("check_out"));
    }

    /** The bed's status as the node stores it. */
    private String bedStatus(String bed) {
        return fixture.node.state().beds().stream().filter(item -> item.bed().equals(bed)).findFirst().orElseThrow()
                .status().wire();
    }

    private static String token(String row) {
        int start = row.indexOf("\"token\":\"") + 9;
        return row.substring(start, row.indexOf('"', start));
    }
}
