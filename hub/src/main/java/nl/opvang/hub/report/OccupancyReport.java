package nl.opvang.hub.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;

/** Occupancy per night over the last weeks, per location and kind and as a region total, from {@code occupancy_night}. */
public final class OccupancyReport {
    static final int MAX_WEEKS = 52;
    static final List<String> CSV_HEADER = List.of("nacht", "locatie", "naam", "soort", "bezet_hoogste", "capaciteit",
            "uitgecheckt_zonder_pas", "soort_code");

    private final Database database;
    private final Registry registry;
    private final Clock clock;

    public OccupancyReport(Database database, Registry registry, Clock clock) {
        this.database = database;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * One location's kind on one night: the highest occupied seen, the open capacity, and the stays ended by a
     * check-out without the pass that night (issue #15 item 8).
     */
    public record LocationNight(String code, String name, String kind, int occupied, int capacity, int withoutPass) {
    }

    /**
     * One night (named by the date of its 12:00 start) with its region totals; {@code sampled} false when no
     * occupancy was measured (a check-out without the pass is still counted).
     */
    public record Night(LocalDate night, boolean sampled, int occupied, int capacity, int withoutPass,
            List<LocationNight> locations) {
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
        Map<LocalDate, Map<String, Integer>> withoutPass = new LinkedHashMap<>();
        for (LocalDate night = from; !night.isAfter(to); night = night.plusDays(1)) {
            withoutPass.put(night, new LinkedHashMap<>());
        }
        List<OccupancyStore.Row> rows = database.read(connection -> OccupancyStore.nights(connection, from, to));
        for (OccupancyStore.WithoutPass out : database.read(connection -> OccupancyStore.withoutPass(connection,
                Nights.start(from), Nights.end(to)))) {
            withoutPass.get(Nights.nightOf(out.out())).merge(out.location() + "/" + out.kind(), 1, Integer::sum);
        }
        List<Night> nights = new ArrayList<>();
        withoutPass.forEach((night, outs) -> {
            List<LocationNight> locations = new ArrayList<>();
            Map<String, Integer> left = new LinkedHashMap<>(outs);
            for (OccupancyStore.Row row : rows) {
                if (row.night().equals(night)) {
                    locations.add(locationNight(row.location(), row.kind(), row.occupied(), row.capacity(),
                            left.getOrDefault(row.location() + "/" + row.kind(), 0)));
                    left.remove(row.location() + "/" + row.kind());
                }
            }
            boolean sampled = !locations.isEmpty();
            // A check-out without the pass where no sample was taken (a location that only just opened) still counts.
            left.forEach((where, count) -> locations.add(locationNight(where.split("/")[0], where.split("/")[1], 0, 0,
                    count)));
            nights.add(new Night(night, sampled, locations.stream().mapToInt(LocationNight::occupied).sum(),
                    locations.stream().mapToInt(LocationNight::capacity).sum(),
                    outs.values().stream().mapToInt(Integer::intValue).sum(), locations));
        });
        return new Answer(from, to, weeks, nights);
    }

    private LocationNight locationNight(String code, String kind, int occupied, int capacity, int withoutPass) {
        String name = registry.location(code).map(Location::name).orElse(code);
        return new LocationNight(code, name, kind, occupied, capacity, withoutPass);
    }

    /** The answer as CSV: a row per location and kind per night, then the night's region total. */
    static String csv(Answer answer) {
        List<List<Object>> rows = new ArrayList<>();
        for (Night night : answer.nights()) {
            for (LocationNight location : night.locations()) {
                rows.add(List.of(night.night().toString(), location.code(), location.name(),
                        Words.kindColumn(location.kind()), location.occupied(), location.capacity(),
                        location.withoutPass(), location.kind()));
            }
            if (night.sampled() || night.withoutPass() > 0) {
                rows.add(List.of(night.night().toString(), "", "Regio totaal", "alle", night.occupied(), night.capacity(),
                        night.withoutPass(), ""));
            }
        }
        return Csv.write(CSV_HEADER, rows);
    }
}
