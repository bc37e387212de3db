package nl.opvang.hub.location;

import java.util.List;

/**
 * A shelter location (a site). A secret location has no address here at all: the hub knows it by code, name,
 * region, kinds and counts, and a phone number (docs/DESIGN.md §5).
 */
public record Location(String code, String name, String provider, String municipality, String region, String phone,
                       boolean secret, List<NodeSpec> nodes) {
    public Location {
        nodes = List.copyOf(nodes);
    }
}
