package nl.opvang.hub.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The SQL of the privacy feature (docs/DESIGN.md §5): {@code privacy_request} and {@code privacy_restriction}, and
 * what an access export reads of the {@code event}, {@code hold} and {@code audit} tables. Runs inside the caller's
 * transaction or read. Never reads or returns a token: a person's data is found through the token link of the request
 * event ({@code event.token_id}).
 */
final class PrivacyStore {
    static final RowMapper<PrivacyRequest> REQUEST = row -> new PrivacyRequest(row.getString("request"),
            row.getString("event_id"), row.getString("site"), row.getString("asked"), row.getLong("received_ms"),
            row.getLong("deadline_ms"), row.getObject("done_ms") == null ? null : row.getLong("done_ms"), row.getString("done_by"),
            row.getString("outcome"), row.getInt("restricted") == 1);

    /** A check-in or check-out under the token: its type, when (node clock), where, and its own fields. */
    record Stay(String type, long atMs, String site, String body) {
        static final RowMapper<Stay> ROW = row -> new Stay(row.getString("type"), row.getLong("node_ms"),
                row.getString("site"), row.getString("body"));
    }

    /** A hold a check-in under the token fulfilled. */
    record Hold(String site, String state, String requesterRole, long createdMs) {
        static final RowMapper<Hold> ROW = row -> new Hold(row.getString("site"), row.getString("state"),
                row.getString("requester_role"), row.getLong("created_ms"));
    }

    private static final String SELECT = """
            SELECT p.*, (SELECT count(*) FROM privacy_restriction r JOIN event e ON e.token_id = r.token_id
                         WHERE e.id = p.event_id) > 0 AS restricted
            FROM privacy_request p""";

    private PrivacyStore() {
    }

    /**
     * Records the privacy_request events not recorded yet, each with its deadline; returns them. The event is the
     * request (it came through the journal: once, acknowledged); this row is how the hub handles it.
     */
    static List<PrivacyRequest> record(Connection connection, LongUnaryOperator deadline) throws SQLException {
        List<PrivacyRequest> fresh = Sql.list(connection, """
                SELECT e.id, e.received_ms, json_extract(e.body, '$.request') AS request,
                       json_extract(e.body, '$.right') AS asked, n.site
                FROM event e JOIN node n ON n.code = e.node
                WHERE e.type = 'privacy_request' AND e.rejected IS NULL
                  AND NOT EXISTS (SELECT 1 FROM privacy_request p WHERE p.event_id = e.id)""",
                row -> new PrivacyRequest(row.getString("request"), row.getString("id"), row.getString("site"),
                        row.getString("asked"), row.getLong("received_ms"),
                        deadline.applyAsLong(row.getLong("received_ms")), null, null, null, false));
        Sql.batch(connection, """
                INSERT INTO privacy_request (request, event_id, site, asked, received_ms, deadline_ms)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request) DO NOTHING""", fresh.stream().map(r -> new Object[] {
                        r.request(), r.eventId(), r.site(), r.asked(), r.receivedMs(), r.deadlineMs()}).toList(),
                Sql.VALUES);
        return fresh;
    }

    static List<PrivacyRequest> all(Connection connection) throws SQLException {
        return Sql.list(connection, SELECT + " ORDER BY p.done_ms IS NOT NULL, p.deadline_ms, p.request", REQUEST);
    }

    static Optional<PrivacyRequest> find(Connection connection, String request) throws SQLException {
        return Sql.first(connection, SELECT + " WHERE p.request = ?", REQUEST, request);
    }

    /** The token row the request event is linked to, if it still is. */
    static Optional<Long> tokenOf(Connection connection, PrivacyRequest request) throws SQLException {
        return Sql.first(connection, "SELECT token_id FROM event WHERE id = ? AND token_id IS NOT NULL",
                row -> row.getLong(1), request.eventId());
    }

    /** The applied check-ins and check-outs linked to {@code tokenId}, oldest first. */
    static List<Stay> stays(Connection connection, long tokenId) throws SQLException {
        return Sql.list(connection, """
                SELECT e.type, e.node_ms, n.site, e.body FROM event e JOIN node n ON n.code = e.node
                WHERE e.token_id = ? AND e.rejected IS NULL AND e.type IN ('check_in', 'check_out')
                ORDER BY e.node_ms, e.seq""", Stay.ROW, tokenId);
    }

    /** The rights requests linked to {@code tokenId} (a stay's fields: type, time, where, body), oldest first. */
    static List<Stay> requests(Connection connection, long tokenId) throws SQLException {
        return Sql.list(connection, """
                SELECT e.type, e.node_ms, n.site, e.body FROM event e JOIN node n ON n.code = e.node
                WHERE e.token_id = ? AND e.rejected IS NULL AND e.type = 'privacy_request'
                ORDER BY e.node_ms, e.seq""", Stay.ROW, tokenId);
    }

    static Optional<Hold> hold(Connection connection, String id) throws SQLException {
        return Sql.first(connection, "SELECT site, state, requester_role, created_ms FROM hold WHERE id = ?", Hold.ROW, id);
    }

    /** When the request's data were handed out before (audit entries of exports of this reference), oldest first. */
    static List<Long> exports(Connection connection, String reference) throws SQLException {
        return Sql.list(connection, "SELECT at_ms FROM audit WHERE action = ? AND subject = ? ORDER BY seq",
                row -> row.getLong(1), PrivacyRequests.EXPORT, reference);
    }

    static void done(Connection connection, String request, long atMs, String by, String outcome) throws SQLException {
        Sql.update(connection, "UPDATE privacy_request SET done_ms = ?, done_by = ?, outcome = ? WHERE request = ?",
                atMs, by, outcome, request);
    }

    static void restrict(Connection connection, long tokenId, String request, long atMs) throws SQLException {
        Sql.update(connection, """
                INSERT INTO privacy_restriction (token_id, request, since_ms) VALUES (?, ?, ?)
                ON CONFLICT (token_id) DO NOTHING""", tokenId, request, atMs);
    }

    static int lift(Connection connection, long tokenId) throws SQLException {
        return Sql.update(connection, "DELETE FROM privacy_restriction WHERE token_id = ?", tokenId);
    }

    /** The token the event at this key is linked to, if any. */
    static Optional<Long> tokenAt(Connection connection, nl.opvang.hub.retention.EventKey key) throws SQLException {
        return Sql.first(connection, "SELECT token_id FROM event WHERE node = ? AND session = ? AND seq = ? AND token_id"
                + " IS NOT NULL", row -> row.getLong(1), key.node(), key.session(), key.seq());
    }

    static boolean restricted(Connection connection, long tokenId) throws SQLException {
        return Sql.number(connection, "SELECT count(*) FROM privacy_restriction WHERE token_id = ?", 0, tokenId) > 0;
    }
}
