package nl.opvang.hub.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;

/**
 * Applies events to the state of places and nodes within one transaction: reads through to the committed projection,
 * keeps its own changes until the commit. The node is the authority on who sleeps where (docs/DESIGN.md §3), so an
 * event is refused only when it names a place the registry does not give this node.
 */
final class Effects {
    private final Registry registry;
    private final AvailabilityProjection committed;
    private final Map<PlaceKey, PlaceState> places = new LinkedHashMap<>();
    private final Map<String, NodeState> nodes = new LinkedHashMap<>();

    Effects(Registry registry, AvailabilityProjection committed) {
        this.registry = registry;
        this.committed = committed;
    }

    Changes changes() {
        return new Changes(new ArrayList<>(places.values()), new ArrayList<>(nodes.values()));
    }

    /** A place of a node, as a map key: the codes' own cached hashes, no string built per event. */
    private record PlaceKey(String node, String key) {
    }

    /** What a transaction changed, for writing and for the projection after the commit. */
    record Changes(List<PlaceState> places, List<NodeState> nodes) {
    }

    NodeState node(String code) {
        NodeState changed = nodes.get(code);
        if (changed != null) {
            return changed;
        }
        return committed.node(code).orElseThrow(() -> new IllegalStateException("node " + code + " has no state row"));
    }

    void put(NodeState node) {
        nodes.put(node.code(), node);
    }

    private Optional<PlaceState> place(String node, String key) {
        PlaceState changed = places.get(new PlaceKey(node, key));
        return changed != null ? Optional.of(changed) : committed.place(node, key);
    }

    private void put(PlaceState place) {
        places.put(new PlaceKey(place.node(), place.key()), place);
    }

    /**
     * Applies one event of {@code node}; returns why it is refused, or {@code null} when applied. A refused event
     * changes nothing.
     */
    String apply(String node, Payload payload, long atMs) {
        if (payload instanceof Payload.CheckIn in) {
            return in.bed() != null ? bed(node, in.bed(), in.kind(), PlaceStatus.OCCUPIED, atMs) : countBy(node, in.kind(), 1, atMs);
        } else if (payload instanceof Payload.CheckOut out) {
            return out.bed() != null ? bed(node, out.bed(), out.kind(), PlaceStatus.FREE, atMs) : countBy(node, out.kind(), -1, atMs);
        } else if (payload instanceof Payload.BedStatus status) {
            return bed(node, status.bed(), null, status.status(), atMs);
        } else if (payload instanceof Payload.Count count) {
            return setCount(node, count.kind(), place -> count.occupied(), atMs);
        } else if (payload instanceof Payload.Capacity capacity) {
            return capacity(node, capacity, atMs);
        } else if (payload instanceof Payload.Birth birth) {
            return birth(node, birth, atMs);
        }
        // Heartbeats, turn-aways and answers to holds are stored; they change no place here.
        return null;
    }

    private String bed(String node, String bed, Kind kind, PlaceStatus status, long atMs) {
        Optional<PlaceSpec> spec = registry.place(node, bed);
        if (spec.isEmpty() || spec.get().counted()) {
            return "bed " + bed + " is not this node's";
        }
        if (kind != null && spec.get().kind() != kind) {
            return "bed " + bed + " is " + spec.get().kind().wire() + ", not " + kind.wire();
        }
        PlaceState current = place(node, bed).orElseThrow(() -> new IllegalStateException("no state for bed " + bed));
        put(current.withBedStatus(status, atMs));
        return null;
    }

