package nl.opvang.hub.placement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import nl.opvang.hub.http.Role;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.protocol.Kind;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The {@code hold} table (V4.sql), and what placement reads of {@code place}: run inside the caller's transaction or
 * read.
 */
final class HoldStore {
    private static final String COLUMNS = """
            id, site, node, kind, bed, state, requester_id, requester_name, requester_role, created_ms, expires_ms,
            answered_ms, accepted_bed, refusal, conflict, last_sent_ms, ended_ms, closed_ms""";
    private static final String ACTIVE = "state IN ('requested', 'accepted')";
    /** Lists show the most recent holds; older ones are in the audit log. */
    private static final int LIST_LIMIT = 500;
    static final RowMapper<Hold> HOLD = row -> new Hold(UUID.fromString(row.getString("id")), row.getString("site"),
            row.getString("node"), Kind.fromWire("kind", row.getString("kind")), row.getString("bed"),
            HoldState.fromWire(row.getString("state")), row.getLong("requester_id"), row.getString("requester_name"),
            Role.valueOf(row.getString("requester_role").toUpperCase(Locale.ROOT)),
            Instant.ofEpochMilli(row.getLong("created_ms")), Instant.ofEpochMilli(row.getLong("expires_ms")),
            millis(row, "answered_ms"), row.getString("accepted_bed"), row.getString("refusal"),
            row.getString("conflict"), millis(row, "last_sent_ms"), millis(row, "ended_ms"), millis(row, "closed_ms"));

    private HoldStore() {
    }

    static void insert(Connection c, Hold hold) throws SQLException {
        Sql.update(c, "INSERT INTO hold (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", hold.id().toString(), hold.site(),
                hold.node(), hold.kind().wire(), hold.bed(), hold.state().wire(), hold.requesterId(), hold.requester(),
                hold.requesterRole().wire(), hold.createdAt().toEpochMilli(), hold.expiresAt().toEpochMilli(),
                millis(hold.answeredAt()), hold.acceptedBed(), hold.refusal(), hold.conflict(), millis(hold.lastSentAt()),
                millis(hold.endedAt()), millis(hold.closedAt()));
    }

    /**
     * Writes a hold's new state. When the hold has ended its instructions are deleted (docs/DESIGN.md §5); {@code
     * sealed} instructions are written only when given.
     */
    static void update(Connection c, Hold hold, String sealedInstructions) throws SQLException {
        Sql.update(c, """
                UPDATE hold SET state = ?, answered_ms = ?, accepted_bed = ?, refusal = ?, conflict = ?, last_sent_ms = ?,
                    ended_ms = ?, closed_ms = ?,
                    instructions = CASE WHEN ? THEN NULL WHEN ? IS NOT NULL THEN ? ELSE instructions END
                WHERE id = ?""", hold.state().wire(), millis(hold.answeredAt()), hold.acceptedBed(), hold.refusal(),
                hold.conflict(), millis(hold.lastSentAt()), millis(hold.endedAt()), millis(hold.closedAt()),
                hold.state().active() ? 0 : 1, sealedInstructions,
                sealedInstructions, hold.id().toString());
    }

    static void markSent(Connection c, UUID id, long atMs) throws SQLException {
        Sql.update(c, "UPDATE hold SET last_sent_ms = ? WHERE id = ?", atMs, id.toString());
    }

    static Optional<Hold> find(Connection c, UUID id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM hold WHERE id = ?", HOLD, id.toString());
    }

    static Optional<String> instructions(Connection c, UUID id) throws SQLException {
        return Sql.first(c, "SELECT instructions FROM hold WHERE id = ?", row -> row.getString(1), id.toString());
    }

    /** The most recent holds, newest first. */
    static List<Hold> recent(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM hold ORDER BY created_ms DESC, id LIMIT " + LIST_LIMIT, HOLD);
    }

    static List<Hold> active(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM hold WHERE " + ACTIVE + " ORDER BY created_ms, id", HOLD);
    }

    /**
     * Places of {@code kind} at {@code node} still to be had: open capacity minus occupied minus active holds. For beds,
     * only free beds count (cleaning and out of service are not free, docs/DESIGN.md §4), and a bed held by name is not
     * free.
     */
    static int room(Connection c, String node, Kind kind) throws SQLException {
        Optional<Integer> counted = Sql.first(c, """
                SELECT capacity, is_open, occupied FROM place WHERE node = ? AND place = ? AND counted = 1""",
                row -> row.getInt("is_open") == 1 ? row.getInt("capacity") - row.getInt("occupied") : 0,
                node, PlaceSpec.countKey(kind));
        if (counted.isPresent()) {
            return counted.get() - heldCount(c, node, kind, "1 = 1");
        }
        int available = (int) Sql.number(c, """
                SELECT COUNT(*) FROM place p
                WHERE p.node = ? AND p.kind = ? AND p.counted = 0 AND p.is_open = 1 AND p.status = 'free'
                  AND NOT EXISTS (SELECT 1 FROM hold h WHERE h.node = p.node AND h.state IN ('requested', 'accepted')
                                  AND COALESCE(h.bed, h.accepted_bed) = p.place)""", 0, node, kind.wire());
        return available - heldCount(c, node, kind, "bed IS NULL AND accepted_bed IS NULL");
    }

    private static int heldCount(Connection c, String node, Kind kind, String condition) throws SQLException {
        return (int) Sql.number(c, "SELECT COUNT(*) FROM hold WHERE node = ? AND kind = ? AND " + ACTIVE + " AND "
                + condition, 0, node, kind.wire());
    }

    /** The node's last reported status of a bed, if the bed exists. */
    static Optional<String> bedStatus(Connection c, String node, String bed) throws SQLException {
        return Sql.first(c, "SELECT status FROM place WHERE node = ? AND place = ? AND counted = 0",
                row -> row.getString(1), node, bed);
    }

    private static Instant millis(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant value) {
        return value == null ? null : value.toEpochMilli();
    }
}
