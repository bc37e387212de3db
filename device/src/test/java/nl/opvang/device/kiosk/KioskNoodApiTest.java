package nl.opvang.device.kiosk;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Noodbedden at the location through the kiosk's API (issue 13): open and close behind the PIN, the end-time choices,
 * the Dutch refusals, a bed closed by the hub's capacity limit, and the cold-weather banner from the hub's counts.
 */
class KioskNoodApiTest {
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

    private JsonNode nood() throws Exception {
        return client.get("/api/state").json().get("nood");
    }

    private static String tomorrow() {
        return LocalDate.now(NoodView.LOCAL).plusDays(1).toString();
    }

    @Test
    void a_locked_kiosk_cannot_open_or_close_the_noodbedden() throws Exception {
        for (String path : List.of("/api/nood/open", "/api/nood/close")) {
            KioskClient.Answer answer = client.post(path, "{\"capacity\":2,\"date\":\"" + tomorrow() + "\",\"time\":\"12:00\"}");
            assertEquals(401, answer.status(), path);
        }
        assertFalse(client.get("/api/state").json().has("nood"), "the noodbedden only behind the PIN");
        assertEquals(0, fixture.outboxCount("capacity"));
    }

    @Test
    void staff_open_a_number_until_the_chosen_day_and_hour_and_the_default_is_tomorrow_noon() throws Exception {
        client.unlock(KioskFixture.PIN);
        JsonNode nood = nood();
        assertEquals(2, nood.get("configured").asInt());
        assertFalse(nood.get("open").asBoolean());
        assertEquals("Noodbedden: gesloten", nood.get("text").asText());
        assertEquals(tomorrow(), nood.get("defaultDate").asText());
        assertEquals("12:00", nood.get("defaultTime").asText());
        assertEquals(3, nood.get("days").size());
        assertTrue(nood.get("days").get(1).get("text").asText().matches("Morgen \\d+ \\w+"), nood.toString());

        KioskClient.Answer opened = client.post("/api/nood/open",
                "{\"capacity\":1,\"date\":\"" + tomorrow() + "\",\"time\":\"12:00\"}");
        assertEquals(200, opened.status(), opened.body());
        assertTrue(opened.json().get("message").asText().matches("Noodbedden open tot (ma|di|wo|do|vr|za|zo) \\d+ \\w+ 12:00"),
                opened.body());
        nood = nood();
        assertTrue(nood.get("open").asBoolean());
        assertEquals(1, nood.get("capacity").asInt());
        assertTrue(nood.get("text").asText().matches("Noodbedden: open tot \\w+ \\d+ \\w+ 12:00 · 0 van 1 bezet"), nood.toString());
        assertEquals(1, fixture.outboxCount("capacity"));
        assertTrue(fixture.outbox().stream().anyMatch(row -> row.startsWith("capacity ") && row.contains("\"kiosk\"")));
        JsonNode counts = client.get("/api/state").json().get("counts");
        assertEquals(1, counts.get(counts.size() - 1).get("free").asInt(), counts.toString());
    }

    @Test
    void bad_choices_get_a_dutch_refusal_and_change_nothing() throws Exception {
        client.unlock(KioskFixture.PIN);
        String yesterday = LocalDate.now(NoodView.LOCAL).minusDays(1).toString();
        KioskClient.Answer past = client.post("/api/nood/open", "{\"date\":\"" + yesterday + "\",\"time\":\"12:00\"}");
        assertEquals(409, past.status());
        assertEquals("Die eindtijd is al voorbij. Kies een latere dag of tijd.", past.json().get("error").asText());
        KioskClient.Answer tooMany = client.post("/api/nood/open",
                "{\"capacity\":3,\"date\":\"" + tomorrow() + "\",\"time\":\"12:00\"}");
        assertEquals(409, tooMany.status());
        assertEquals("Zoveel noodbedden heeft deze locatie niet", tooMany.json().get("error").asText());
        KioskClient.Answer oddHour = client.post("/api/nood/open", "{\"date\":\"" + tomorrow() + "\",\"time\":\"13:37\"}");
        assertEquals(400, oddHour.status());
        assertFalse(nood().get("open").asBoolean());
        assertEquals(0, fixture.outboxCount("capacity"));
    }

    @Test
    void closing_with_a_guest_waits_until_the_place_is_free() throws Exception {
        client.unlock(KioskFixture.PIN);
        assertEquals(200, client.post("/api/nood/open", "{\"date\":\"" + tomorrow() + "\",\"time\":\"09:00\"}").status());
        fixture.node.count(Kind.NOOD, 1);
        KioskClient.Answer close = client.post("/api/nood/close", "{}");
        assertEquals(200, close.status());
        assertEquals("Noodbedden sluiten zodra ze vrij zijn", close.json().get("message").asText());
        JsonNode nood = nood();
        assertTrue(nood.get("open").asBoolean());
        assertTrue(nood.get("closing").asBoolean());
        assertEquals("Noodbedden: sluit zodra vrij · 1 bezet", nood.get("text").asText());

        fixture.node.count(Kind.NOOD, 0);
        assertEquals("Noodbedden: gesloten", nood().get("text").asText());
        assertEquals(3, fixture.outboxCount("capacity"), "opened, closing, closed");
    }

    @Test
    void a_bed_the_hub_closed_shows_gesloten_and_refuses_a_check_in() throws Exception {
        client.unlock(KioskFixture.PIN);
        fixture.command(new Command.SetCapacity(Kind.REGULAR, 2));
        await().atMost(WAIT).until(() -> "gesloten".equals(bed("A3").get("statusText").asText()));
        assertFalse(bed("A3").get("open").asBoolean());
        KioskClient.Answer refused = client.post("/api/check-in", "{\"bed\":\"A3\",\"pass\":\"12345678\"}");
        assertEquals(409, refused.status());
        assertEquals("Dit bed is gesloten: de centrale heeft het aantal plekken verlaagd", refused.json().get("error").asText());
        assertEquals(0, fixture.outboxCount("check_in"));
        assertEquals(2, client.get("/api/state").json().get("counts").get(0).get("free").asInt(), "closed beds are not free");
    }

    @Test
    void the_cold_weather_banner_follows_the_hubs_counts() throws Exception {
        assertFalse(client.get("/api/state").json().has("coldWeather"));
        Instant until = LocalDate.now(NoodView.LOCAL).plusDays(1).atTime(12, 0).atZone(NoodView.LOCAL).toInstant();
        fixture.counts(HubCounts.of(Instant.now(), List.of(), until));
        await().atMost(WAIT).until(() -> client.get("/api/state").json().has("coldWeather"));
        assertEquals("Koudweerregeling actief tot " + Dutch.dayTime(until),
                client.get("/api/state").json().get("coldWeather").get("text").asText(), "also on the lock screen");
        fixture.counts(HubCounts.of(Instant.now(), List.of(), null));
        await().atMost(WAIT).until(() -> !client.get("/api/state").json().has("coldWeather"));
    }

    private JsonNode bed(String code) throws Exception {
        for (JsonNode bed : client.get("/api/state").json().get("beds")) {
            if (code.equals(bed.get("bed").asText())) {
                return bed;
            }
        }
        throw new AssertionError("no bed " + code);
    }
}
