package nl.opvang.hub.location;

import java.util.ArrayList;
import java.util.List;

/**
 * A region as read from a region file: its municipalities and locations, each with its nodes and places.
 * This is the seed of the hub's registry (docs/DESIGN.md §3: which nodes exist and which places they own).
 */
public record Region(String code, String name, List<String> municipalities, List<Location> locations) {
    public Region {
        municipalities = List.copyOf(municipalities);
        locations = List.copyOf(locations);
    }

    /** This region with the other file's locations added (e.g. the demo's test location), unless it has them already. */
    public Region plus(Region other) {
        List<Location> all = new ArrayList<>(locations);
        for (Location location : other.locations()) {
            if (all.stream().noneMatch(existing -> existing.code().equals(location.code()))) {
                all.add(location);
            }
        }
        List<String> names = new ArrayList<>(municipalities);
        for (String municipality : other.municipalities()) {
            if (!names.contains(municipality)) {
                names.add(municipality);
            }
        }
        return new Region(code, name, names, all);
    }
}
