package nl.opvang.hub.capacity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.PlaceStatus;

/**
 * The numbers a capacity change is checked and sent against: what the registry configures per location and node (for
 * a bed kind its beds, for a count-only kind its capacity), what each node reports now (its open beds, or the count's
 * capacity) and what is occupied. A location's limit is split over its nodes in registry order, each up to its own
 * configured places (every seed location has one node).
 */
final class CapacityLimits {
    private final Registry registry;
    private final AvailabilityProjection projection;

    CapacityLimits(Registry registry, AvailabilityProjection projection) {
        this.registry = registry;
        this.projection = projection;
    }

    Optional<Location> location(String site) {
        return registry.location(site);
    }

    /** Whether the location's places of this kind are beds; empty when it has none of the kind. */
    static Optional<Boolean> beds(Location location, Kind kind) {
        return location.nodes().stream().flatMap(node -> node.places().stream()).filter(place -> place.kind() == kind)
                .findFirst().map(place -> !place.counted());
    }

    static int configured(NodeSpec node, Kind kind) {
        int sum = 0;
        for (PlaceSpec place : node.places()) {
            if (place.kind() == kind) {
                sum += place.capacity();
            }
        }
        return sum;
    }

    static int configured(Location location, Kind kind) {
        return location.nodes().stream().mapToInt(node -> configured(node, kind)).sum();
    }

    /** Each node's share of {@code limit}: the first nodes are filled to their configured places first. */
    static Map<NodeSpec, Integer> split(Location location, Kind kind, int limit) {
        Map<NodeSpec, Integer> shares = new LinkedHashMap<>();
        int left = limit;
        for (NodeSpec node : location.nodes()) {
            int own = configured(node, kind);
            if (own > 0) {
                int share = Math.min(own, left);
                shares.put(node, share);
                left -= share;
            }
        }
        return shares;
    }

    /** What the node reports as its limit for the kind: its open beds, or its count's capacity. */
    int reported(NodeSpec node, Kind kind) {
        int sum = 0;
        for (PlaceSpec spec : node.places()) {
            if (spec.kind() != kind) {
                continue;
            }
            Optional<PlaceState> state = projection.place(node.code(), spec.key());
            if (spec.counted()) {
                sum += state.map(PlaceState::capacity).orElse(spec.capacity());
            } else {
                sum += state.map(PlaceState::open).orElse(true) ? 1 : 0;
            }
        }
        return sum;
    }

    /** Whether every node of the location reports its share of {@code limit}. */
    boolean confirmed(Location location, Kind kind, int limit) {
        return split(location, kind, limit).entrySet().stream()
                .allMatch(share -> reported(share.getKey(), kind) == share.getValue());
    }

    /** Places of the kind occupied now at the location, as its nodes last reported. */
    int occupied(Location location, Kind kind) {
        int sum = 0;
        for (NodeSpec node : location.nodes()) {
            for (PlaceSpec spec : node.places()) {
                if (spec.kind() != kind) {
                    continue;
                }
                Optional<PlaceState> state = projection.place(node.code(), spec.key());
                if (state.isPresent()) {
                    sum += spec.counted() ? state.get().occupied() : state.get().status() == PlaceStatus.OCCUPIED ? 1 : 0;
                }
            }
        }
        return sum;
    }
}
