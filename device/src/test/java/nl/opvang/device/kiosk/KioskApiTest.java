package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.opvang.protocol.Ack;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HoldRefusal;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.TurnAwayReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk's JSON API over real HTTP, against a real node, SQLite file and embedded broker. */
class KioskApiTest {
    private static final String PASS = "98765432";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private KioskFixture fixture;
    private KioskClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new KioskFixture(dir, Duration.ofMinutes(3));
        client = new KioskClient(fixture.kiosk.uri());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void a_locked_kiosk_shows_no_beds_and_refuses_every_change() throws Exception {
        KioskClient.Answer state = client.get("/api/state");
        assertEquals(200, state.status());
        assertTrue(state.json().get("locked").asBoolean());
        assertFalse(state.json().has("beds"));
        assertFalse(state.json().has("address"), "the location's address only behind the PIN");
        for (String path : new String[] {"/api/check-in", "/api/check-out", "/api/bed-status", "/api/turn-away",
                "/api/holds/accept", "/api/holds/refuse", "/api/lock"}) {
            KioskClient.Answer answer = client.post(path, "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\",\"reason\":\"full\"}");
            assertEquals(401, answer.status(), path);
            assertTrue(answer.json().get("error").asText().contains("vergrendeld"), path);
        }
        assertEquals(0, fixture.outboxCount("check_in"));
        assertEquals(0, fixture.outboxCount("turn_away"));
    }

    @Test
    void the_right_pin_unlocks_and_shows_beds_with_free_counts() throws Exception {
        KioskClient.Answer unlock = client.unlock(KioskFixture.PIN);
        assertEquals(200, unlock.status());
        KioskClient.Answer state = client.get("/api/state");
        assertFalse(state.json().get("locked").asBoolean());
        assertEquals(4, state.json().get("beds").size());
        assertEquals("vrij", state.json().get("beds").get(0).get("statusText").asText());
        assertEquals("Vrij", state.json().get("counts").get(0).get("label").asText());
        assertEquals(3, state.json().get("counts").get(0).get("free").asInt());
        assertEquals(Dutch.REGION_UNAVAILABLE, state.json().get("region").get("text").asText());
        assertEquals(KioskFixture.ADDRESS, state.json().get("address").asText(), "the location's own address, for staff");
    }

    @Test
    void wrong_pins_are_refused_and_after_five_even_the_right_pin_waits() throws Exception {
        for (int i = 1; i < Sessions.TRIES_BEFORE_WAIT; i++) {
            KioskClient.Answer wrong = client.unlock("0000");
            assertEquals(401, wrong.status());
            assertEquals("Verkeerde pincode", wrong.json().get("error").asText());
        }
        KioskClient.Answer fifth = client.unlock("0000");
        assertEquals(429, fifth.status());
        assertEquals(30, fifth.json().get("retryAfterSeconds").asInt());
        KioskClient.Answer right = client.unlock(KioskFixture.PIN);
        assertEquals(429, right.status());
        assertTrue(right.json().get("error").asText().startsWith("Te vaak een verkeerde pincode. Wacht"));
        assertTrue(client.get("/api/state").json().get("locked").asBoolean());
    }

    @Test
    void an_event_the_hub_refused_is_shown_as_not_processed_with_its_reason_and_kept() throws Exception {
        client.unlock(KioskFixture.PIN);
        assertEquals(200, client.post("/api/check-in", "{\"bed\":\"A2\",\"pass\":\"" + PASS + "\"}").status());
        await().atMost(WAIT).until(() -> fixture.atHub.stream().anyMatch(message -> message.type().equals("check_in")));
        long seq = fixture.atHub.stream().filter(message -> message.type().equals("check_in")).findFirst().orElseThrow()
                .envelope().seq();

        fixture.ack(seq, List.of(new Ack.Rejection(seq, "does not follow the contract (bad_field): field 'token'")));

        await().atMost(WAIT).until(() -> fixture.node.pendingCount() == 0);
        KioskClient.Answer state = client.get("/api/state");
        assertEquals("Niet verwerkt door de centrale: does not follow the contract (bad_field): field 'token'",
                state.json().get("rejections").get(0).get("text").asText());
        assertEquals("check_in", state.json().get("rejections").get(0).get("type").asText());
        assertTrue(fixture.node.lastRejections().get(0).payload().contains("\"bed\":\"A2\""), "kept for support");
    }

