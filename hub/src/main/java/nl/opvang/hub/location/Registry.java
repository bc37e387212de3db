package nl.opvang.hub.location;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * The hub's registry: which locations and nodes exist and which places each node owns (DESIGN §3). Seeded from a
 * region file, kept in the database, immutable once loaded: a birth that differs from it is flagged, not adopted.
 */
public final class Registry {
    private final String regionCode;
    private final List<Location> locations;
    private final Map<String, Location> byCode = new LinkedHashMap<>();
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
            try (PreparedStatement location = connection.prepareStatement("""
                    INSERT INTO location (code, name, provider, municipality, region, phone, secret)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (code) DO UPDATE SET name = excluded.name, provider = excluded.provider,
                        municipality = excluded.municipality, region = excluded.region, phone = excluded.phone,
                        secret = excluded.secret""");
                 PreparedStatement node = connection.prepareStatement("""
                    INSERT INTO node (code, site) VALUES (?, ?) ON CONFLICT (code) DO NOTHING""");
                 PreparedStatement place = connection.prepareStatement("""
                    INSERT INTO place (node, place, kind, counted, capacity, is_open, occupied, status)
                    VALUES (?, ?, ?, ?, ?, ?, 0, 'free')
                    ON CONFLICT (node, place) DO UPDATE SET kind = excluded.kind, counted = excluded.counted""")) {
                for (Location each : region.locations()) {
                    location.setString(1, each.code());
                    location.setString(2, each.name());
                    location.setString(3, each.provider());
                    location.setString(4, each.municipality());
                    location.setString(5, each.region());
                    location.setString(6, each.phone());
                    location.setInt(7, each.secret() ? 1 : 0);
                    location.executeUpdate();
                    for (NodeSpec spec : each.nodes()) {
                        node.setString(1, spec.code());
                        node.setString(2, each.code());
                        node.executeUpdate();
                        for (PlaceSpec placeSpec : spec.places()) {
                            place.setString(1, spec.code());
                            place.setString(2, placeSpec.key());
                            place.setString(3, placeSpec.kind().wire());
                            place.setInt(4, placeSpec.counted() ? 1 : 0);
                            place.setInt(5, placeSpec.capacity());
                            place.setInt(6, placeSpec.open() ? 1 : 0);
                            place.executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
    }

    /** Reads the registry from the database. */
    public static Registry load(Database database, String regionCode) {
        return database.read(connection -> new Registry(regionCode, readLocations(connection)));
    }

    private static List<Location> readLocations(Connection connection) throws SQLException {
        Map<String, List<PlaceSpec>> placesByNode = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT node, place, kind, counted, capacity, is_open FROM place ORDER BY node, counted, place""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                placesByNode.computeIfAbsent(rows.getString("node"), key -> new ArrayList<>()).add(new PlaceSpec(
                        rows.getString("place"), Kind.fromWire("kind", rows.getString("kind")), rows.getInt("counted") == 1,
                        rows.getInt("capacity"), rows.getInt("is_open") == 1));
            }
        }
        Map<String, List<NodeSpec>> nodesBySite = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT code, site FROM node ORDER BY code");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String code = rows.getString("code");
                nodesBySite.computeIfAbsent(rows.getString("site"), key -> new ArrayList<>())
                        .add(new NodeSpec(code, rows.getString("site"), placesByNode.getOrDefault(code, List.of())));
            }
        }
        List<Location> locations = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT code, name, provider, municipality, region, phone, secret FROM location ORDER BY name""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String code = rows.getString("code");
                locations.add(new Location(code, rows.getString("name"), rows.getString("provider"),
                        rows.getString("municipality"), rows.getString("region"), rows.getString("phone"),
                        rows.getInt("secret") == 1, nodesBySite.getOrDefault(code, List.of())));
            }
        }
        return locations;
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
