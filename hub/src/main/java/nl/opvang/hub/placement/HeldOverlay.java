package nl.opvang.hub.placement;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.opvang.hub.availability.HeldPlaces;
import nl.opvang.protocol.Kind;

/** What the active holds keep, per node, for the availability projection. */
final class HeldOverlay {
    private HeldOverlay() {
    }

    static Map<String, HeldPlaces> of(List<Hold> active) {
        Map<String, Set<String>> beds = new HashMap<>();
        Map<String, Map<Kind, Integer>> kinds = new HashMap<>();
        for (Hold hold : active) {
            if (hold.heldBed() != null) {
                beds.computeIfAbsent(hold.node(), node -> new HashSet<>()).add(hold.heldBed());
            } else {
                kinds.computeIfAbsent(hold.node(), node -> new EnumMap<>(Kind.class)).merge(hold.kind(), 1, Integer::sum);
            }
        }
        Map<String, HeldPlaces> byNode = new HashMap<>();
        Set<String> nodes = new HashSet<>(beds.keySet());
        nodes.addAll(kinds.keySet());
        for (String node : nodes) {
            byNode.put(node, new HeldPlaces(beds.getOrDefault(node, Set.of()), kinds.getOrDefault(node, Map.of())));
        }
        return byNode;
    }
}
