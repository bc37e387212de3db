package nl.opvang.hub.availability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The persisted projection: each place's and node's last known state, read at start so that a restart replays no
 * history. The rows are written by the ingest in the commits of the events (the registry seeds them); the mappers are
 * public so that one mapper serves every reader of these tables.
 */
public final class ProjectionStore {
    /** A {@code place} row as the projection holds it. */
    public static final RowMapper<PlaceState> PLACE = row -> new PlaceState(row.getString("node"),
            row.getString("place"), Kind.fromWire("kind", row.getString("kind")), row.getInt("counted") == 1,
            row.getInt("capacity"), row.getInt("is_open") == 1, row.getInt("occupied"),
            PlaceStatus.fromWire("status", row.getString("status")), row.getLong("confirmed_ms"),
            nullableLong(row, "open_since_ms"), nullableLong(row, "open_until_ms"));
    /** A {@code node} row as the projection holds it; {@code last_seen_ms} NULL for a node never heard from. */
    public static final RowMapper<NodeState> NODE = row -> {
        long lastSeen = row.getLong("last_seen_ms");
        Long lastSeenMs = row.wasNull() ? null : lastSeen;
        return new NodeState(row.getString("code"), row.getString("site"), row.getString("session"),
                row.getLong("last_seq"), row.getInt("heartbeat_seconds"), lastSeenMs, row.getInt("online") == 1,
                row.getLong("connection_count"), row.getString("software"), row.getString("mismatch"));
    };

    private ProjectionStore() {
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static List<PlaceState> places(Connection connection) throws SQLException {
        return Sql.list(connection, """
                SELECT node, place, kind, counted, capacity, is_open, occupied, status, confirmed_ms, open_since_ms,
                       open_until_ms FROM place""", PLACE);
    }

    static List<NodeState> nodes(Connection connection) throws SQLException {
        return Sql.list(connection, """
                SELECT code, site, session, last_seq, heartbeat_seconds, last_seen_ms, online, connection_count,
                       software, mismatch FROM node""", NODE);
    }
}
