package nl.opvang.hub.waitlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ageing against "in principe staat iemand niet langer dan drie maanden op een wachtlijst" (seed: Regiovisie omnv
 * Amersfoort), with its exceptions (voorkeursplek, time-out, respijt) shown but not counted, on the hub's test clock
 * ({@code MutableClock}): 22 November 2026, 23:00 Dutch time.
 */
class WaitlistAgeingTest {
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
    void three_months_to_the_day_is_not_over_the_next_day_is_and_an_exemption_is_shown_but_not_counted() {
        String plain = hub.add("regular", "2026-08-22", "").get("id").asText();
        String respite = hub.add("regular", "2026-08-22", ",\"exemption\":\"respijt\"").get("id").asText();
        String timeOut = hub.add("bw_so", "2026-06-01", ",\"exemption\":\"time_out\"").get("id").asText();
        String recent = hub.add("crisis", "2026-11-22", "").get("id").asText();

        assertEquals(92, hub.entry(plain).get("daysWaited").asInt());
        assertFalse(hub.entry(plain).get("pastThreeMonths").asBoolean(), "22 August + 3 months is today: not over yet");
        assertEquals(0, hub.overview().get("overThreeMonths").asInt());
        assertEquals(0, hub.entry(recent).get("daysWaited").asInt());

        hub.hub.clock.advance(Duration.ofHours(1));

        JsonNode overview = hub.overview();
        assertEquals("2026-11-23", overview.get("today").asText(), "midnight in the Netherlands, 23:00 UTC");
        assertEquals(93, hub.entry(plain).get("daysWaited").asInt());
        assertTrue(hub.entry(plain).get("overThreeMonths").asBoolean());
        assertTrue(hub.entry(respite).get("pastThreeMonths").asBoolean());
        assertFalse(hub.entry(respite).get("overThreeMonths").asBoolean(), "respijt is not counted");
        assertFalse(hub.entry(timeOut).get("overThreeMonths").asBoolean(), "time-out is not counted");
        assertEquals(1, overview.get("overThreeMonths").asInt());
        assertEquals(2, overview.get("exempted").asInt());
        assertEquals(4, overview.get("open").asInt());
        JsonNode regular = count(overview, "regular");
        assertEquals(2, regular.get("waiting").asInt());
        assertEquals(1, regular.get("overThreeMonths").asInt());
        assertEquals(0, count(overview, "bw_so").get("overThreeMonths").asInt());
        assertTrue(count(overview, "bw_so").get("free").isNull(), "a function has no places counted at the hub");
        assertEquals(0, count(overview, "crisis").get("overThreeMonths").asInt());

        hub.hub.clock.advance(Duration.ofDays(92));

        // Past the session's 12 hours: asked of the list itself.
        assertEquals(2, hub.waitlist.overview().overThreeMonths(), "the crisis entry too, on 23 February");
    }

    @Test
    void three_months_counts_calendar_months_so_the_end_of_a_month_ages_by_the_last_day() {
        LocalDate decided = LocalDate.of(2026, 11, 30);

        assertFalse(Ageing.pastThreeMonths(decided, LocalDate.of(2027, 2, 28)), "30 November + 3 months = 28 February");
        assertTrue(Ageing.pastThreeMonths(decided, LocalDate.of(2027, 3, 1)));
        assertEquals(90, Ageing.daysWaited(decided, LocalDate.of(2027, 2, 28)));
    }

    private static JsonNode count(JsonNode overview, String need) {
        for (JsonNode count : overview.get("counts")) {
            if (count.get("need").asText().equals(need)) {
                return count;
            }
        }
        throw new AssertionError("no count for " + need + ": " + overview);
    }
}
