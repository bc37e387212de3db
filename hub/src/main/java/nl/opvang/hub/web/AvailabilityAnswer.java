package nl.opvang.hub.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.availability.AvailabilityProjection.Snapshot;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.Audience;
import nl.opvang.hub.location.Phone;
import nl.opvang.hub.location.TargetGroup;
import nl.opvang.protocol.Kind;

/**
 * The body of {@code GET /api/v1/availability} and of the stream's {@code snapshot} event (docs/DESIGN.md §6). Built
 * from one projection snapshot, so {@code version} and the locations always belong together. What is in it depends on
 * who asks ({@link Visibility}, docs/DESIGN.md §5).
 */
record AvailabilityAnswer(Instant generatedAt, long version, List<Entry> locations, Map<String, Integer> totals) {

    /** Most live free places first, then the most current, then by name: the order a placer reads in. */
    private static final Comparator<Entry> WHAT_IS_FREE = Comparator.comparingInt(Entry::free).reversed()
            .thenComparing(Entry::freshness, Comparator.comparingInt(AvailabilityAnswer::rank))
            .thenComparing(Entry::name);

    static AvailabilityAnswer of(Snapshot snapshot, AvailabilityFilter filter, Instant now, Principal principal,
                                 Visibility visibility) {
        List<Entry> locations = new ArrayList<>();
        for (Visibility.Seen seen : visibility.of(principal, filter.applyAll(snapshot))) {
            locations.add(Entry.of(seen));
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

    /**
     * One location's entry, as in the JSON answer and in each {@code location} event of the stream. {@code domain}
     * ({@code mo}, {@code vo}, {@code bw} or {@code null}) and {@code groups} say whom its places are for;
     * {@code phoneNumber} and {@code phoneNote} are {@code phone} taken apart, the number for a {@code tel:} link.
     */
    record Entry(String code, String name, String municipality, String region, String phone, String phoneNumber,
                 String phoneNote, boolean secret, List<KindEntry> kinds, Instant lastConfirmedAt, String freshness,
                 String domain, List<String> groups) {

        static Entry of(Visibility.Seen seen) {
            LocationAvailability location = seen.location();
            boolean full = seen.detail() == Visibility.Detail.FULL;
            Audience audience = location.audience();
            List<KindEntry> kinds = location.kinds().stream()
                    .map(kind -> KindEntry.of(kind, full, audience.own(kind.kind()))).toList();
            return new Entry(location.code(), location.name(), location.municipality(), location.region(),
                    location.phone(), Phone.dialled(location.phone()), Phone.noteOf(location.phone()), location.secret(),
                    kinds, location.lastConfirmedAt(), location.freshness().wire(),
                    audience.domain() == null ? null : audience.domain().wire(), wire(audience.groups()));
        }

        int free() {
            return kinds.stream().mapToInt(KindEntry::free).sum();
        }
    }

    /**
     * Places of one kind. {@code free} is 0 unless the location is live; {@code lastKnownFree} is the last figure, to
     * be shown greyed with its age (docs/DESIGN.md §3: never as free places). The breakdown of what is not free is
     * {@code null} for a role that sees only counts. Open noodbedden say since when and until when they are open.
     * {@code groups}: whom this kind's places are for when the region file says so for the kind ({@code null}: the
     * location's groups).
     */
    record KindEntry(String kind, int capacity, Integer occupied, Integer held, Integer cleaning, Integer outOfService,
                     int free, int lastKnownFree, Instant openSince, Instant openUntil, List<String> groups) {
        static KindEntry of(KindAvailability kind, boolean full, List<TargetGroup> own) {
            return new KindEntry(kind.kind().wire(), kind.capacity(), full ? kind.occupied() : null,
                    full ? kind.held() : null, full ? kind.cleaning() : null, full ? kind.outOfService() : null,
                    kind.free(), kind.lastKnownFree(), kind.openSince(), kind.openUntil(), own == null ? null : wire(own));
        }
    }

    private static List<String> wire(List<TargetGroup> groups) {
        return groups.stream().map(TargetGroup::wire).toList();
    }
}
