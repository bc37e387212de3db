package nl.opvang.hub.placement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.protocol.Kind;

/** The {@code hold} table (V4.sql): plain JDBC with visible SQL, run inside the caller's transaction or read. */
final class HoldTable {
    private static final String COLUMNS = """
            id, site, node, kind, bed, state, requester_id, requester_name, requester_role, created_ms, expires_ms,
            answered_ms, accepted_bed, refusal, conflict, last_sent_ms""";
    private static final String ACTIVE = "state IN ('requested', 'accepted')";
    /** Lists show the most recent holds; older ones are in the audit log. */
    private static final int LIST_LIMIT = 500;

    private HoldTable() {
    }

    static void insert(Connection c, Hold hold) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hold (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, hold.id().toString());
            insert.setString(2, hold.site());
            insert.setString(3, hold.node());
            insert.setString(4, hold.kind().wire());
            insert.setString(5, hold.bed());
            insert.setString(6, hold.state().wire());
            insert.setLong(7, hold.requesterId());
            insert.setString(8, hold.requester());
            insert.setString(9, hold.requesterRole().wire());
            insert.setLong(10, hold.createdAt().toEpochMilli());
            insert.setLong(11, hold.expiresAt().toEpochMilli());
            setMillis(insert, 12, hold.answeredAt());
            insert.setString(13, hold.acceptedBed());
            insert.setString(14, hold.refusal());
            insert.setString(15, hold.conflict());
            setMillis(insert, 16, hold.lastSentAt());
            insert.executeUpdate();
        }
    }

    /**
     * Writes a hold's new state. When the hold has ended its instructions are deleted (DESIGN §5); {@code sealed}
     * instructions are written only when given.
     */
    static void update(Connection c, Hold hold, String sealedInstructions) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE hold SET state = ?, answered_ms = ?, accepted_bed = ?, refusal = ?, conflict = ?, last_sent_ms = ?,
                    instructions = CASE WHEN ? THEN NULL WHEN ? IS NOT NULL THEN ? ELSE instructions END
                WHERE id = ?""")) {
            update.setString(1, hold.state().wire());
            setMillis(update, 2, hold.answeredAt());
            update.setString(3, hold.acceptedBed());
            update.setString(4, hold.refusal());
            update.setString(5, hold.conflict());
            setMillis(update, 6, hold.lastSentAt());
            update.setBoolean(7, !hold.state().active());
            update.setString(8, sealedInstructions);
            update.setString(9, sealedInstructions);
            update.setString(10, hold.id().toString());
            update.executeUpdate();
        }
    }

    static void markSent(Connection c, UUID id, long atMs) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE hold SET last_sent_ms = ? WHERE id = ?")) {
            update.setLong(1, atMs);
            update.setString(2, id.toString());
            update.executeUpdate();
        }
    }

    static Optional<Hold> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM hold WHERE id = ?")) {
            query.setString(1, id.toString());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(toHold(rows)) : Optional.empty();
            }
        }
    }

    static Optional<String> instructions(Connection c, UUID id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT instructions FROM hold WHERE id = ?")) {
            query.setString(1, id.toString());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** The most recent holds, newest first. */
    static List<Hold> recent(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM hold ORDER BY created_ms DESC, id LIMIT " + LIST_LIMIT);
    }

    static List<Hold> active(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM hold WHERE " + ACTIVE + " ORDER BY created_ms, id");
    }

    private static List<Hold> query(Connection c, String sql) throws SQLException {
        List<Hold> holds = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                holds.add(toHold(rows));
            }
        }
        return holds;
    }

    /**
     * Places of {@code kind} at {@code node} still to be had: open capacity minus occupied minus active holds. For beds,
     * only free beds count (cleaning and out of service are not free, DESIGN §4), and a bed held by name is not free.
     */
    static int room(Connection c, String node, Kind kind) throws SQLException {
        int available;
        try (PreparedStatement counted = c.prepareStatement("""
                SELECT capacity, is_open, occupied FROM place WHERE node = ? AND place = ? AND counted = 1""")) {
            counted.setString(1, node);
            counted.setString(2, PlaceSpec.countKey(kind));
            try (ResultSet rows = counted.executeQuery()) {
                if (rows.next()) {
                    available = rows.getInt("is_open") == 1 ? rows.getInt("capacity") - rows.getInt("occupied") : 0;
                    return available - heldCount(c, node, kind, "1 = 1");
                }
            }
        }
        try (PreparedStatement beds = c.prepareStatement("""
                SELECT COUNT(*) FROM place p
                WHERE p.node = ? AND p.kind = ? AND p.counted = 0 AND p.is_open = 1 AND p.status = 'free'
                  AND NOT EXISTS (SELECT 1 FROM hold h WHERE h.node = p.node AND h.state IN ('requested', 'accepted')
                                  AND COALESCE(h.bed, h.accepted_bed) = p.place)""")) {
            beds.setString(1, node);
            beds.setString(2, kind.wire());
            try (ResultSet rows = beds.executeQuery()) {
                rows.next();
                available = rows.getInt(1);
            }
        }
        return available - heldCount(c, node, kind, "bed IS NULL AND accepted_bed IS NULL");
    }

    private static int heldCount(Connection c, String node, Kind kind, String condition) throws SQLException {
        try (PreparedStatement held = c.prepareStatement("SELECT COUNT(*) FROM hold WHERE node = ? AND kind = ? AND "
                + ACTIVE + " AND " + condition)) {
            held.setString(1, node);
            held.setString(2, kind.wire());
            try (ResultSet rows = held.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The node's last reported status of a bed, if the bed exists. */
    static Optional<String> bedStatus(Connection c, String node, String bed) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT status FROM place WHERE node = ? AND place = ? AND counted = 0""")) {
            query.setString(1, node);
            query.setString(2, bed);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Hold toHold(ResultSet rows) throws SQLException {
        return new Hold(UUID.fromString(rows.getString("id")), rows.getString("site"), rows.getString("node"),
                Kind.fromWire("kind", rows.getString("kind")), rows.getString("bed"),
                HoldState.fromWire(rows.getString("state")), rows.getLong("requester_id"), rows.getString("requester_name"),
                Role.valueOf(rows.getString("requester_role").toUpperCase(java.util.Locale.ROOT)),
                Instant.ofEpochMilli(rows.getLong("created_ms")), Instant.ofEpochMilli(rows.getLong("expires_ms")),
                millis(rows, "answered_ms"), rows.getString("accepted_bed"), rows.getString("refusal"),
                rows.getString("conflict"), millis(rows, "last_sent_ms"));
    }

    private static Instant millis(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static void setMillis(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }
}
