package nl.opvang.hub.referral;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.location.TargetGroup;
import nl.opvang.protocol.Kind;

/**
 * The access desks of the vrouwenopvang (docs/DESIGN.md §4): one per provider with locations of domain {@code vo}; its
 * 24/7 number is the phone of the provider's first VO location in the region file; its response time is the region
 * file's setting for the provider.
 */
final class VoDesks {
    private final Registry registry;
    private final Function<String, Duration> responseTimes;

    VoDesks(Registry registry, Function<String, Duration> responseTimes) {
        this.registry = registry;
        this.responseTimes = responseTimes;
    }

    /** How soon the desk answers a referral (the region file's {@code desks}, default 15 minutes). */
    Duration responseTime(String desk) {
        return responseTimes.apply(desk);
    }

    /** The desk's VO locations, in region file order; a desk that has none is unknown (400). */
    List<Location> of(String desk) {
        List<Location> locations = registry.locations().stream()
                .filter(location -> location.audience().vo() && location.provider().equals(desk)).toList();
        if (desk == null || locations.isEmpty()) {
            throw new BadRequest("Onbekende vrouwenopvang: kies een toegang uit de zoekresultaten");
        }
        return locations;
    }

    String phone(String desk) {
        return registry.locations().stream().filter(location -> location.audience().vo() && location.provider().equals(desk))
                .map(Location::phone).findFirst().orElse(null);
    }

    /** Whether one of the desk's places takes a parent with children. */
    boolean takesChildren(String desk) {
        return of(desk).stream().anyMatch(location -> kinds(location).stream()
                .anyMatch(kind -> location.audience().takesChildren(kind)));
    }

    /** Whether one of the desk's places is for {@code group}. */
    boolean serves(String desk, TargetGroup group) {
        return of(desk).stream().anyMatch(location -> kinds(location).stream()
                .anyMatch(kind -> location.audience().of(kind).contains(group)));
    }

    Optional<Location> location(String site) {
        return site == null ? Optional.empty() : registry.location(site);
    }

    static List<Kind> kinds(Location location) {
        return location.nodes().stream().map(NodeSpec::places).flatMap(List::stream).map(PlaceSpec::kind).distinct()
                .toList();
    }
}
