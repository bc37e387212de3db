package nl.opvang.hub.location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's store started on u16.yaml and dordrecht.yaml the way {@code testkit/HubStoreFixture} starts it on the seed
 * region (issue 18): region file, {@link Registry#seed}, {@link Registry#load}, availability projection, on a real
 * SQLite file. Every location of the file is in the availability answer, with each of its kinds and its open places.
 */
class SeedRegionRegistryTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"u16.yaml", "dordrecht.yaml"})
    void the_availability_projection_lists_every_location_of_the_region(String name) {
        Region region = RegionFile.read(SeedRegionFilesTest.RESOURCES.resolve(name));
        Database database = Database.open(dataDir);
        try {
            Registry.seed(database, region);
            Registry registry = Registry.load(database, region.code());
            AvailabilityProjection projection = new AvailabilityProjection(registry,
                    new MutableClock(Instant.parse("2026-11-22T22:00:00Z")));
            projection.load(database);

            Set<String> codes = new TreeSet<>(SeedRegionFilesTest.codes(region));
            assertEquals(codes, registry.locations().stream().map(Location::code).collect(Collectors.toCollection(TreeSet::new)));
            Map<String, LocationAvailability> listed = projection.snapshot().locations();
            assertEquals(codes, new TreeSet<>(listed.keySet()));
            for (Location location : region.locations()) {
                LocationAvailability shown = listed.get(location.code());
                assertEquals(location.name(), shown.name());
                assertEquals(region.code(), shown.region());
                assertEquals(location.municipality(), shown.municipality());
                Map<Kind, Integer> kinds = shown.kinds().stream()
                        .collect(Collectors.toMap(KindAvailability::kind, KindAvailability::capacity));
                // Every kind of the file is listed; a closed count-only kind (the nood places) with capacity 0 until opened.
                Map<Kind, Integer> open = new EnumMap<>(Kind.class);
                location.nodes().stream().flatMap(node -> node.places().stream())
                        .forEach(place -> open.merge(place.kind(), place.open() ? place.capacity() : 0, Integer::sum));
                assertEquals(open, kinds, location.code());
            }
        } finally {
            database.close();
        }
    }
}
