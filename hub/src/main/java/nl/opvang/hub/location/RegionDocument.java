package nl.opvang.hub.location;

import java.util.List;

/**
 * A region file as Jackson binds it, once {@code region.schema.json} accepted it (so required fields are there and
 * have their types); {@link RegionFile} turns it into the {@link Region} the hub uses. A field added to the schema is
 * added here too.
 */
record RegionDocument(List<RegionEntry> regions) {
    record RegionEntry(String code, String name, List<String> municipalities, List<LocationEntry> locations) {
    }

    record LocationEntry(String code, String name, String provider, String municipality, String phone, boolean secret,
                         List<NodeEntry> nodes) {
    }

    record NodeEntry(String code, List<BedsEntry> beds, List<CountEntry> counts) {
        NodeEntry {
            beds = beds == null ? List.of() : beds;
            counts = counts == null ? List.of() : counts;
        }
    }

    record BedsEntry(String kind, List<String> codes) {
    }

    /** {@code open} is true when not written: only noodbedden start closed. */
    record CountEntry(String kind, int capacity, Boolean open) {
        boolean opened() {
            return open == null || open;
        }
    }
}