    @Test
    void a_change_without_the_csrf_token_is_forbidden_even_when_unlocked() throws Exception {
        client.unlock(KioskFixture.PIN);
        String token = client.csrf;
        client.csrf = null;
        assertEquals(403, client.post("/api/check-in", "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\"}").status());
        client.csrf = "not-the-token";
        assertEquals(403, client.post("/api/check-in", "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\"}").status());
        client.csrf = token;
        assertEquals(200, client.post("/api/check-in", "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\"}").status());
        assertEquals(1, fixture.outboxCount("check_in"));
    }

    @Test
    void a_check_in_is_in_the_outbox_and_no_answer_ever_contains_the_pass_number() throws Exception {
        client.unlock(KioskFixture.PIN);
        KioskClient.Answer checkIn = client.post("/api/check-in", "{\"bed\":\"A2\",\"pass\":\"" + PASS + "\",\"origin\":\"0307\"}");
        assertEquals(200, checkIn.status());
        assertEquals("Ingecheckt in bed A2", checkIn.json().get("message").asText());
        String row = fixture.outbox().stream().filter(line -> line.startsWith("check_in ")).findFirst().orElseThrow();
        assertTrue(row.contains("\"bed\":\"A2\""), row);
        assertTrue(row.contains("\"token\":\"k1:"), row);
        assertFalse(row.contains(PASS), row);
        KioskClient.Answer state = client.get("/api/state");
        assertEquals("bezet", state.json().get("beds").get(1).get("statusText").asText());
        KioskClient.Answer checkOut = client.post("/api/check-out",
                "{\"bed\":\"A2\",\"pass\":\"" + PASS + "\",\"destination\":\"woning\"}");
        assertEquals(200, checkOut.status());
        for (KioskClient.Answer answer : new KioskClient.Answer[] {checkIn, state, checkOut, client.get("/api/state")}) {
            assertFalse(answer.body().contains(PASS), answer.body());
        }
    }

    @Test
    void a_refused_operation_says_why_in_dutch_and_stores_nothing() throws Exception {
        client.unlock(KioskFixture.PIN);
        client.post("/api/check-in", "{\"bed\":\"A1\",\"pass\":\"" + PASS + "\"}");
        long before = fixture.outbox().size();
        KioskClient.Answer again = client.post("/api/check-in", "{\"bed\":\"A1\",\"pass\":\"11112222\"}");
        assertEquals(409, again.status());
        assertEquals("Dit bed is al bezet", again.json().get("error").asText());
        KioskClient.Answer otherPass = client.post("/api/check-out", "{\"bed\":\"A1\",\"pass\":\"11112222\"}");
        assertEquals("Deze pas hoort niet bij dit bed", otherPass.json().get("error").asText());
        KioskClient.Answer noPass = client.post("/api/check-in", "{\"bed\":\"A2\",\"pass\":\"\"}");
        assertEquals(Dutch.NO_PASS, noPass.json().get("error").asText());
        assertEquals(before, fixture.outbox().size());
    }

    @Test
    void a_pass_read_by_the_reader_while_the_dialog_waits_checks_in_without_reaching_the_page() throws Exception {
        client.unlock(KioskFixture.PIN);
        fixture.reader.present("55556666");
        assertFalse(client.get("/api/state").json().get("passRead").asBoolean(), "read before the dialog opened");
        client.post("/api/reader/arm", "{}");
        fixture.reader.present("55556666");
        KioskClient.Answer state = client.get("/api/state");
        assertTrue(state.json().get("passRead").asBoolean());
        assertFalse(state.body().contains("55556666"));
        assertEquals(200, client.post("/api/check-in", "{\"bed\":\"A3\",\"fromReader\":true}").status());
        assertEquals(200, client.post("/api/check-out", "{\"bed\":\"A3\",\"pass\":\"55556666\"}").status());
    }

