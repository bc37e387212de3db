package nl.opvang.hub.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;

class LocationTableTest {

    private static LocationAvailability location(String code, int free) {
        return new LocationAvailability(code, "Locatie " + code, "Amersfoort", "amersfoort", null, false,
                List.of(new KindAvailability(Kind.REGULAR, 10, 10 - free, 0, 0, 0, free, free)), null,
                Freshness.LIVE);
    }

    @Test
    void a_new_version_changes_only_what_was_put_and_leaves_the_old_one_as_it_was() {
        LocationTable empty = LocationTable.of(List.of("a", "b", "c"));
        LocationTable first = empty.with(Map.of("a", location("a", 1), "b", location("b", 2)));
        LocationTable second = first.with(Map.of("b", location("b", 5)));

        assertTrue(empty.isEmpty());
        assertEquals(2, first.size());
        assertEquals(2, first.get("b").kinds().get(0).free());
        assertEquals(5, second.get("b").kinds().get(0).free());
        assertEquals(first.get("a"), second.get("a"));
        assertFalse(second.containsKey("c"));
        assertNull(second.get("unknown"));
    }

    @Test
    void it_equals_a_hash_map_with_the_same_locations_and_iterates_in_registry_order() {
        LocationTable table = LocationTable.of(List.of("c", "a", "b")).with(Map.of("a", location("a", 1),
                "c", location("c", 3), "elsewhere", location("elsewhere", 9)));

        assertEquals(Map.of("a", location("a", 1), "c", location("c", 3)), table);
        assertEquals(List.of("c", "a"), List.copyOf(table.keySet()));
        assertEquals(2, table.values().size());
    }
}
