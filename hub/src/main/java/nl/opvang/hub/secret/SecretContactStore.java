package nl.opvang.hub.secret;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The {@code location_contact} table: the stored contact of each secret location. Run inside the caller's
 * transaction: a read of the content is only ever in the transaction of its audit entry ({@link SecretContacts}).
 */
final class SecretContactStore {
    /** One row: the location, its stored contact ({@link SecretContact#stored()} form) and when it was set. */
    record Row(String location, String contact, long updatedMs) {
        static final RowMapper<Row> ROW = row -> new Row(row.getString("location"), row.getString("contact"),
                row.getLong("updated_ms"));
    }

    private SecretContactStore() {
    }

    static Optional<String> contact(Connection connection, String location) throws SQLException {
        return Sql.first(connection, "SELECT contact FROM location_contact WHERE location = ?", row -> row.getString(1),
                location);
    }

    static List<Row> all(Connection connection) throws SQLException {
        return Sql.list(connection, "SELECT location, contact, updated_ms FROM location_contact", Row.ROW);
    }

    /** Sets the location's contact (added or replaced). */
    static void put(Connection connection, String location, String contact, long updatedMs) throws SQLException {
        Sql.update(connection, """
                INSERT INTO location_contact (location, contact, updated_ms) VALUES (?, ?, ?)
                ON CONFLICT (location) DO UPDATE SET contact = excluded.contact, updated_ms = excluded.updated_ms""",
                location, contact, updatedMs);
    }

    /** Replaces the stored content of an existing row. */
    static void replace(Connection connection, String location, String contact, long updatedMs) throws SQLException {
        Sql.update(connection, "UPDATE location_contact SET contact = ?, updated_ms = ? WHERE location = ?", contact,
                updatedMs, location);
    }

    static void delete(Connection connection, String location) throws SQLException {
        Sql.update(connection, "DELETE FROM location_contact WHERE location = ?", location);
    }

    /** SQLite's {@code secure_delete}: while on, what is removed or overwritten is zeroed in the file too. */
    static void secureDelete(Connection connection, boolean on) throws SQLException {
        try (Statement pragma = connection.createStatement()) {
            pragma.execute(on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF");
        }
    }
}
