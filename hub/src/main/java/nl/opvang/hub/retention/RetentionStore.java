package nl.opvang.hub.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.opvang.hub.retention.Retention.StayCount;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * What retention reads and writes: the {@code token} and {@code stay_count} tables, and the link from an {@code event}
 * row to its token (the event rows themselves are the ingest's). Run inside the caller's transaction or read.
 */
final class RetentionStore {
    /** An event still linked to a token, with the location of its node. */
    record LinkedEvent(String node, String session, long seq, String type, long nodeMs, String body, String rejected,
                       String site) {
        static final RowMapper<LinkedEvent> ROW = row -> new LinkedEvent(row.getString("node"),
                row.getString("session"), row.getLong("seq"), row.getString("type"), row.getLong("node_ms"),
                row.getString("body"), row.getString("rejected"), row.getString("site"));
    }

    static final RowMapper<StayCount> STAY_COUNT = row -> new StayCount(LocalDate.parse(row.getString("night")),
            row.getString("location"), row.getString("kind"), row.getInt("check_ins"), row.getInt("check_outs"));

    private RetentionStore() {
    }

    /** Up to {@code limit} linked events that arrived before {@code cutoffMs}. */
    static List<LinkedEvent> linkedBefore(Connection connection, long cutoffMs, int limit) throws SQLException {
        return linked(connection, "e.received_ms < ?", cutoffMs, limit);
    }

    /** Every event linked to the token {@code tokenId}. */
    static List<LinkedEvent> linkedTo(Connection connection, long tokenId) throws SQLException {
        return linked(connection, "e.token_id = ?", tokenId, Integer.MAX_VALUE);
    }

    /** The event at {@code node}, {@code session}, {@code seq}, when it is still linked to a token. */
    static List<LinkedEvent> linkedEvent(Connection connection, EventKey key) throws SQLException {
        return Sql.list(connection, """
                SELECT e.node, e.session, e.seq, e.type, e.node_ms, e.body, e.rejected, n.site
                FROM event e JOIN node n ON n.code = e.node
                WHERE e.token_id IS NOT NULL AND e.node = ? AND e.session = ? AND e.seq = ?""", LinkedEvent.ROW,
                key.node(), key.session(), key.seq());
    }

    private static List<LinkedEvent> linked(Connection connection, String where, long parameter, int limit)
            throws SQLException {
        return Sql.list(connection, """
                SELECT e.node, e.session, e.seq, e.type, e.node_ms, e.body, e.rejected, n.site
                FROM event e JOIN node n ON n.code = e.node
                WHERE e.token_id IS NOT NULL AND\s""" + where + " LIMIT ?", LinkedEvent.ROW, parameter, limit);
    }

    /** Removes the token links of these events; the events stay. */
    static void unlink(Connection connection, List<LinkedEvent> events) throws SQLException {
        Sql.batch(connection, "UPDATE event SET token_id = NULL WHERE node = ? AND session = ? AND seq = ?",
                events.stream().map(event -> new Object[] {event.node(), event.session(), event.seq()}).toList(), Sql.VALUES);
    }

    /** The kind of a place of {@code node}, if it has one with that key. */
    static Optional<String> placeKind(Connection connection, String node, String place) throws SQLException {
        return Sql.first(connection, "SELECT kind FROM place WHERE node = ? AND place = ?", row -> row.getString(1),
                node, place);
    }

    /** Adds these counts to what {@code stay_count} holds for their night, location and kind. */
    static void addCounts(Connection connection, List<StayCount> counts) throws SQLException {
        Sql.batch(connection, """
                INSERT INTO stay_count (night, location, kind, check_ins, check_outs) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (night, location, kind) DO UPDATE SET check_ins = stay_count.check_ins + excluded.check_ins,
                    check_outs = stay_count.check_outs + excluded.check_outs""",
                counts.stream().map(count -> new Object[] {count.night().toString(), count.location(), count.kind(),
                        count.checkIns(), count.checkOuts()}).toList(), Sql.VALUES);
    }

    static List<StayCount> counts(Connection connection) throws SQLException {
        return Sql.list(connection, """
                SELECT night, location, kind, check_ins, check_outs FROM stay_count ORDER BY night, location, kind""",
                STAY_COUNT);
    }

    static Optional<Long> tokenId(Connection connection, String token) throws SQLException {
        return Sql.first(connection, "SELECT id FROM token WHERE token = ?", row -> row.getLong(1), token);
    }

    static int deleteToken(Connection connection, long tokenId) throws SQLException {
        return Sql.update(connection, "DELETE FROM token WHERE id = ?", tokenId);
    }

    /** Deletes the tokens no event links to any more; returns how many. */
    static int deleteUnlinkedTokens(Connection connection) throws SQLException {
        return Sql.update(connection, """
                DELETE FROM token WHERE NOT EXISTS (SELECT 1 FROM event WHERE event.token_id = token.id)""");
    }
}
