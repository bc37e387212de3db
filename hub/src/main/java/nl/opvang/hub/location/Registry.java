package nl.opvang.hub.location;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.opvang.hub.store.Database;

/**
 * The hub's registry: which locations and nodes exist and which places each node owns (docs/DESIGN.md §3). Seeded from
 * a region file, kept in the database, immutable once loaded but for whom a location's places are for, which an admin
 * may edit ({@link #edited}): a birth that differs from it is flagged, not adopted.
 */
public final class Registry {
    private final String regionCode;
    private volatile List<Location> locations;
    private final Map<String, Location> byCode = new ConcurrentHashMap<>();
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, Map<String, PlaceSpec>> places = new LinkedHashMap<>();

    private Registry(String regionCode, List<Location> locations) {
        this.regionCode = regionCode;
        this.locations = List.copyOf(locations);
        for (Location location : locations) {
            byCode.put(location.code(), location);
            for (NodeSpec node : location.nodes()) {
                nodes.put(node.code(), node);
                Map<String, PlaceSpec> own = new LinkedHashMap<>();
                for (PlaceSpec place : node.places()) {
                    own.put(place.key(), place);
                }
                places.put(node.code(), own);
            }
        }
    }

    /** Writes the region's locations, nodes and places into the database (new ones added, names and phones updated). */
    public static void seed(Database database, Region region) {
        database.transaction(connection -> {
            RegistryStore.seed(connection, region);
            return null;
        });
    }

    /** Reads the registry from the database. */
    public static Registry load(Database database, String regionCode) {
        return database.read(connection -> new Registry(regionCode, RegistryStore.locations(connection)));
    }

    /**
     * An admin's edit of whom a location's places are for (issue 14 item 1), written in the caller's transaction; call
     * {@link #edited} after its commit. The edit then outlives restarts: the region file no longer replaces it.
     */
    public static void writeGroups(Connection connection, String code, Audience audience, long editedMs)
            throws SQLException {
        RegistryStore.editGroups(connection, code, audience, editedMs);
    }

    /** When an admin last edited each location's groups, by code (locations never edited are not in it). */
    public static Map<String, Long> groupsEdited(Database database) {
        return database.read(RegistryStore::groupsEdited);
    }

    /** After the commit of {@link #writeGroups}: the location with its new audience, for every reader from now on. */
    public synchronized void edited(String code, Audience audience) {
        Location old = byCode.get(code);
        if (old == null) {
            return;
        }
        Location next = new Location(old.code(), old.name(), old.provider(), old.municipality(), old.region(),
                old.phone(), old.secret(), old.nodes(), audience);
        byCode.put(code, next);
        locations = locations.stream().map(each -> each.code().equals(code) ? next : each).toList();
    }

    public String regionCode() {
        return regionCode;
    }

    public List<Location> locations() {
        return locations;
    }

    public Optional<Location> location(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Optional<NodeSpec> node(String code) {
        return Optional.ofNullable(nodes.get(code));
    }

    /** Whether {@code node} exists and serves {@code site}: a node on another node's topic is refused. */
    public boolean knows(String site, String node) {
        NodeSpec spec = nodes.get(node);
        return spec != null && spec.site().equals(site);
    }

    public Optional<PlaceSpec> place(String node, String key) {
        Map<String, PlaceSpec> own = places.get(node);
        return own == null ? Optional.empty() : Optional.ofNullable(own.get(key));
    }
}
