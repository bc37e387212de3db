package nl.opvang.hub.coldweather;

import static nl.opvang.hub.coldweather.ColdWeatherHub.ADMIN;
import static nl.opvang.hub.coldweather.ColdWeatherHub.CT;
import static nl.opvang.hub.coldweather.ColdWeatherHub.NIGHT_STAFF;
import static nl.opvang.hub.coldweather.ColdWeatherHub.VEILIG_THUIS;
import static nl.opvang.hub.coldweather.ColdWeatherHub.VO_DESK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.opvang.testing.MutableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold-weather mode over the real HTTP interface of a real hub (seed region: noodbedden at Amergaard, the
 * Vrouwenopvang and the Noodbedden location) on a hand-moved clock: on, extend, off; bad input; who may switch; and
 * the end time, also when the hub was down at that moment.
 */
class ColdWeatherApiTest {
    /** 21:00 in Amersfoort on a Monday in December. */
    static final Instant START = Instant.parse("2026-12-07T20:00:00Z");
    /** 12:00 in Amersfoort the next day: the default end. */
    static final Instant NEXT_NOON = Instant.parse("2026-12-08T11:00:00Z");
    static final List<String> NOOD_SITES = List.of("amergaard", "kw-vo", "noodbedden");

    @TempDir
    Path data;
    ColdWeatherHub hub;

    @BeforeEach
    void start() {
        hub = new ColdWeatherHub(data, new MutableClock(START));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void ct_switches_it_on_until_noon_tomorrow_for_every_location_with_noodbedden_and_the_switch_is_audited() {
        JsonNode before = hub.state(CT);
        assertFalse(before.get("active").asBoolean());
        assertEquals(NEXT_NOON.toString(), before.get("defaultUntil").asText());
        assertEquals("2026-12-08T12:00", before.get("defaultUntilLocal").asText());
        assertEquals(NOOD_SITES, texts(before.get("locations"), "code"));

        ColdWeatherHub.Answer on = hub.post(CT, "/api/v1/cold-weather", "{\"reason\":\"Vorst, KNMI code oranje\"}");

        assertEquals(201, on.status(), on.body());
        JsonNode state = hub.state(CT);
        assertTrue(state.get("active").asBoolean());
        assertEquals(NEXT_NOON.toString(), state.get("until").asText());
        assertEquals(NOOD_SITES, texts(state.get("sites")));
        assertEquals("Vorst, KNMI code oranje", state.get("reason").asText());
        assertEquals(List.of("open", "open", "open"), texts(state.get("nodes"), "desired"));
        JsonNode audited = hub.audit(ColdWeather.ON).get(0);
        assertEquals("ct", audited.get("actor").asText());
        assertEquals("tot 2026-12-08T11:00:00Z; locaties amergaard,kw-vo,noodbedden; reden: Vorst, KNMI code oranje",
                audited.get("detail").asText());
        String metrics = hub.metrics();
        assertTrue(metrics.contains("\nopvang_cold_weather_on 1.0\n"), metrics);
        assertTrue(metrics.contains("\nopvang_cold_weather_waiting_nodes 3.0\n"), "no node has confirmed: " + metrics);
    }

    @Test
    void switching_on_again_while_on_extends_it_and_a_delete_with_a_reason_ends_it_early() {
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"reason\":\"Vorst\"}").status());

        ColdWeatherHub.Answer extended = hub.post(ADMIN, "/api/v1/cold-weather",
                "{\"until\":\"2026-12-10T12:00\",\"sites\":[\"amergaard\"],\"reason\":\"Vorst houdt aan\"}");

        assertEquals(200, extended.status(), extended.body());
        JsonNode state = hub.state(CT);
        assertEquals("2026-12-10T11:00:00Z", state.get("until").asText());
        assertEquals(List.of("amergaard"), texts(state.get("sites")));
        assertEquals("admin", state.get("history").get(0).get("changedBy").asText());
        assertEquals("ct", state.get("history").get(0).get("by").asText());
        assertEquals(1, hub.audit(ColdWeather.EXTENDED).size());

        ColdWeatherHub.Answer off = hub.delete(CT, "/api/v1/cold-weather?reason=Dooi%20ingezet");

