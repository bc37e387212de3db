package nl.opvang.hub.monitoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.opvang.hub.availability.CountsBroadcast;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.location.TargetGroup;

/**
 * The rows of a per-location breakdown (docs/MONITORING.md "Per location"): each location that is not secret on its
 * own, by name; the secret locations of one provider together as "Vrouwenopvang (provider)", never with their own name
 * or code (docs/DESIGN.md §5).
 */
final class LocationGroups {
    /** One row of the breakdown: its code and label, and the location codes it counts. */
    record Group(String code, String label, List<String> codes) {
    }

    private LocationGroups() {
    }

    static List<Group> of(Registry registry) {
        List<Group> groups = new ArrayList<>();
        Map<String, List<String>> secret = new TreeMap<>();
        registry.locations().stream().sorted(Comparator.comparing(Location::name)).forEach(location -> {
            if (location.secret()) {
                secret.computeIfAbsent(location.provider(), provider -> new ArrayList<>()).add(location.code());
            } else {
                groups.add(new Group(location.code(), location.name(), List.of(location.code())));
            }
        });
        secret.forEach((provider, codes) -> groups.add(new Group("vo:" + provider,
                CountsBroadcast.VO_NAME + " (" + provider + ")", List.copyOf(codes))));
        return groups;
    }

    /**
     * The indexes of the groups with a location that serves {@code target} (for all its places or for one kind): for the
     * gemeente a target group is the whole of those (docs/MONITORING.md "Small cells").
     */
    static List<Integer> serving(List<Group> groups, Registry registry, TargetGroup target) {
        List<Integer> serving = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            boolean serves = groups.get(i).codes().stream().map(registry::location).flatMap(java.util.Optional::stream)
                    .map(Location::audience).anyMatch(audience -> audience.groups().contains(target)
                            || audience.byKind().values().stream().anyMatch(kinds -> kinds.contains(target)));
            if (serves) {
                serving.add(i);
            }
        }
        return serving;
    }

    /** The index of the group that counts location {@code code}. */
    static int indexOf(List<Group> groups, String code) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).codes().contains(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no group counts " + code);
    }
}
