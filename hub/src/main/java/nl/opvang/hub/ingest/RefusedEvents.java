package nl.opvang.hub.ingest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.store.Database;

/**
 * What admins see of the events the hub refused ({@link Refusals}): conflicting copies (two nodes with one identity)
 * and events stored as refused (a body that breaks the contract, a bed that is not the node's, a superseded event),
 * whole, with the node and the time. Read-only.
 */
public final class RefusedEvents {
    private final Database database;

    public RefusedEvents(Database database) {
        this.database = database;
    }

    /**
     * One refused event.
     *
     * @param kind     {@code conflict} (the seq holds another stored event) or {@code refused} (stored as refused)
     * @param storedId for a conflict, the id stored at that seq; else null
     * @param body     the event's own fields as sent, without the token and a hold's instructions
     */
    public record Refused(String kind, String node, String site, String session, long seq, String id, String storedId,
                          String type, String reason, String nodeAt, Instant receivedAt, String body) {
    }

    /** The newest {@code limit} refused events of every node, newest first. */
    public List<Refused> newest(int limit) {
        return database.read(connection -> {
            List<Refused> refused = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT * FROM (
                        SELECT 'conflict' AS kind, c.node, n.site, c.session, c.seq, c.other_id AS id, c.stored_id,
                               c.type, CAST(? AS TEXT) AS reason, c.node_ms, c.received_ms, c.body
                        FROM conflict c LEFT JOIN node n ON n.code = c.node
                        UNION ALL
                        SELECT 'refused', e.node, n.site, e.session, e.seq, e.id, NULL, e.type, e.rejected, e.node_ms,
                               e.received_ms, e.body
                        FROM event e LEFT JOIN node n ON n.code = e.node WHERE e.rejected IS NOT NULL
                    ) refused ORDER BY received_ms DESC, seq DESC LIMIT ?""")) {
                select.setString(1, Refusals.CONFLICT);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        refused.add(new Refused(rows.getString("kind"), rows.getString("node"), rows.getString("site"),
                                rows.getString("session"), rows.getLong("seq"), rows.getString("id"),
                                rows.getString("stored_id"), rows.getString("type"), rows.getString("reason"),
                                nodeAt(rows), Instant.ofEpochMilli(rows.getLong("received_ms")),
                                rows.getString("body")));
                    }
                }
            }
            return refused;
        });
    }

    /** The node's time as ISO-8601 text, as it was sent; null for a conflict kept before V13 recorded it. */
    private static String nodeAt(ResultSet rows) throws SQLException {
        long ms = rows.getLong("node_ms");
        return rows.wasNull() ? null : Instant.ofEpochMilli(ms).toString();
    }

    /** Per node: how many of its events were refused since {@code since} (conflicting copies included). */
    public Map<String, Long> countsSince(Instant since) {
        return database.read(connection -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT node, COUNT(*) FROM (
                        SELECT node FROM conflict WHERE received_ms >= ?
                        UNION ALL
                        SELECT node FROM event WHERE rejected IS NOT NULL AND received_ms >= ?
                    ) refused GROUP BY node""")) {
                select.setLong(1, since.toEpochMilli());
                select.setLong(2, since.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return counts;
        });
    }
}
