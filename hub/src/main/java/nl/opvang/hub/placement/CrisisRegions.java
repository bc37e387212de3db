package nl.opvang.hub.placement;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Phone;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;

/**
 * What Veilig Thuis sees (docs/DESIGN.md §5, §6): crisis places per region as counts, live ones only, with the women's
 * shelters' 24/7 numbers. No location names, codes or addresses.
 */
final class CrisisRegions {
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final Map<String, String> regionNames;

    CrisisRegions(Registry registry, AvailabilityProjection projection, Map<String, String> regionNames) {
        this.registry = registry;
        this.projection = projection;
        this.regionNames = Map.copyOf(regionNames);
    }

    /**
     * One region's crisis places: {@code free} counts live locations only; {@code phones} whom to call, 24/7 first, as
     * written; {@code calls} the same phones taken apart, the number for a {@code tel:} link and the note.
     */
    record Region(String region, String name, int free, List<String> phones) {
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

    record Answer(List<Region> regions) {
    }

    Answer answer() {
        Map<String, Integer> free = new LinkedHashMap<>();
        Map<String, Set<String>> secretPhones = new LinkedHashMap<>();
        Map<String, Set<String>> otherPhones = new LinkedHashMap<>();
        Map<String, LocationAvailability> current = projection.snapshot().locations();
        for (Location location : registry.locations()) {
            boolean crisis = location.nodes().stream().anyMatch(node -> node.places().stream()
                    .anyMatch(place -> place.kind() == Kind.CRISIS));
            if (!crisis) {
                continue;
            }
            LocationAvailability availability = current.get(location.code());
            int count = availability == null ? 0 : availability.kinds().stream().filter(kind -> kind.kind() == Kind.CRISIS)
                    .mapToInt(KindAvailability::free).sum();
            free.merge(location.region(), count, Integer::sum);
            (location.secret() ? secretPhones : otherPhones).computeIfAbsent(location.region(), region -> new LinkedHashSet<>())
                    .add(location.phone());
        }
        List<Region> regions = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : free.entrySet()) {
            Set<String> phones = new LinkedHashSet<>(secretPhones.getOrDefault(entry.getKey(), Set.of()));
            if (phones.isEmpty()) {
                phones.addAll(otherPhones.getOrDefault(entry.getKey(), Set.of()));
            }
            regions.add(new Region(entry.getKey(), regionNames.getOrDefault(entry.getKey(), entry.getKey()), entry.getValue(),
                    List.copyOf(phones)));
        }
        return new Answer(regions);
    }
}
