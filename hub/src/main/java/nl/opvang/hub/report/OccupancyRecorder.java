package nl.opvang.hub.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * Occupancy per night for the reports: every quarter hour (04:00 Europe/Amsterdam is one of them, as whole-hour
 * offsets keep local quarters on UTC quarters) each location's occupied and open capacity per kind is sampled from the
 * projection, and the night's row keeps the highest seen. The night is the one that began at the previous 12:00 local
 * time ({@link Nights}), so a sample at 04:00 counts for the evening before. Locations that are not live are sampled at
 * their last known figures: people still sleep there when a node is silent. Before any node has spoken (a hub just
 * started) nothing is sampled: those zeros are no measurement ("geen gegevens", not "0 bezet").
 */
public final class OccupancyRecorder {
    private static final long QUARTER_MS = 15 * 60 * 1000L;

    private final Database database;
    private final AvailabilityProjection projection;
    private final Clock clock;
    private long lastQuarter = Long.MIN_VALUE;

    public OccupancyRecorder(Database database, AvailabilityProjection projection, Clock clock) {
        this.database = database;
        this.projection = projection;
        this.clock = clock;
    }

    /**
     * Samples if a quarter hour began since the last sample; the hub calls this every minute. A quarter hour in which
     * no node had spoken yet (a hub just started) is tried again at the next call, so the first sample follows within
     * a minute of the first node, not at the next quarter hour.
     */
    public synchronized boolean sampleIfDue() {
        long quarter = Math.floorDiv(clock.millis(), QUARTER_MS);
        if (quarter == lastQuarter || !sample()) {
            return false;
        }
        lastQuarter = quarter;
        return true;
    }

    /** One past night's figure of a location's kind, for {@link #backfill}. */
    public record PastNight(LocalDate night, String location, Kind kind, int occupied, int capacity) {
    }

    /**
     * Folds figures of past nights into their rows as samples would have (the highest stays). Only for what the hub
     * could not sample itself: the demo's generated history (hub {@code demo.Demo}), whose events arrive today with
     * their own past times while this recorder samples the live state.
     */
    public void backfill(List<PastNight> nights) {
        List<OccupancyStore.Row> rows = nights.stream().map(past -> new OccupancyStore.Row(past.night(), past.location(),
                past.kind().wire(), past.occupied(), past.capacity())).toList();
        long now = clock.millis();
        database.transaction(connection -> {
            OccupancyStore.sample(connection, rows, now);
            return null;
        });
    }

    /** One sample now, folded into the current night's rows; false when no node has spoken yet (nothing sampled). */
    public boolean sample() {
        Instant now = clock.instant();
        LocalDate night = Nights.nightOf(now);
        if (projection.snapshot().locations().values().stream().allMatch(location -> location.lastConfirmedAt() == null)) {
            return false; // no node has spoken yet: nothing is measured, and the night says "geen gegevens", not "0 bezet"
        }
        database.transaction(connection -> {
            List<OccupancyStore.Row> samples = new ArrayList<>();
            for (LocationAvailability location : projection.snapshot().locations().values()) {
                for (KindAvailability kind : location.kinds()) {
                    samples.add(new OccupancyStore.Row(night, location.code(), kind.kind().wire(), kind.occupied(),
                            kind.capacity()));
                }
            }
            OccupancyStore.sample(connection, samples, now.toEpochMilli());
            return null;
        });
        return true;
    }
}
