package nl.opvang.hub.location;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * A region file as Jackson binds it, once {@code region.schema.json} accepted it (so required fields are there and
 * have their types); {@link RegionFile} turns it into the {@link Region} the hub uses. A field added to the schema is
 * added here too.
 */
record RegionDocument(List<RegionEntry> regions) {
    record RegionEntry(String code, String name, List<MunicipalityEntry> municipalities, List<LocationEntry> locations,
                       List<DeskEntry> desks) {
        RegionEntry {
            desks = desks == null ? List.of() : desks;
        }
    }

    /** A VO access desk's settings: its provider and how many minutes it takes to answer a referral. */
    record DeskEntry(String provider, int responseMinutes) {
    }

    /** A municipality: a plain name, or an object with the dates ({@code YYYY-MM-DD}) and domains of its membership. */
    record MunicipalityEntry(String name, String from, String until, List<String> domains) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static MunicipalityEntry named(String name) {
            return new MunicipalityEntry(name, null, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        MunicipalityEntry {
        }
    }

    /**
     * {@code opens}: a date, {@code YYYY-MM-DD}, or {@code null}. {@code domain}, {@code groups} and
     * {@code groupsByKind} (kind to groups) say whom the places are for; each may be left out.
     */
    record LocationEntry(String code, String name, String provider, String municipality, String phone, boolean secret,
                         String opens, String domain, List<String> groups, Map<String, List<String>> groupsByKind,
                         List<NodeEntry> nodes) {
        LocationEntry {
            groups = groups == null ? List.of() : groups;
            groupsByKind = groupsByKind == null ? Map.of() : groupsByKind;
        }
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
