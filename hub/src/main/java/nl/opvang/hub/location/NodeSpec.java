package nl.opvang.hub.location;

import java.util.List;

/** A node (a Raspberry Pi) of a location and the places it owns. */
public record NodeSpec(String code, String site, List<PlaceSpec> places) {
    public NodeSpec {
        places = List.copyOf(places);
    }
}
