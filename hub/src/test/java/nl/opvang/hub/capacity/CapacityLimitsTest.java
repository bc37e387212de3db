package nl.opvang.hub.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;

/** How a location's limit is shared by its nodes: the first filled to their configured places first. */
class CapacityLimitsTest {
    private static final NodeSpec FIRST = new NodeSpec("x-1", "x", List.of(PlaceSpec.bed("A1", Kind.REGULAR),
            PlaceSpec.bed("A2", Kind.REGULAR), PlaceSpec.bed("A3", Kind.REGULAR), PlaceSpec.count(Kind.NOOD, 4, false)));
    private static final NodeSpec SECOND = new NodeSpec("x-2", "x", List.of(PlaceSpec.bed("B1", Kind.REGULAR),
            PlaceSpec.bed("B2", Kind.REGULAR), PlaceSpec.bed("B3", Kind.CRISIS)));
    private static final Location TWO_NODES = new Location("x", "X", "", "Baarn", "r", "033 000 0000", false,
            List.of(FIRST, SECOND));

    @Test
    void a_limit_fills_the_first_node_first_and_a_node_without_the_kind_gets_nothing() {
        assertEquals(5, CapacityLimits.configured(TWO_NODES, Kind.REGULAR));
        assertEquals(Map.of(FIRST, 3, SECOND, 1), CapacityLimits.split(TWO_NODES, Kind.REGULAR, 4));
        assertEquals(Map.of(FIRST, 2, SECOND, 0), CapacityLimits.split(TWO_NODES, Kind.REGULAR, 2));
        assertEquals(Map.of(FIRST, 3, SECOND, 2), CapacityLimits.split(TWO_NODES, Kind.REGULAR, 5));
        assertEquals(Map.of(FIRST, 4), CapacityLimits.split(TWO_NODES, Kind.NOOD, 4));
        assertEquals(Map.of(SECOND, 1), CapacityLimits.split(TWO_NODES, Kind.CRISIS, 1));
    }

    @Test
    void beds_and_counts_are_told_apart() {
        assertEquals(true, CapacityLimits.beds(TWO_NODES, Kind.REGULAR).orElseThrow());
        assertEquals(false, CapacityLimits.beds(TWO_NODES, Kind.NOOD).orElseThrow());
        assertEquals(true, CapacityLimits.beds(TWO_NODES, Kind.FAMILY).isEmpty());
    }
}
