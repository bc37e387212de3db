package nl.opvang.hub.placement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Phone;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;

/**
 * What Veilig Thuis sees (docs/DESIGN.md §5, §6, issue 14): the vrouwenopvang's places for victims of domestic violence
 * (locations of domain {@code vo} only, never an MO site), per access desk (the VO provider) per region, as counts: free
 * crisis places, free open noodbedden, and closed noodbedden the desk can open; with the desk's 24/7 number. With
 * children, only places whose target groups take children count. No location names, codes or addresses.
 */
final class CrisisRegions {
    /** The largest household a search or referral names: more is a typing error. */
    static final int MAX_PERSONS = 20;

    private final Registry registry;
    private final AvailabilityProjection projection;
    private final Map<String, String> regionNames;

    CrisisRegions(Registry registry, AvailabilityProjection projection, Map<String, String> regionNames) {
        this.registry = registry;
        this.projection = projection;
        this.regionNames = Map.copyOf(regionNames);
    }

    /**
     * One access desk in one region: {@code free} its free crisis places (live locations only), {@code nood} its free
     * open noodbedden, {@code toOpen} its closed noodbedden; {@code phones} whom to call (the desk's 24/7 number), and
     * {@code calls} the same phones taken apart for a {@code tel:} link.
     */
    record Region(String region, String name, String desk, int free, int nood, int toOpen, List<String> phones) {
        @JsonProperty
        public List<Call> calls() {
            return phones.stream().map(Call::of).toList();
        }
    }

    /** One phone: as written, its number (digits and a leading +, for {@code tel:}) and its note ({@code null}: none). */
    record Call(String phone, String phoneNumber, String phoneNote) {
        static Call of(String phone) {
            return new Call(phone, Phone.dialled(phone), Phone.noteOf(phone));
        }
    }

    record Answer(int adults, int children, List<Region> regions) {
    }

    /** A count from the query: {@code fallback} when absent, else a whole number from 0 to {@link #MAX_PERSONS}. */
    static int count(String value, int fallback, String what) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(value.strip());
            if (count >= 0 && count <= MAX_PERSONS) {
                return count;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HoldProblem.badRequest("Aantal " + what + " moet een heel getal van 0 tot " + MAX_PERSONS + " zijn");
    }

    Answer answer(int adults, int children) {
        if (adults + children == 0) {
            throw HoldProblem.badRequest("Zoek voor ten minste één persoon");
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> phones = new LinkedHashMap<>();
        Map<String, LocationAvailability> current = projection.snapshot().locations();
        for (Location location : registry.locations()) {
            if (!location.audience().vo()) {
                continue;
            }
            String key = location.region() + "\n" + location.provider();
            int[] sums = counts.computeIfAbsent(key, k -> new int[3]);
            phones.putIfAbsent(key, location.phone());
            LocationAvailability now = current.get(location.code());
            for (KindAvailability kind : now == null ? List.<KindAvailability>of() : now.kinds()) {
                if (children > 0 && !location.audience().takesChildren(kind.kind())) {
                    continue;
                }
                if (kind.kind() == Kind.CRISIS) {
                    sums[0] += kind.free();
                } else if (kind.kind() == Kind.NOOD) {
                    sums[1] += kind.free();
                    // Closed noodbedden count as "to open" at a live location only, as free places do.
                    sums[2] += now.freshness() == Freshness.LIVE ? Math.max(0, registered(location, Kind.NOOD)
                            - kind.capacity()) : 0;
                }
            }
        }
        List<Region> regions = new ArrayList<>();
        counts.forEach((key, sums) -> {
            String region = key.substring(0, key.indexOf('\n'));
            regions.add(new Region(region, regionNames.getOrDefault(region, region), key.substring(key.indexOf('\n') + 1),
                    sums[0], sums[1], sums[2], List.of(phones.get(key))));
        });
        return new Answer(adults, children, regions);
    }

    /** The places of a count-only kind the region file gives the location, open or not. */
    private static int registered(Location location, Kind kind) {
        return location.nodes().stream().flatMap(node -> node.places().stream())
                .filter(place -> place.kind() == kind && place.counted()).mapToInt(PlaceSpec::capacity).sum();
    }
}
