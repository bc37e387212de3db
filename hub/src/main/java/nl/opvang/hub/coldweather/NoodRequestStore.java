package nl.opvang.hub.coldweather;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/** The {@code nood_request} table (V55): what a VO desk last asked of a location's noodbedden, until done. */
final class NoodRequestStore {
    /** Open until {@code until}, or closed ({@code open} false, {@code until} null), asked by whom, why, when. */
    record Request(String site, boolean open, Instant until, String by, String reason, Instant at) {
        static final RowMapper<Request> ROW = row -> {
            long until = row.getLong("until_ms");
            Instant end = row.wasNull() ? null : Instant.ofEpochMilli(until);
            return new Request(row.getString("site"), row.getInt("open") == 1, end, row.getString("by_account"),
                    row.getString("reason"), Instant.ofEpochMilli(row.getLong("at_ms")));
        };
    }

    private NoodRequestStore() {
    }

    static List<Request> all(Connection connection) throws SQLException {
        return Sql.list(connection, "SELECT * FROM nood_request ORDER BY site", Request.ROW);
    }

    /** Stores the location's request, replacing the one before. */
    static void put(Connection connection, Request request) throws SQLException {
        Sql.update(connection, """
                INSERT INTO nood_request (site, open, until_ms, by_account, reason, at_ms) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (site) DO UPDATE SET open = excluded.open, until_ms = excluded.until_ms,
                    by_account = excluded.by_account, reason = excluded.reason, at_ms = excluded.at_ms""",
                request.site(), request.open() ? 1 : 0, request.until() == null ? null : request.until().toEpochMilli(),
                request.by(), request.reason(), request.at().toEpochMilli());
    }

    /** The location's close request is done: the node reported its noodbedden closed. */
    static void closed(Connection connection, String site) throws SQLException {
        Sql.update(connection, "DELETE FROM nood_request WHERE site = ? AND open = 0", site);
    }
}
