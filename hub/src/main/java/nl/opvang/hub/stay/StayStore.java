package nl.opvang.hub.stay;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * What long stays read: the open stays in the {@code event} table (the ingest's rows; read only). A stay is a check-in
 * and what follows it for the same token (docs/DESIGN.md §4 "Stay"): it is open while no later check-in or check-out
 * of that token was stored. Refused events do not count. A stay whose token link retention removed is no longer seen.
 */
final class StayStore {
    /** A check-in not yet followed by another check-in or a check-out of its token: node, site, when, event body. */
    record OpenStay(String node, String site, long sinceMs, String body) {
        static final RowMapper<OpenStay> ROW = row -> new OpenStay(row.getString("node"), row.getString("site"),
                row.getLong("node_ms"), row.getString("body"));
    }

    /** A check-in and when the next check-in or check-out of its token ended it ({@code untilMs} null: still open). */
    record AnyStay(String node, String site, long sinceMs, Long untilMs, String body) {
        static final RowMapper<AnyStay> ROW = row -> {
            long until = row.getLong("until_ms");
            // wasNull speaks of the column read last: ask before reading the others.
            Long ended = row.wasNull() ? null : until;
            return new AnyStay(row.getString("node"), row.getString("site"), row.getLong("node_ms"), ended,
                    row.getString("body"));
        };
    }

    private StayStore() {
    }

    /** Every stay that began before {@code beforeMs}, open or ended, oldest first (for the nights over a limit). */
    static List<AnyStay> before(Connection connection, long beforeMs) throws SQLException {
        return Sql.list(connection, """
                SELECT e.node, n.site, e.node_ms, e.body,
                    (SELECT MIN(later.node_ms) FROM event later
                      WHERE later.token_id = e.token_id AND later.rejected IS NULL
                        AND later.type IN ('check_in', 'check_out') AND later.node_ms >= e.node_ms
                        AND NOT (later.node = e.node AND later.session = e.session AND later.seq = e.seq)) AS until_ms
                FROM event e JOIN node n ON n.code = e.node
                WHERE e.token_id IS NOT NULL AND e.type = 'check_in' AND e.rejected IS NULL AND e.node_ms < ?
                ORDER BY e.node_ms""", AnyStay.ROW, beforeMs);
    }

    /** Every open stay, oldest first. */
    static List<OpenStay> open(Connection connection) throws SQLException {
        return Sql.list(connection, """
                SELECT e.node, n.site, e.node_ms, e.body FROM event e JOIN node n ON n.code = e.node
                WHERE e.token_id IS NOT NULL AND e.type = 'check_in' AND e.rejected IS NULL
                  AND NOT EXISTS (SELECT 1 FROM event later
                      WHERE later.token_id = e.token_id AND later.rejected IS NULL
                        AND later.type IN ('check_in', 'check_out') AND later.node_ms >= e.node_ms
                        AND NOT (later.node = e.node AND later.session = e.session AND later.seq = e.seq))
                ORDER BY e.node_ms""", OpenStay.ROW);
    }
}
