package nl.opvang.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.monitoring.Answer;
import nl.opvang.hub.monitoring.Figure;
import nl.opvang.hub.monitoring.Monitoring;
import nl.opvang.hub.store.Database;

/**
 * Every monitoring answer over {@value #YEARS} years of a region of {@value #LOCATIONS} locations of ten places (2,000
 * places), the tables written in bulk by {@link MonitoringData} (docs/PERFORMANCE.md "Monitoring"): p50 and p99 of
 * each figure's answer for a year and for a month, as CT and as the gemeente (suppression), and the per-location
 * breakdown. In process, on the hub's own database code; no broker, no HTTP. Run alone with {@code --monitoring}.
 */
final class MonitoringBench {
    static final int LOCATIONS = 200;
    static final int YEARS = 3;
    private static final double TARGET_MS = 1000;

    private final Path work;
    private final int runs;

    MonitoringBench(Path work, int runs) {
        this.work = work;
        this.runs = runs;
    }

    List<nl.opvang.bench.Figure> run(Report report) throws Exception {
        Region region = RegionFile.read(new BenchRegion(LOCATIONS).write(work.resolve("monitoring.yaml")));
        LocalDate first = LocalDate.of(2023, 1, 1);
        int nights = (int) (first.plusYears(YEARS).toEpochDay() - first.toEpochDay());
        List<nl.opvang.bench.Figure> figures = new ArrayList<>();
        try (Database database = Database.open(work.resolve("monitoring-db"))) {
            Registry.seed(database, region);
            Registry registry = Registry.load(database, region.code());
            long start = System.nanoTime();
            MonitoringData.Counts counts = database.transaction(connection ->
                    new MonitoringData().write(connection, LOCATIONS, first, nights));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("bench: monitoring tables for %d places, %d years: %,d stays, %,d turn-aways, %,d"
                    + " occupancy nights, %,d requests (%,d events) written in %.0f s%n", LOCATIONS * 10, YEARS,
                    counts.stays(), counts.turnAways(), counts.nights(), counts.holds(), counts.events(), seconds);
            report.context("monitoringRows", Map.of("stays", counts.stays(), "turnAways", counts.turnAways(),
                    "occupancyNights", counts.nights(), "holds", counts.holds(), "events", counts.events()));
            Clock clock = Clock.fixed(first.plusDays(nights).atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            Monitoring monitoring = new Monitoring(database, registry, region.municipalities(), clock);
            String year = Integer.toString(first.getYear() + YEARS - 1);
            String month = year + "-11";
            for (Figure figure : Figure.values()) {
                figures.add(measure(monitoring, figure, Map.of("jaar", year), false, "a year, CT", runs));
                figures.add(measure(monitoring, figure, Map.of("jaar", year), true, "a year, gemeente", runs));
                figures.add(measure(monitoring, figure, Map.of("maand", month), true, "a month, gemeente", runs));
                figures.add(measure(monitoring, figure, Map.of("maand", month, "per", "locatie"), true,
                        "a month per location, gemeente", Math.max(3, runs / 5)));
            }
        }
        return figures;
    }

    private static nl.opvang.bench.Figure measure(Monitoring monitoring, Figure figure, Map<String, String> query,
                                                  boolean gemeente, String what, int runs) {
        for (int i = 0; i < 2; i++) {
            monitoring.answer(figure, query::get, gemeente); // warm-up: statements, pages in the cache
        }
        long[] samples = new long[runs];
        int rows = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Answer answer = monitoring.answer(figure, query::get, gemeente);
            samples[i] = System.nanoTime() - start;
            rows = answer.rows().size() + answer.locations().size();
        }
        double p50 = Stats.millis(Stats.percentile(samples, 0.5));
        double p99 = Stats.millis(Stats.percentile(samples, 0.99));
        System.out.printf("bench: monitoring %-15s %-32s p50 %8.1f ms  p99 %8.1f ms%n", figure.path(), what, p50, p99);
        return nl.opvang.bench.Figure.atMost("monitoring " + figure.path() + " (" + what + ") p99", "ms", List.of(p99),
                "p50 " + nl.opvang.bench.Figure.format(p50) + " ms", p50, TARGET_MS, runs + " answers, " + rows
                        + " rows (or locations) each");
    }
}
