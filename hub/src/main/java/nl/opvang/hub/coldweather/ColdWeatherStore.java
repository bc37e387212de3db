package nl.opvang.hub.coldweather;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The tables {@code cold_weather}, {@code cold_weather_site} and {@code cold_weather_node} (V50): the periods of
 * cold-weather mode, the locations each covers, and the nodes whose nood places the mode opened. Runs inside the
 * caller's transaction.
 */
final class ColdWeatherStore {
    private static final String PERIOD_COLUMNS = """
            id, started_ms, started_by, reason, until_ms, changed_ms, changed_by, ended_ms, ended_by, end_reason""";

    /** A period's row without its sites. */
    private record Row(long id, Instant startedAt, String startedBy, String reason, Instant until, Instant changedAt,
                       String changedBy, Instant endedAt, String endedBy, String endReason) {
        static final RowMapper<Row> ROW = row -> new Row(row.getLong("id"), instant(row, "started_ms"),
                row.getString("started_by"), row.getString("reason"), instant(row, "until_ms"),
                instant(row, "changed_ms"), row.getString("changed_by"), instant(row, "ended_ms"),
                row.getString("ended_by"), row.getString("end_reason"));

        Period with(List<String> sites) {
            return new Period(id, startedAt, startedBy, reason, until, changedAt, changedBy, endedAt, endedBy, endReason,
                    sites);
        }
    }

    /** A node the mode opened: in which period, and whether the mode still answers for closing it. */
    record OpenedNode(long period, String node, long openedMs) {
        static final RowMapper<OpenedNode> ROW = row -> new OpenedNode(row.getLong("cold_weather"), row.getString("node"),
                row.getLong("opened_ms"));
    }

    private ColdWeatherStore() {
    }

    /** The region's open period, if the mode is on (or was, and its end is not yet recorded). */
    static Optional<Period> open(Connection connection, String region) throws SQLException {
        Optional<Row> row = Sql.first(connection, "SELECT " + PERIOD_COLUMNS
                + " FROM cold_weather WHERE region = ? AND ended_ms IS NULL", Row.ROW, region);
        return row.isEmpty() ? Optional.empty() : Optional.of(row.get().with(sites(connection, row.get().id())));
    }

    /** The region's periods, newest first, at most {@code limit}. */
    static List<Period> history(Connection connection, String region, int limit) throws SQLException {
        List<Row> rows = Sql.list(connection, "SELECT " + PERIOD_COLUMNS
                + " FROM cold_weather WHERE region = ? ORDER BY id DESC LIMIT ?", Row.ROW, region, limit);
        List<Period> periods = new ArrayList<>();
        for (Row row : rows) {
            periods.add(row.with(sites(connection, row.id())));
        }
        return periods;
    }

    private static List<String> sites(Connection connection, long period) throws SQLException {
        return Sql.list(connection, "SELECT site FROM cold_weather_site WHERE cold_weather = ? ORDER BY site",
                row -> row.getString(1), period);
    }

    static void start(Connection connection, String region, long atMs, String by, String reason, long untilMs,
                      List<String> sites) throws SQLException {
        Sql.update(connection, """
                INSERT INTO cold_weather (region, started_ms, started_by, reason, until_ms) VALUES (?, ?, ?, ?, ?)""",
                region, atMs, by, reason, untilMs);
        long id = Sql.number(connection, "SELECT id FROM cold_weather WHERE region = ? AND ended_ms IS NULL", -1, region);
        replaceSites(connection, id, sites);
    }

    static void extend(Connection connection, long period, long atMs, String by, String reason, long untilMs,
                       List<String> sites) throws SQLException {
        Sql.update(connection, """
                UPDATE cold_weather SET until_ms = ?, reason = ?, changed_ms = ?, changed_by = ? WHERE id = ?""",
                untilMs, reason, atMs, by, period);
        replaceSites(connection, period, sites);
    }

    private static void replaceSites(Connection connection, long period, List<String> sites) throws SQLException {
        Sql.update(connection, "DELETE FROM cold_weather_site WHERE cold_weather = ?", period);
        Sql.batch(connection, "INSERT INTO cold_weather_site (cold_weather, site) VALUES (?, ?)", sites,
                (statement, site) -> {
                    statement.setLong(1, period);
                    statement.setString(2, site);
                });
    }

    static void end(Connection connection, long period, long atMs, String by, String reason) throws SQLException {
        Sql.update(connection, "UPDATE cold_weather SET ended_ms = ?, ended_by = ?, end_reason = ? WHERE id = ?",
                atMs, by, reason, period);
    }

    /** Nodes the mode opened and has not yet seen closed (of any period). */
    static List<OpenedNode> openedNodes(Connection connection) throws SQLException {
        return Sql.list(connection, """
                SELECT cold_weather, node, opened_ms FROM cold_weather_node WHERE released_ms IS NULL
                ORDER BY cold_weather, node""", OpenedNode.ROW);
    }

    /**
     * The mode of {@code period} opens {@code node}: noted once; an earlier period's claim on the node passes to it.
     */
    static void opened(Connection connection, long period, String node, long atMs) throws SQLException {
        Sql.update(connection, """
                UPDATE cold_weather_node SET released_ms = ? WHERE node = ? AND cold_weather <> ? AND released_ms IS NULL""",
                atMs, node, period);
        Sql.update(connection, """
                INSERT INTO cold_weather_node (cold_weather, node, opened_ms) VALUES (?, ?, ?)
                ON CONFLICT (cold_weather, node) DO NOTHING""", period, node, atMs);
    }

    /** The node reported its nood places closed: the mode no longer answers for it. */
    static void released(Connection connection, String node, long atMs) throws SQLException {
        Sql.update(connection, "UPDATE cold_weather_node SET released_ms = ? WHERE node = ? AND released_ms IS NULL",
                atMs, node);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        long ms = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(ms);
    }
}
