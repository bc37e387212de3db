package nl.opvang.hub.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import nl.opvang.hub.report.Nights;

/**
 * Which nights a stay slept (docs/MONITORING.md "Nights slept"): a night (12:00 to 12:00, {@link Nights}) is slept when
 * the stay covers its 04:00 local time, the moment the occupancy samples also count (report.OccupancyRecorder).
 */
final class StayNights {
    private static final LocalTime FOUR = LocalTime.of(4, 0);

    private StayNights() {
    }

    /** The first night a stay checked in at {@code in} sleeps. */
    static LocalDate first(Instant in) {
        LocalDate night = Nights.nightOf(in);
        return in.isBefore(fourOf(night)) ? night : night.plusDays(1);
    }

    /** The last night a stay checked out at {@code out} (or still there at {@code out}) slept. */
    static LocalDate last(Instant out) {
        LocalDate night = Nights.nightOf(out);
        return out.isBefore(fourOf(night)) ? night.minusDays(1) : night;
    }

    private static Instant fourOf(LocalDate night) {
        return ZonedDateTime.of(night.plusDays(1), FOUR, Nights.ZONE).toInstant();
    }
}