    @Test
    void bed_status_turn_away_and_hold_answers_are_recorded() throws Exception {
        client.unlock(KioskFixture.PIN);
        assertEquals(200, client.post("/api/bed-status", "{\"bed\":\"A3\",\"status\":\"cleaning\"}").status());
        assertEquals("schoonmaak", client.get("/api/state").json().get("beds").get(2).get("statusText").asText());
        assertEquals(400, client.post("/api/bed-status", "{\"bed\":\"A3\",\"status\":\"occupied\"}").status());
        assertEquals(200, client.post("/api/turn-away", "{\"reason\":\"full\"}").status());
        assertEquals(1, fixture.outboxCount("turn_away"));
        // The reasons the page offers are the protocol's one vocabulary, with its Dutch labels.
        JsonNode reasons = client.get("/api/state").json().get("turnAwayReasons");
        assertEquals(TurnAwayReason.values().length, reasons.size());
        for (TurnAwayReason reason : TurnAwayReason.values()) {
            assertEquals(reason.wire(), reasons.get(reason.ordinal()).get("reason").asText());
            assertEquals(reason.label(), reasons.get(reason.ordinal()).get("text").asText());
        }
        assertEquals(200, client.post("/api/turn-away", "{\"reason\":\"regional_binding\"}").status());
        assertEquals(400, client.post("/api/turn-away", "{\"reason\":\"geen_plek\"}").status());
        assertEquals(2, fixture.outboxCount("turn_away"), "an unknown reason records nothing");
        UUID accepted = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        Instant expires = Instant.now().plus(Duration.ofMinutes(2));
        fixture.command(new Command.Hold(accepted, Kind.CRISIS, null, expires, "Veilig Thuis"));
        fixture.command(new Command.Hold(refused, Kind.REGULAR, null, expires, "CT"));
        await().atMost(WAIT).until(() -> client.get("/api/state").json().get("holds").size() == 2);
        assertTrue(client.get("/api/state").json().get("holds").get(0).get("secondsLeft").asLong() > 100);
        assertEquals(200, client.post("/api/holds/accept",
                "{\"hold\":\"" + accepted + "\",\"instructions\":\"Meld je om 23:00 bij de achterdeur\"}").status());
        // The reasons the page offers for a refusal are the protocol's one vocabulary; the label is the reason sent.
        JsonNode refusals = client.get("/api/state").json().get("holdRefusals");
        assertEquals(HoldRefusal.values().length, refusals.size());
        for (HoldRefusal refusal : HoldRefusal.values()) {
            assertEquals(refusal.label(), refusals.get(refusal.ordinal()).get("reason").asText());
            assertEquals(refusal.label(), refusals.get(refusal.ordinal()).get("text").asText());
        }
        assertEquals(200, client.post("/api/holds/refuse", "{\"hold\":\"" + refused + "\",\"reason\":\""
                + HoldRefusal.NO_PLACE.label() + "\"}").status());
        assertEquals(1, fixture.outboxCount("hold_accepted"));
        assertEquals(1, fixture.outboxCount("hold_refused"));
        KioskClient.Answer unknown = client.post("/api/holds/refuse", "{\"hold\":\"" + refused + "\",\"reason\":\"Anders\"}");
        assertEquals("Deze aanvraag bestaat niet meer (verlopen of ingetrokken)", unknown.json().get("error").asText());
    }

    @Test
    void the_kiosk_locks_itself_after_the_idle_time() throws Exception {
        fixture.close();
        fixture = new KioskFixture(dir.resolve("idle"), Duration.ofSeconds(1));
        client = new KioskClient(fixture.kiosk.uri());
        client.unlock(KioskFixture.PIN);
        assertFalse(client.get("/api/state").json().get("locked").asBoolean());
        await().atMost(WAIT).until(() -> client.get("/api/state").json().get("locked").asBoolean());
        assertEquals(401, client.post("/api/turn-away", "{\"reason\":\"full\"}").status());
    }

    @Test
    void the_page_and_its_files_are_served_from_the_jar_and_other_hosts_are_refused() throws Exception {
        KioskClient.Answer page = client.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("lang=\"nl\""));
        assertEquals(200, client.get("/kiosk.js").status());
        assertEquals(200, client.get("/kiosk.css").status());
        assertEquals(404, client.get("/nope").status());
    }
}
