package nl.opvang.hub.location;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.opvang.protocol.Kind;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The registry's rows: the {@code location} table, and in {@code node} and {@code place} the columns a region file sets
 * (the states the nodes report are the ingest's). Run inside the caller's transaction or read.
 */
final class RegistryStore {
    /** A place row with the node it belongs to. */
    private record PlaceRow(String node, PlaceSpec place) {
        static final RowMapper<PlaceRow> ROW = row -> new PlaceRow(row.getString("node"), new PlaceSpec(
                row.getString("place"), Kind.fromWire("kind", row.getString("kind")), row.getInt("counted") == 1,
                row.getInt("capacity"), row.getInt("is_open") == 1));
    }

    /** A node row: its code and the location it serves. */
    private record NodeRow(String code, String site) {
        static final RowMapper<NodeRow> ROW = row -> new NodeRow(row.getString("code"), row.getString("site"));
    }

    /** A target group of a location ({@code kind} empty) or of one kind there. */
    private record GroupRow(String site, String kind, String target) {
        static final RowMapper<GroupRow> ROW = row -> new GroupRow(row.getString("location"), row.getString("kind"),
                row.getString("target"));
    }

    private RegistryStore() {
    }

    /** Writes the region's locations, nodes and places (new ones added, names, phones and kinds updated). */
    static void seed(Connection connection, Region region) throws SQLException {
        List<Object[]> locations = new ArrayList<>();
        List<Object[]> nodes = new ArrayList<>();
        List<Object[]> places = new ArrayList<>();
        List<Object[]> groups = new ArrayList<>();
        for (Location each : region.locations()) {
            Audience audience = each.audience();
            locations.add(new Object[] {each.code(), each.name(), each.provider(), each.municipality(), each.region(),
                    each.phone(), each.secret() ? 1 : 0, audience.domain() == null ? null : audience.domain().wire()});
            audience.groups().forEach(group -> groups.add(new Object[] {each.code(), "", group.wire()}));
            audience.byKind().forEach((kind, own) -> own.forEach(group -> groups.add(new Object[] {each.code(),
                    kind.wire(), group.wire()})));
            for (NodeSpec spec : each.nodes()) {
                nodes.add(new Object[] {spec.code(), each.code()});
                for (PlaceSpec place : spec.places()) {
                    places.add(new Object[] {spec.code(), place.key(), place.kind().wire(), place.counted() ? 1 : 0,
                            place.capacity(), place.open() ? 1 : 0, place.capacity()});
                }
            }
        }
        // Locations before their nodes before their places: each row's parent exists when it is written.
        Sql.batch(connection, """
                INSERT INTO location (code, name, provider, municipality, region, phone, secret, domain)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, provider = excluded.provider,
                    municipality = excluded.municipality, region = excluded.region, phone = excluded.phone,
                    secret = excluded.secret, domain = excluded.domain""", locations, Sql.VALUES);
        // The region file says whom each of its locations is for: its groups replace what a former start wrote, unless
        // an admin has edited them since (V65): that edit stands.
        Set<String> edited = new HashSet<>(Sql.list(connection,
                "SELECT code FROM location WHERE groups_edited_ms IS NOT NULL", row -> row.getString("code")));
        Sql.batch(connection, "DELETE FROM location_group WHERE location = ?", region.locations().stream()
                .filter(each -> !edited.contains(each.code())).map(each -> new Object[] {each.code()}).toList(),
                Sql.VALUES);
        Sql.batch(connection, "INSERT INTO location_group (location, kind, target) VALUES (?, ?, ?)", groups.stream()
                .filter(row -> !edited.contains((String) row[0])).toList(), Sql.VALUES);
        Sql.batch(connection, "INSERT INTO node (code, site) VALUES (?, ?) ON CONFLICT (code) DO NOTHING", nodes, Sql.VALUES);
        Sql.batch(connection, """
                INSERT INTO place (node, place, kind, counted, capacity, is_open, occupied, status, configured)
                VALUES (?, ?, ?, ?, ?, ?, 0, 'free', ?)
                ON CONFLICT (node, place) DO UPDATE SET kind = excluded.kind, counted = excluded.counted,
                    configured = excluded.configured""", places, Sql.VALUES);
    }

    /** An admin's edit of whom a location's places are for: its groups replaced, the location marked as edited. */
    static void editGroups(Connection connection, String code, Audience audience, long editedMs) throws SQLException {
        List<Object[]> groups = new ArrayList<>();
        audience.groups().forEach(group -> groups.add(new Object[] {code, "", group.wire()}));
        audience.byKind().forEach((kind, own) -> own.forEach(group -> groups.add(new Object[] {code, kind.wire(),
                group.wire()})));
        Sql.update(connection, "DELETE FROM location_group WHERE location = ?", code);
        Sql.batch(connection, "INSERT INTO location_group (location, kind, target) VALUES (?, ?, ?)", groups,
                Sql.VALUES);
        Sql.update(connection, "UPDATE location SET groups_edited_ms = ? WHERE code = ?", editedMs, code);
    }

    /** When an admin last edited each location's groups (only edited locations). */
    static Map<String, Long> groupsEdited(Connection connection) throws SQLException {
        Map<String, Long> edited = new LinkedHashMap<>();
        for (Object[] row : Sql.list(connection, "SELECT code, groups_edited_ms FROM location WHERE groups_edited_ms"
                + " IS NOT NULL", row -> new Object[] {row.getString("code"), row.getLong("groups_edited_ms")})) {
            edited.put((String) row[0], (Long) row[1]);
        }
        return edited;
    }

    /** Every location by name, with its nodes by code and their places (count places first, then by key). */
    static List<Location> locations(Connection connection) throws SQLException {
        Map<String, List<PlaceSpec>> placesByNode = new LinkedHashMap<>();
        for (PlaceRow row : Sql.list(connection, """
                SELECT node, place, kind, counted, COALESCE(configured, capacity) AS capacity, is_open FROM place
                ORDER BY node, counted, place""",
                PlaceRow.ROW)) {
            placesByNode.computeIfAbsent(row.node(), key -> new ArrayList<>()).add(row.place());
        }
        Map<String, List<NodeSpec>> nodesBySite = new LinkedHashMap<>();
        for (NodeRow row : Sql.list(connection, "SELECT code, site FROM node ORDER BY code", NodeRow.ROW)) {
            nodesBySite.computeIfAbsent(row.site(), key -> new ArrayList<>())
                    .add(new NodeSpec(row.code(), row.site(), placesByNode.getOrDefault(row.code(), List.of())));
        }
        Map<String, List<GroupRow>> groupsBySite = new LinkedHashMap<>();
        for (GroupRow row : Sql.list(connection, "SELECT location, kind, target FROM location_group", GroupRow.ROW)) {
            groupsBySite.computeIfAbsent(row.site(), key -> new ArrayList<>()).add(row);
        }
        return Sql.list(connection, """
                SELECT code, name, provider, municipality, region, phone, secret, domain FROM location ORDER BY name""",
                row -> new Location(row.getString("code"), row.getString("name"), row.getString("provider"),
                        row.getString("municipality"), row.getString("region"), row.getString("phone"),
                        row.getInt("secret") == 1, nodesBySite.getOrDefault(row.getString("code"), List.of()),
                        audience(row.getString("domain"), groupsBySite.getOrDefault(row.getString("code"), List.of()))));
    }

    private static Audience audience(String domain, List<GroupRow> rows) {
        List<TargetGroup> groups = new ArrayList<>();
        Map<Kind, List<TargetGroup>> byKind = new EnumMap<>(Kind.class);
        for (GroupRow row : rows) {
            // A group a later version no longer knows is left out rather than stopping the hub: the file is re-read.
            TargetGroup.fromWire(row.target()).ifPresent(group -> (row.kind().isEmpty() ? groups
                    : byKind.computeIfAbsent(Kind.fromWire("kind", row.kind()), key -> new ArrayList<>())).add(group));
        }
        return new Audience(domain == null ? null : Domain.fromWire(domain).orElse(null), groups, byKind);
    }
}
