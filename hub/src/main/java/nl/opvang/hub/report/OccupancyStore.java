package nl.opvang.hub.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/** The {@code occupancy_night} table: per night, location and kind the highest occupied and capacity seen. */
final class OccupancyStore {
    /** One row: a location's kind on one night (named by the date of its 12:00 start). */
    record Row(LocalDate night, String location, String kind, int occupied, int capacity) {
        static final RowMapper<Row> ROW = row -> new Row(LocalDate.parse(row.getString("night")),
                row.getString("location"), row.getString("kind"), row.getInt("occupied"), row.getInt("capacity"));
    }

    /** A stay that ended by a check-out without the pass: where, which kind, when (issue #15 item 8). */
    record WithoutPass(String location, String kind, Instant out) {
        static final RowMapper<WithoutPass> ROW = row -> new WithoutPass(row.getString("location"),
                row.getString("kind"), Instant.ofEpochMilli(row.getLong("out_ms")));
    }

    private OccupancyStore() {
    }

    /**
     * The check-outs without the pass from {@code from} (included) to {@code to} (excluded), from the stays the
     * monitoring ledger keeps ({@code monitor_stay}, ended {@code without_pass}; docs/MONITORING.md). A restricted
     * client's stay (AVG art. 18, {@code privacy_restriction}) is left out until the restriction is lifted.
     */
    static List<WithoutPass> withoutPass(Connection connection, Instant from, Instant to) throws SQLException {
        return Sql.list(connection, """
                SELECT location, kind, out_ms FROM monitor_stay s
                WHERE ended = 'without_pass' AND out_ms >= ? AND out_ms < ?
                  AND NOT EXISTS (SELECT 1 FROM privacy_restriction r WHERE r.token_id = s.token_id)""", WithoutPass.ROW,
                from.toEpochMilli(), to.toEpochMilli());
    }

    /** The rows of the nights from {@code from} to {@code to}, both included, by night, location and kind. */
    static List<Row> nights(Connection connection, LocalDate from, LocalDate to) throws SQLException {
        return Sql.list(connection, """
                SELECT night, location, kind, occupied, capacity FROM occupancy_night
                WHERE night >= ? AND night <= ? ORDER BY night, location, kind""", Row.ROW, from.toString(), to.toString());
    }

    /** Folds one sample per row into the night's rows: the highest occupied and capacity stay, samples are counted. */
    static void sample(Connection connection, List<Row> samples, long sampledMs) throws SQLException {
        List<Object[]> parameters = new ArrayList<>();
        for (Row sample : samples) {
            parameters.add(new Object[] {sample.night().toString(), sample.location(), sample.kind(), sample.occupied(),
                    sample.capacity(), sampledMs});
        }
        Sql.batch(connection, """
                INSERT INTO occupancy_night (night, location, kind, occupied, capacity, samples, sampled_ms)
                VALUES (?, ?, ?, ?, ?, 1, ?)
                ON CONFLICT (night, location, kind) DO UPDATE SET
                    occupied = CASE WHEN excluded.occupied > occupancy_night.occupied
                                    THEN excluded.occupied ELSE occupancy_night.occupied END,
                    capacity = CASE WHEN excluded.capacity > occupancy_night.capacity
                                    THEN excluded.capacity ELSE occupancy_night.capacity END,
                    samples = occupancy_night.samples + 1,
                    sampled_ms = excluded.sampled_ms""", parameters, Sql.VALUES);
    }
}
