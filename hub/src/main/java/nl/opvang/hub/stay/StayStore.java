package nl.opvang.hub.stay;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * What long stays read: the stays of the monitoring ledger, {@code monitor_stay} (docs/MONITORING.md; read only). A
 * stay is opened by a check-in and ended by the guest's check-out, a check-out without the pass on that bed, or the
 * next check-in of the same token or on the same bed (docs/DESIGN.md §4 "Stay"). The row keeps its place, kind and
 * times when retention or an erasure removes its token link, so the figures already counted stay (docs/DESIGN.md §5).
 * A restricted client's stays (AVG art. 18, {@code privacy_restriction}) are left out until the restriction is lifted.
 */
final class StayStore {
    private static final String COLUMNS = "SELECT s.node, s.location, s.in_ms, s.out_ms, s.place, s.kind FROM monitor_stay s";
    private static final String UNRESTRICTED =
            " AND NOT EXISTS (SELECT 1 FROM privacy_restriction r WHERE r.token_id = s.token_id)";

    /**
     * A stay: node, location, when it began and ended (null: still open), its bed (null: a place counted by kind) and
     * kind (its wire name; empty when unknown).
     */
    record Stay(String node, String site, long sinceMs, Long untilMs, String bed, String kind) {
        static final RowMapper<Stay> ROW = row -> {
            long until = row.getLong("out_ms");
            // wasNull speaks of the column read last: ask before reading the others.
            Long ended = row.wasNull() ? null : until;
            return new Stay(row.getString("node"), row.getString("location"), row.getLong("in_ms"), ended,
                    row.getString("place"), row.getString("kind"));
        };
    }

    private StayStore() {
    }

    /** Every stay that began before {@code beforeMs} and had not ended by {@code afterMs}, oldest first. */
    static List<Stay> between(Connection connection, long afterMs, long beforeMs) throws SQLException {
        return Sql.list(connection, COLUMNS + " WHERE s.in_ms < ? AND (s.out_ms IS NULL OR s.out_ms > ?)" + UNRESTRICTED
                + " ORDER BY s.in_ms", Stay.ROW, beforeMs, afterMs);
    }

    /** Every open stay, oldest first. */
    static List<Stay> open(Connection connection) throws SQLException {
        return Sql.list(connection, COLUMNS + " WHERE s.ended IS NULL" + UNRESTRICTED + " ORDER BY s.in_ms", Stay.ROW);
    }
}
