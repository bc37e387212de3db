package nl.opvang.hub.stay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** How the nights past a limit are counted (docs/DESIGN.md §4 "Long stays"): at each night's midnight, Dutch time. */
class LongStayNightsTest {
    private static final LocalDate FIRST = LocalDate.of(2026, 12, 1);
    private static final LocalDate LAST = LocalDate.of(2026, 12, 31);
    private static final Instant LATER = at("2027-06-01T00:00");

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(nl.opvang.hub.report.Nights.ZONE).toInstant();
    }

    private static StayStore.Stay stay(String since, String until) {
        return new StayStore.Stay("kw-vo-1", "kw-vo", at(since).toEpochMilli(),
                until == null ? null : at(until).toEpochMilli(), "C1", "crisis");
    }

    @Test
    void an_ended_vo_stay_counts_the_midnights_after_three_days_until_it_left() {
        // Over from 4 Dec 20:00; there at the midnights of 5, 6 and 7 Dec: the nights of 4, 5 and 6 December.
        assertEquals(3, LongStayNights.nightsOver(stay("2026-12-01T20:00", "2026-12-07T10:00"), StayLimits.VO, FIRST,
                LAST, LATER));
        assertEquals(0, LongStayNights.nightsOver(stay("2026-12-01T20:00", "2026-12-04T19:00"), StayLimits.VO, FIRST,
                LAST, LATER), "left within three days");
    }

    @Test
    void a_stay_counts_only_the_months_nights_and_none_not_yet_reached() {
        // Over from 30 Nov 23:00: December's 31 nights, but "now" is 10 Dec 12:00: the nights of 1 to 9 December.
        assertEquals(9, LongStayNights.nightsOver(stay("2026-11-27T23:00", null), StayLimits.VO, FIRST, LAST,
                at("2026-12-10T12:00")));
        assertEquals(31, LongStayNights.nightsOver(stay("2026-11-27T23:00", null), StayLimits.VO, FIRST, LAST, LATER));
    }

    @Test
    void an_mo_stay_is_over_after_three_calendar_months() {
        // Checked in 15 Sep 21:00: over from 15 Dec 21:00; the nights of 15 to 31 December (17).
        assertEquals(17, LongStayNights.nightsOver(stay("2026-09-15T21:00", null), StayLimits.MO, FIRST, LAST, LATER));
    }
}
