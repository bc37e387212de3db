package nl.opvang.hub.location;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A region as read from a region file: its municipalities and locations, each with its nodes and places.
 * This is the seed of the hub's registry (docs/DESIGN.md §3: which nodes exist and which places they own).
 * {@code memberships} say which municipality belongs to the region when and for which domain; {@code opens} the date
 * a location opens, by code (docs/DESIGN.md §7).
 */
public record Region(String code, String name, List<String> municipalities, List<Location> locations,
                     List<Membership> memberships, Map<String, LocalDate> opens) {
    public Region {
        municipalities = List.copyOf(municipalities);
        locations = List.copyOf(locations);
        memberships = List.copyOf(memberships);
        opens = Map.copyOf(opens);
    }

    /** A region whose municipalities are members always, for both domains, and whose locations are all open. */
    public Region(String code, String name, List<String> municipalities, List<Location> locations) {
        this(code, name, municipalities, locations, municipalities.stream().map(Membership::always).toList(), Map.of());
    }

    /** This region with the other file's locations added (e.g. the demo's test location), unless it has them already. */
    public Region plus(Region other) {
        List<Location> all = new ArrayList<>(locations);
        Map<String, LocalDate> dates = new HashMap<>(opens);
        for (Location location : other.locations()) {
            if (all.stream().noneMatch(existing -> existing.code().equals(location.code()))) {
                all.add(location);
                LocalDate date = other.opens().get(location.code());
                if (date != null) {
                    dates.put(location.code(), date);
                }
            }
        }
        List<String> names = new ArrayList<>(municipalities);
        List<Membership> members = new ArrayList<>(memberships);
        for (String municipality : other.municipalities()) {
            if (!names.contains(municipality)) {
                names.add(municipality);
                other.memberships().stream().filter(each -> each.municipality().equals(municipality)).forEach(members::add);
            }
        }
        return new Region(code, name, names, all, members, dates);
    }
}
