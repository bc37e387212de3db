package nl.opvang.device.kiosk;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import nl.opvang.device.node.Node;
import nl.opvang.protocol.HubCounts;
import nl.opvang.protocol.Kind;

/**
 * Free places at other locations of the region, as counts only, so that night staff can refer someone at the door
 * (docs/DESIGN.md §5). The node has no such data yet; a hub command can feed an implementation later.
 */
@FunctionalInterface
public interface RegionCounts {
    /** No data: the kiosk says it is not available without the hub. */
    RegionCounts NONE = Optional::empty;

    /** The latest counts, or empty when there are none. */
    Optional<Free> latest();

    /** Free places at the other locations of the region, from the hub's retained summary that the node received. */
    static RegionCounts elsewhere(Node node) {
        String own = node.config().site();
        return () -> node.regionCounts().map(counts -> {
            Map<Kind, Integer> free = new EnumMap<>(Kind.class);
            for (HubCounts.LocationCount location : counts.locations()) {
                if (!location.code().equals(own)) {
                    location.free().forEach((kind, number) -> free.merge(kind, number, Integer::sum));
                }
            }
            return new Free(free, counts.at());
        });
    }

    /** Free places per kind elsewhere in the region, and when the hub last confirmed them. */
    record Free(Map<Kind, Integer> free, Instant confirmedAt) {
        public Free {
            free = Map.copyOf(new EnumMap<>(free));
            if (confirmedAt == null) {
                throw new IllegalArgumentException("confirmedAt is required");
            }
        }
    }
}
