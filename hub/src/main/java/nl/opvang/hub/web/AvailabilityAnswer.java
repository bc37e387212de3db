package nl.opvang.hub.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.availability.AvailabilityProjection.Snapshot;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.protocol.Kind;

/**
 * The body of {@code GET /api/v1/availability} and of the stream's {@code snapshot} event (DESIGN §6). Built from one
 * projection snapshot, so {@code version} and the locations always belong together.
 */
record AvailabilityAnswer(Instant generatedAt, long version, List<Entry> locations, Map<String, Integer> totals) {

    /** Most live free places first, then the most current, then by name: the order a placer reads in. */
    private static final Comparator<Entry> WHAT_IS_FREE = Comparator.comparingInt(Entry::free).reversed()
            .thenComparing(Entry::freshness, Comparator.comparingInt(AvailabilityAnswer::rank))
            .thenComparing(Entry::name);

    static AvailabilityAnswer of(Snapshot snapshot, AvailabilityFilter filter, Instant now) {
        List<Entry> locations = new ArrayList<>();
        for (LocationAvailability location : snapshot.locations().values()) {
            filter.apply(location).map(Entry::of).ifPresent(locations::add);
        }
        locations.sort(WHAT_IS_FREE);
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            if (filter.kind() == null || filter.kind() == kind) {
                totals.put(kind.wire(), 0);
            }
        }
        for (Entry location : locations) {
            for (KindEntry kind : location.kinds()) {
                totals.merge(kind.kind(), kind.free(), Integer::sum);
            }
        }
        return new AvailabilityAnswer(now, snapshot.version(), locations, totals);
    }

    private static int rank(String freshness) {
        switch (freshness) {
            case "live":
                return 0;
            case "stale":
                return 1;
            default:
                return 2;
        }
    }

    /** One location's entry, as in the JSON answer and in each {@code location} event of the stream. */
    record Entry(String code, String name, String municipality, String region, String phone, boolean secret,
                 List<KindEntry> kinds, Instant lastConfirmedAt, String freshness) {

        static Entry of(LocationAvailability location) {
            List<KindEntry> kinds = location.kinds().stream().map(KindEntry::of).toList();
            return new Entry(location.code(), location.name(), location.municipality(), location.region(),
                    location.phone(), location.secret(), kinds, location.lastConfirmedAt(), location.freshness().wire());
        }

        static Optional<Entry> of(LocationAvailability location, AvailabilityFilter filter) {
            return filter.apply(location).map(Entry::of);
        }

        int free() {
            return kinds.stream().mapToInt(KindEntry::free).sum();
        }
    }

    /**
     * Places of one kind. {@code free} is 0 unless the location is live; {@code lastKnownFree} is the last figure, to
     * be shown greyed with its age (DESIGN §3: never as free places).
     */
    record KindEntry(String kind, int capacity, int occupied, int held, int cleaning, int outOfService, int free,
                     int lastKnownFree) {
        static KindEntry of(KindAvailability kind) {
            return new KindEntry(kind.kind().wire(), kind.capacity(), kind.occupied(), kind.held(), kind.cleaning(),
                    kind.outOfService(), kind.free(), kind.lastKnownFree());
        }
    }
}
