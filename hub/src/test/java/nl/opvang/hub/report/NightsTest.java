package nl.opvang.hub.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NightsTest {
    @Test
    void a_night_runs_from_noon_to_noon_local_time() {
        assertEquals(LocalDate.parse("2026-11-22"), Nights.nightOf(Instant.parse("2026-11-22T11:00:00Z")), "12:00 CET");
        assertEquals(LocalDate.parse("2026-11-21"), Nights.nightOf(Instant.parse("2026-11-22T10:59:59Z")), "11:59 CET");
        assertEquals(LocalDate.parse("2026-11-22"), Nights.nightOf(Instant.parse("2026-11-23T03:00:00Z")), "04:00 CET");
        assertEquals(LocalDate.parse("2026-11-22"), Nights.nightOf(Instant.parse("2026-11-22T23:30:00Z")),
                "00:30 local on the 23rd is still the night of the 22nd, though UTC says the 22nd too");
    }

    @Test
    void the_night_into_summer_time_on_2026_03_29_is_23_hours_and_one_night() {
        LocalDate night = LocalDate.parse("2026-03-28");

        assertEquals(Instant.parse("2026-03-28T11:00:00Z"), Nights.start(night), "12:00 CET");
        assertEquals(Instant.parse("2026-03-29T10:00:00Z"), Nights.end(night), "12:00 CEST");
        assertEquals(Duration.ofHours(23), Duration.between(Nights.start(night), Nights.end(night)));
        assertEquals(night, Nights.nightOf(Instant.parse("2026-03-29T00:59:00Z")), "01:59 CET, before the change");
        assertEquals(night, Nights.nightOf(Instant.parse("2026-03-29T01:00:00Z")), "03:00 CEST, just after it");
        assertEquals(night, Nights.nightOf(Instant.parse("2026-03-29T02:00:00Z")), "04:00 CEST, the census sample");
        assertEquals(night, Nights.nightOf(Instant.parse("2026-03-29T09:59:59Z")), "11:59 CEST");
        assertEquals(LocalDate.parse("2026-03-29"), Nights.nightOf(Instant.parse("2026-03-29T10:00:00Z")), "12:00 CEST");
    }

    @Test
    void the_night_out_of_summer_time_on_2026_10_25_is_25_hours_and_one_night() {
        LocalDate night = LocalDate.parse("2026-10-24");

        assertEquals(Instant.parse("2026-10-24T10:00:00Z"), Nights.start(night), "12:00 CEST");
        assertEquals(Instant.parse("2026-10-25T11:00:00Z"), Nights.end(night), "12:00 CET");
        assertEquals(Duration.ofHours(25), Duration.between(Nights.start(night), Nights.end(night)));
        assertEquals(night, Nights.nightOf(Instant.parse("2026-10-25T00:30:00Z")), "02:30 CEST, the first 02:30");
        assertEquals(night, Nights.nightOf(Instant.parse("2026-10-25T01:30:00Z")), "02:30 CET, the second 02:30");
        assertEquals(night, Nights.nightOf(Instant.parse("2026-10-25T03:00:00Z")), "04:00 CET, the census sample");
        assertEquals(night, Nights.nightOf(Instant.parse("2026-10-25T10:59:59Z")), "11:59 CET");
        assertEquals(LocalDate.parse("2026-10-25"), Nights.nightOf(Instant.parse("2026-10-25T11:00:00Z")), "12:00 CET");
    }
}