    /**
     * A count-only kind opens, closes or gets a new capacity (never more than the registry gives it: a node cannot
     * invent places); a bed kind's capacity limit opens every bed of the kind but the {@code closed} ones.
     */
    private String capacity(String node, Payload.Capacity capacity, long atMs) {
        Optional<PlaceState> counted = counted(node, capacity.kind());
        if (counted.isPresent()) {
            PlaceState place = counted.get();
            int allowed = registry.place(node, place.key()).map(PlaceSpec::capacity).orElse(0);
            if (capacity.capacity() > allowed) {
                return "capacity " + capacity.capacity() + " of " + capacity.kind().wire() + " is more than the "
                        + allowed + " the registry gives this node";
            }
            Long until = capacity.until() == null ? null : capacity.until().toEpochMilli();
            put(place.withOpening(capacity.capacity(), capacity.open(), place.occupied(), until, atMs));
            return null;
        }
        List<PlaceSpec> beds = registry.node(node).map(spec -> spec.places().stream()
                .filter(place -> !place.counted() && place.kind() == capacity.kind()).toList()).orElse(List.of());
        if (beds.isEmpty()) {
            return notCounted(capacity.kind());
        }
        for (String closed : capacity.closed()) {
            if (beds.stream().noneMatch(bed -> bed.key().equals(closed))) {
                return "bed " + closed + " is not this node's " + capacity.kind().wire() + " bed";
            }
        }
        for (PlaceSpec bed : beds) {
            place(node, bed.key()).ifPresent(current -> put(current.withBedOpen(!capacity.closed().contains(bed.key()), atMs)));
        }
        return null;
    }

    private String countBy(String node, Kind kind, int delta, long atMs) {
        return setCount(node, kind, place -> place.occupied() + delta, atMs);
    }

    /**
     * Sets a count-only kind's occupied figure; the reason it cannot, or null when applied. (Not Optional.map: a
     * mapper's null is an empty Optional, which made every applied count read as refused.)
     */
    private String setCount(String node, Kind kind, ToIntFunction<PlaceState> occupied, long atMs) {
        Optional<PlaceState> counted = counted(node, kind);
        if (counted.isEmpty()) {
            return notCounted(kind);
        }
        PlaceState place = counted.get();
        put(place.withCount(place.capacity(), place.open(), occupied.applyAsInt(place), atMs));
        return null;
    }

    private Optional<PlaceState> counted(String node, Kind kind) {
        if (kind == null) {
            return Optional.empty();
        }
        return place(node, PlaceSpec.countKey(kind)).filter(PlaceState::counted);
    }

    private static String notCounted(Kind kind) {
        return kind == null ? "names neither a bed nor a kind" : "kind " + kind.wire() + " is not counted at this node";
    }

    /** A birth replaces the node's snapshot; places the registry does not know are flagged, not adopted. */
    private String birth(String node, Payload.Birth birth, long atMs) {
        List<String> mismatches = new ArrayList<>();
        for (Payload.BedState bed : birth.beds()) {
            Optional<PlaceSpec> spec = registry.place(node, bed.bed());
            if (spec.isEmpty() || spec.get().counted() || spec.get().kind() != bed.kind()) {
                mismatches.add("bed " + bed.bed() + " (" + bed.kind().wire() + ")");
                continue;
            }
            place(node, bed.bed()).ifPresent(current -> put(current.withBedStatus(bed.status(), atMs)
                    .withBedOpen(bed.open(), atMs)));
        }
        for (Payload.CountState count : birth.counts()) {
            Optional<PlaceState> place = counted(node, count.kind());
            if (place.isEmpty()) {
                mismatches.add("count " + count.kind().wire());
                continue;
            }
            put(place.get().withOpening(count.capacity(), count.open(), count.occupied(),
                    count.until() == null ? null : count.until().toEpochMilli(), atMs));
        }
        registry.node(node).ifPresent(spec -> spec.places().forEach(place -> {
            boolean reported = place.counted()
                    ? birth.counts().stream().anyMatch(count -> count.kind() == place.kind())
                    : birth.beds().stream().anyMatch(bed -> bed.bed().equals(place.key()));
            if (!reported) {
                mismatches.add("missing " + place.key());
            }
        }));
        String mismatch = mismatches.isEmpty() ? null : "birth differs from the registry: " + String.join(", ", mismatches);
        put(node(node).withBirth(birth.heartbeatSeconds(), birth.software(), abbreviate(mismatch)));
        return null;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
