package nl.opvang.hub.capacity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.location.LocationDates;
import nl.opvang.hub.location.Region;
import nl.opvang.protocol.Kind;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/** The {@code capacity_change} and {@code location_dates} tables (V51): run inside the caller's transaction or read. */
final class CapacityStore {
    private static final String COLUMNS = """
            id, site, kind, capacity, from_ms, until_ms, reason, created_by, created_ms, cancelled_by, cancelled_ms,
            restored_ms""";
    /** The calendar shows the most recent changes; older ones are in the audit log. */
    private static final int LIST_LIMIT = 500;
    static final RowMapper<CapacityChange> CHANGE = row -> new CapacityChange(row.getLong("id"), row.getString("site"),
            Kind.fromWire("kind", row.getString("kind")), row.getInt("capacity"), millis(row, "from_ms"),
            millis(row, "until_ms"), row.getString("reason"), row.getString("created_by"), millis(row, "created_ms"),
            row.getString("cancelled_by"), millis(row, "cancelled_ms"), millis(row, "restored_ms"));

    /** A {@code location_dates} row. */
    private record DateRow(String code, LocationDates.Dates dates) {
        static final RowMapper<DateRow> ROW = row -> new DateRow(row.getString("code"), new LocationDates.Dates(
                millis(row, "opens_ms"), millis(row, "retired_ms"), row.getString("retired_reason")));
    }

    private CapacityStore() {
    }

    static long insert(Connection c, CapacityChange change) throws SQLException {
        Sql.update(c, """
                INSERT INTO capacity_change (site, kind, capacity, from_ms, until_ms, reason, created_by, created_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", change.site(), change.kind().wire(), change.capacity(),
                change.from().toEpochMilli(), millis(change.until()), change.reason(), change.createdBy(),
                change.createdAt().toEpochMilli());
        // Inside the one writer transaction: the row just written has the highest id.
        return Sql.number(c, "SELECT MAX(id) FROM capacity_change", -1);
    }

    static Optional<CapacityChange> find(Connection c, long id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM capacity_change WHERE id = ?", CHANGE, id);
    }

    /** The most recent changes, in the order they take effect. */
    static List<CapacityChange> recent(Connection c) throws SQLException {
        List<CapacityChange> changes = new ArrayList<>(Sql.list(c, "SELECT " + COLUMNS
                + " FROM capacity_change ORDER BY from_ms DESC, id DESC LIMIT " + LIST_LIMIT, CHANGE));
        Collections.reverse(changes);
        return changes;
    }

    /** Changes of one location and kind that are not cancelled before they began. */
    static List<CapacityChange> of(Connection c, String site, Kind kind) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + """
                 FROM capacity_change WHERE site = ? AND kind = ? AND (cancelled_ms IS NULL OR cancelled_ms > from_ms)
                ORDER BY from_ms""", CHANGE, site, kind.wire());
    }

    /** What the node link works on: changes not cancelled before they began, and not yet restored at the node. */
    static List<CapacityChange> unsettled(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + """
                 FROM capacity_change WHERE restored_ms IS NULL AND (cancelled_ms IS NULL OR cancelled_ms >= from_ms)
                ORDER BY from_ms""", CHANGE);
    }

    static void cancel(Connection c, long id, String by, Instant at) throws SQLException {
        Sql.update(c, "UPDATE capacity_change SET cancelled_by = ?, cancelled_ms = ? WHERE id = ?", by, at.toEpochMilli(), id);
    }

    static void restored(Connection c, long id, Instant at) throws SQLException {
        Sql.update(c, "UPDATE capacity_change SET restored_ms = ? WHERE id = ? AND restored_ms IS NULL", at.toEpochMilli(), id);
    }

    /** Writes the region file's opening dates (a date removed from the file is removed here too). */
    static void seedOpens(Connection c, Region region, ZoneId zone) throws SQLException {
        Sql.update(c, "UPDATE location_dates SET opens_ms = NULL");
        for (Map.Entry<String, LocalDate> opens : region.opens().entrySet()) {
            Sql.update(c, """
                    INSERT INTO location_dates (code, opens_ms) VALUES (?, ?)
                    ON CONFLICT (code) DO UPDATE SET opens_ms = excluded.opens_ms""", opens.getKey(),
                    opens.getValue().atStartOfDay(zone).toInstant().toEpochMilli());
        }
    }

    static Map<String, LocationDates.Dates> dates(Connection c) throws SQLException {
        Map<String, LocationDates.Dates> all = new HashMap<>();
        for (DateRow row : Sql.list(c, """
                SELECT code, COALESCE(opened_ms, opens_ms) AS opens_ms, retired_ms, retired_reason FROM location_dates""",
                DateRow.ROW)) {
            all.put(row.code(), row.dates());
        }
        return all;
    }

    /** Opens a location at {@code at}: this wins over the region file's {@code opens}, also after a restart. */
    static void open(Connection c, String code, Instant at) throws SQLException {
        Sql.update(c, """
                INSERT INTO location_dates (code, opened_ms) VALUES (?, ?)
                ON CONFLICT (code) DO UPDATE SET opened_ms = excluded.opened_ms""", code, at.toEpochMilli());
    }

    static void retire(Connection c, String code, Instant at, String reason) throws SQLException {
        Sql.update(c, """
                INSERT INTO location_dates (code, retired_ms, retired_reason) VALUES (?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET retired_ms = excluded.retired_ms, retired_reason = excluded.retired_reason""",
                code, at.toEpochMilli(), reason);
    }

    private static Instant millis(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }
}
