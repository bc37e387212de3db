package nl.opvang.hub.location;

import nl.opvang.protocol.Kind;

/**
 * One place of the registry: a bed ({@code counted == false}, capacity 1) or a count-only kind of a node, such as its
 * noodbedden ({@code counted == true}). A count-only place's key is {@code *<kind>}, which no bed code can be.
 */
public record PlaceSpec(String key, Kind kind, boolean counted, int capacity, boolean open) {
    public static PlaceSpec bed(String bed, Kind kind) {
        return new PlaceSpec(bed, kind, false, 1, true);
    }

    public static PlaceSpec count(Kind kind, int capacity, boolean open) {
        return new PlaceSpec(countKey(kind), kind, true, capacity, open);
    }

    public static String countKey(Kind kind) {
        return "*" + kind.wire();
    }
}
