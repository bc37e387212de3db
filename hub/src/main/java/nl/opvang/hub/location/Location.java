package nl.opvang.hub.location;

import java.util.List;

/**
 * A shelter location (a site). A secret location has no address here at all: the hub knows it by code, name,
 * region, kinds and counts, and a phone number (docs/DESIGN.md §5). {@code audience} says whom its places are for.
 */
public record Location(String code, String name, String provider, String municipality, String region, String phone,
                       boolean secret, List<NodeSpec> nodes, Audience audience) {
    public Location {
        nodes = List.copyOf(nodes);
        audience = audience == null ? Audience.NONE : audience;
    }

    /** A location whose region file says nothing of whom it is for. */
    public Location(String code, String name, String provider, String municipality, String region, String phone,
                    boolean secret, List<NodeSpec> nodes) {
        this(code, name, provider, municipality, region, phone, secret, nodes, Audience.NONE);
    }
}