        assertEquals(200, off.status(), off.body());
        JsonNode after = hub.state(CT);
        assertFalse(after.get("active").asBoolean());
        JsonNode ended = after.get("history").get(0);
        assertEquals("ct", ended.get("endedBy").asText());
        assertEquals("Dooi ingezet", ended.get("endReason").asText());
        assertEquals(START.toString(), ended.get("endedAt").asText());
        assertEquals("ct", hub.audit(ColdWeather.OFF).get(0).get("actor").asText());
        ColdWeatherHub.Answer again = hub.delete(CT, "/api/v1/cold-weather?reason=Nog%20een%20keer");
        assertEquals(409, again.status());
        assertEquals("De koudweerregeling staat niet aan", again.json().get("error").asText());
    }

    @Test
    void bad_input_gets_a_dutch_400_and_changes_nothing() {
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"reason\":\"Vorst\"}").status());
        JsonNode before = hub.state(CT);
        int audited = hub.get(ADMIN, "/api/v1/audit?limit=500").json().size();
        Map<String, String> refusals = Map.of(
                "{\"until\":\"2026-12-07T20:00\",\"reason\":\"Vorst\"}",
                "De eindtijd ligt in het verleden; kies een tijd na nu",
                "{\"until\":\"2026-12-22T12:00\",\"reason\":\"Vorst\"}",
                "De eindtijd ligt te ver weg: hoogstens 14 dagen vooruit; verleng later opnieuw",
                "{\"sites\":[\"amergaard\",\"nergens\"],\"reason\":\"Vorst\"}", "Onbekende locatie: nergens",
                "{\"sites\":[\"smallepad\"],\"reason\":\"Vorst\"}", "Locatie Smallepad heeft geen noodbedden",
                "{\"sites\":[],\"reason\":\"Vorst\"}", "Kies minstens één locatie met noodbedden",
                "{\"until\":\"morgen\",\"reason\":\"Vorst\"}",
                "Onbekende eindtijd \"morgen\": schrijf bijvoorbeeld 2026-12-08T12:00 (Nederlandse tijd)",
                "{\"until\":\"2026-12-08T12:00\"}", "Geef een reden op (bijvoorbeeld: vorst, KNMI code oranje)",
                "{\"sites\":\"amergaard\",\"reason\":\"Vorst\"}", "Veld sites moet een lijst van locatiecodes zijn",
                "[1,2]", "Stuur een JSON-object, bijvoorbeeld {\"until\": \"2026-12-08T12:00\", \"reason\": \"vorst\"}",
                "{\"reason\":", "Stuur geldige JSON, bijvoorbeeld {\"until\": \"2026-12-08T12:00\", \"reason\": \"vorst\"}");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            ColdWeatherHub.Answer answer = hub.post(CT, "/api/v1/cold-weather", refusal.getKey());
            assertEquals(400, answer.status(), refusal.getKey() + " → " + answer.body());
            assertEquals(refusal.getValue(), answer.json().get("error").asText(), refusal.getKey());
        }
        ColdWeatherHub.Answer noReason = hub.delete(CT, "/api/v1/cold-weather");
        assertEquals(400, noReason.status());

        assertEquals(before, hub.state(CT), "nothing changed");
        assertEquals(audited, hub.get(ADMIN, "/api/v1/audit?limit=500").json().size(), "nothing audited");
    }

    @Test
    void veilig_thuis_night_staff_and_the_vo_desk_may_not_switch_but_read_the_state_as_their_role_allows() {
        for (String account : List.of(VEILIG_THUIS, NIGHT_STAFF, VO_DESK)) {
            ColdWeatherHub.Answer on = hub.post(account, "/api/v1/cold-weather", "{\"reason\":\"Vorst\"}");
            assertEquals(403, on.status(), account);
            assertEquals(ColdWeatherRoutes.SWITCHERS_ONLY, on.json().get("error").asText());
        }
        assertFalse(hub.state(CT).get("active").asBoolean(), "still off");
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"reason\":\"Vorst\"}").status());
        for (String account : List.of(VEILIG_THUIS, NIGHT_STAFF, VO_DESK)) {
            assertEquals(403, hub.delete(account, "/api/v1/cold-weather?reason=Dooi").status(), account);
        }

        JsonNode vt = hub.state(VEILIG_THUIS);
        assertTrue(vt.get("active").asBoolean());
        assertEquals(NEXT_NOON.toString(), vt.get("until").asText());
        assertEquals(List.of(), texts(vt.get("sites")), "Veilig Thuis learns no location");
        assertTrue(vt.get("nodes").isNull());
        assertEquals(List.of("amergaard", "noodbedden"), texts(hub.state(NIGHT_STAFF).get("sites")),
                "night staff: no secret location");
        assertEquals(NOOD_SITES, texts(hub.state(ADMIN).get("sites")));
        assertTrue(hub.state(CT).get("active").asBoolean(), "still on");
    }

    @Test
    void it_switches_itself_off_at_the_end_time_audited_as_ended_by_the_system() {
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather",
                "{\"until\":\"2026-12-07T23:00\",\"reason\":\"Vorst vannacht\"}").status());

        hub.advance(Duration.ofHours(1).plusMinutes(59));
        assertTrue(hub.state(CT).get("active").asBoolean(), "a minute before the end");
        hub.advance(Duration.ofMinutes(1));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !hub.audit(ColdWeather.ENDED).isEmpty());
        JsonNode ended = hub.audit(ColdWeather.ENDED).get(0);
        assertEquals(ColdWeather.SYSTEM, ended.get("actor").asText());
        assertTrue(ended.get("detail").asText().endsWith("reden: eindtijd"), ended.get("detail").asText());
        JsonNode state = hub.state(CT);
        assertFalse(state.get("active").asBoolean());
        assertEquals("eindtijd", state.get("history").get(0).get("endReason").asText());
        assertEquals("2026-12-07T22:00:00Z", state.get("history").get(0).get("endedAt").asText());
    }

    @Test
    void an_end_time_that_passed_while_the_hub_was_down_ends_it_when_the_hub_starts_again() {
        assertEquals(201, hub.post(CT, "/api/v1/cold-weather", "{\"reason\":\"Vorst\"}").status());
        hub.stop();

        hub.advance(Duration.ofDays(1));
        hub.start();

        JsonNode state = hub.state(CT);
        assertFalse(state.get("active").asBoolean(), "off from the first answer on");
        assertEquals(ColdWeather.END_TIME, state.get("history").get(0).get("endReason").asText());
        assertEquals(ColdWeather.SYSTEM, state.get("history").get(0).get("endedBy").asText());
        assertEquals(1, hub.audit(ColdWeather.ENDED).size());
    }

    static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(item -> result.add(item.asText()));
        return result;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> result = new ArrayList<>();
        array.forEach(item -> result.add(item.get(field).asText()));
        return result;
    }
}
