package nl.opvang.hub.waitlist;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/** The {@code waitlist_entry} table (V52), inside the caller's transaction or read. */
final class WaitlistStore {
    private static final String COLUMNS = """
            id, reference, need, decided_on, priority, origin, exemption, state, hold, offers, created_ms, closed_ms,
            close_reason""";
    static final RowMapper<Entry> ENTRY = row -> new Entry(UUID.fromString(row.getString("id")), row.getString("reference"),
            Need.valueOf(upper(row.getString("need"))), LocalDate.parse(row.getString("decided_on")),
            Entry.Priority.valueOf(upper(row.getString("priority"))), row.getString("origin"),
            row.getString("exemption") == null ? null : Entry.Exemption.valueOf(upper(row.getString("exemption"))),
            Entry.State.valueOf(upper(row.getString("state"))),
            row.getString("hold") == null ? null : UUID.fromString(row.getString("hold")), row.getInt("offers"),
            Instant.ofEpochMilli(row.getLong("created_ms")), millis(row, "closed_ms"),
            row.getString("close_reason") == null ? null : Entry.CloseReason.valueOf(upper(row.getString("close_reason"))));

    private WaitlistStore() {
    }

    static void insert(Connection c, Entry entry) throws SQLException {
        Sql.update(c, "INSERT INTO waitlist_entry (" + COLUMNS + """
                , changed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", entry.id().toString(),
                entry.reference(), entry.need().wire(), entry.decidedOn().toString(), entry.priority().wire(),
                entry.origin(), entry.exemption() == null ? null : entry.exemption().wire(), entry.state().wire(),
                null, 0, entry.createdAt().toEpochMilli(), null, null, entry.createdAt().toEpochMilli());
    }

    static Optional<Entry> find(Connection c, UUID id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM waitlist_entry WHERE id = ?", ENTRY, id.toString());
    }

    static Optional<Entry> byHold(Connection c, UUID hold) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM waitlist_entry WHERE hold = ?", ENTRY, hold.toString());
    }

    /** Everyone still waiting (offered or not), longest wait first. */
    static List<Entry> open(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM waitlist_entry WHERE state <> 'closed'"
                + " ORDER BY decided_on, created_ms, id", ENTRY);
    }

    static void prioritise(Connection c, UUID id, Entry.Priority priority, Entry.Exemption exemption, long atMs)
            throws SQLException {
        Sql.update(c, "UPDATE waitlist_entry SET priority = ?, exemption = ?, changed_ms = ? WHERE id = ?", priority.wire(),
                exemption == null ? null : exemption.wire(), atMs, id.toString());
    }

    static void offered(Connection c, UUID id, UUID hold, long atMs) throws SQLException {
        Sql.update(c, """
                UPDATE waitlist_entry SET state = 'offered', hold = ?, offers = offers + 1, changed_ms = ? WHERE id = ?""",
                hold.toString(), atMs, id.toString());
    }

    /** The offer ended without a check-in: waiting again, free for a new offer. */
    static void waitingAgain(Connection c, UUID id, long atMs) throws SQLException {
        Sql.update(c, "UPDATE waitlist_entry SET state = 'waiting', hold = NULL, changed_ms = ? WHERE id = ?", atMs,
                id.toString());
    }

    static void close(Connection c, UUID id, Entry.CloseReason reason, long atMs) throws SQLException {
        Sql.update(c, """
                UPDATE waitlist_entry SET state = 'closed', close_reason = ?, closed_ms = ?, changed_ms = ? WHERE id = ?""",
                reason.wire(), atMs, atMs, id.toString());
    }

    private static String upper(String wire) {
        return wire.toUpperCase(Locale.ROOT);
    }

    private static Instant millis(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
