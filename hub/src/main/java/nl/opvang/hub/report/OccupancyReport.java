package nl.opvang.hub.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;

/** Occupancy per night over the last weeks, per location and kind and as a region total, from {@code occupancy_night}. */
public final class OccupancyReport {
    static final int MAX_WEEKS = 52;
    static final List<String> CSV_HEADER = List.of("nacht", "locatie", "naam", "soort", "bezet_hoogste", "capaciteit");

    private final Database database;
    private final Registry registry;
    private final Clock clock;

    public OccupancyReport(Database database, Registry registry, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.clock = clock;
    }

    /** One location's kind on one night: the highest occupied seen and the open capacity. */
    public record LocationNight(String code, String name, String kind, int occupied, int capacity) {
    }

    /** One night (named by the date of its 12:00 start) with its region totals; {@code sampled} false when no data. */
    public record Night(LocalDate night, boolean sampled, int occupied, int capacity, List<LocationNight> locations) {
        public Night {
            locations = List.copyOf(locations);
        }
    }

    /** The nights from {@code from} to {@code to}, both included, oldest first. */
    public record Answer(LocalDate from, LocalDate to, int weeks, List<Night> nights) {
        public Answer {
            nights = List.copyOf(nights);
        }
    }

    /** The last {@code weeks} weeks of nights, up to and including the current one. */
    public Answer lastWeeks(int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new IllegalArgumentException("weeks must be 1 to " + MAX_WEEKS);
        }
        LocalDate to = Nights.nightOf(clock.instant());
        LocalDate from = to.minusDays(7L * weeks - 1);
        Map<LocalDate, List<LocationNight>> byNight = new LinkedHashMap<>();
        for (LocalDate night = from; !night.isAfter(to); night = night.plusDays(1)) {
            byNight.put(night, new ArrayList<>());
        }
        for (OccupancyStore.Row row : database.read(connection -> OccupancyStore.nights(connection, from, to))) {
            String name = registry.location(row.location()).map(Location::name).orElse(row.location());
            byNight.get(row.night()).add(new LocationNight(row.location(), name, row.kind(), row.occupied(),
                    row.capacity()));
        }
        List<Night> nights = new ArrayList<>();
        byNight.forEach((night, locations) -> nights.add(new Night(night, !locations.isEmpty(),
                locations.stream().mapToInt(LocationNight::occupied).sum(),
                locations.stream().mapToInt(LocationNight::capacity).sum(), locations)));
        return new Answer(from, to, weeks, nights);
    }

    /** The answer as CSV: a row per location and kind per night, then the night's region total. */
    static String csv(Answer answer) {
        List<List<Object>> rows = new ArrayList<>();
        for (Night night : answer.nights()) {
            for (LocationNight location : night.locations()) {
                rows.add(List.of(night.night().toString(), location.code(), location.name(), location.kind(),
                        location.occupied(), location.capacity()));
            }
            if (night.sampled()) {
                rows.add(List.of(night.night().toString(), "", "Regio totaal", "alle", night.occupied(), night.capacity()));
            }
        }
        return Csv.write(CSV_HEADER, rows);
    }
}
