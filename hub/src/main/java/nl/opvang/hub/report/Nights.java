package nl.opvang.hub.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Nights as the shelters count them (docs/DESIGN.md §4): a night runs from 12:00 to 12:00 Europe/Amsterdam and is named
 * by the date it starts on. Computed on local wall time, so a night across a daylight-saving change is 23 or 25 hours
 * long and still one night; 12:00 never falls in a change (those happen at 02:00 and 03:00).
 */
public final class Nights {
    /** Where the region lives: every time shown and every night counted is in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final LocalTime NOON = LocalTime.NOON;

    private Nights() {
    }

    /** The night {@code instant} belongs to: the local date of the 12:00 that began it. */
    public static LocalDate nightOf(Instant instant) {
        ZonedDateTime local = instant.atZone(ZONE);
        LocalDate date = local.toLocalDate();
        return local.toLocalTime().isBefore(NOON) ? date.minusDays(1) : date;
    }

    /** When {@code night} begins: 12:00 local on its date. */
    public static Instant start(LocalDate night) {
        return night.atTime(NOON).atZone(ZONE).toInstant();
    }

    /** When {@code night} ends: 12:00 local the next day (the next night's start). */
    public static Instant end(LocalDate night) {
        return start(night.plusDays(1));
    }
}
