package nl.opvang.hub.location;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import nl.opvang.protocol.Kind;

/**
 * Whom a location's places are for (docs/DESIGN.md §4): its domain ({@code null}: not said) and target groups, and for
 * some kinds other groups instead ({@code byKind}: e.g. a location for men and women whose family places take
 * families). A kind without its own groups takes the location's. Groups are kept in {@link TargetGroup} order.
 */
public record Audience(Domain domain, List<TargetGroup> groups, Map<Kind, List<TargetGroup>> byKind) {
    /** A location the region file says nothing about. */
    public static final Audience NONE = new Audience(null, List.of(), Map.of());

    public Audience {
        groups = sorted(groups);
        Map<Kind, List<TargetGroup>> copy = new EnumMap<>(Kind.class);
        byKind.forEach((kind, each) -> copy.put(kind, sorted(each)));
        byKind = Map.copyOf(copy);
    }

    private static List<TargetGroup> sorted(List<TargetGroup> groups) {
        return groups.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(groups));
    }

    /** Whom this kind's places are for: the kind's own groups, else the location's. */
    public List<TargetGroup> of(Kind kind) {
        return byKind.getOrDefault(kind, groups);
    }

    /** Whether this kind's places take a parent with children: one of its groups does ({@link TargetGroup#takesChildren}). */
    public boolean takesChildren(Kind kind) {
        return of(kind).stream().anyMatch(TargetGroup::takesChildren);
    }

    /** Whether the location is of the vrouwenopvang (domestic violence). */
    public boolean vo() {
        return domain == Domain.VO;
    }

    /** The groups a kind has of its own, or {@code null} when it takes the location's. */
    public List<TargetGroup> own(Kind kind) {
        return byKind.get(kind);
    }
}
