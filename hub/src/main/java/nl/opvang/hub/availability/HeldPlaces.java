package nl.opvang.hub.availability;

import java.util.Map;
import java.util.Set;
import nl.opvang.protocol.Kind;

/**
 * What the hub's active holds keep at one node (docs/DESIGN.md §4: held places are not free): beds held by name, and
 * places of a kind held without a bed (the location picks one on acceptance; for count-only kinds, every hold).
 */
public record HeldPlaces(Set<String> beds, Map<Kind, Integer> kinds) {
    public static final HeldPlaces NONE = new HeldPlaces(Set.of(), Map.of());

    public HeldPlaces {
        beds = Set.copyOf(beds);
        kinds = Map.copyOf(kinds);
    }
}
