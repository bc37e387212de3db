package nl.opvang.hub.ops;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.sql.Sql;

/**
 * The SQL of {@link Backup}: whole-database statements on a connection of its own (a copy, a check, the row count of
 * every table), not the rows of any one feature.
 */
final class BackupStore {
    private BackupStore() {
    }

    /** Writes a compacted copy of the database to {@code target} (which must not exist). */
    static void vacuumInto(Connection connection, Path target) throws SQLException {
        Sql.update(connection, "VACUUM INTO ?", target.toAbsolutePath().toString());
    }

    /** {@code PRAGMA integrity_check}'s first answer: "ok" when sound. */
    static String integrityCheck(Connection connection) throws SQLException {
        return Sql.first(connection, "PRAGMA integrity_check", row -> row.getString(1)).orElse("no answer");
    }

    /** The row count of every table, by name. */
    static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        List<String> tables = Sql.list(connection, """
                SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name""",
                row -> row.getString(1));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            // Table names come from sqlite_schema itself; quoting keeps an odd name from breaking the query.
            counts.put(table, Sql.number(connection, "SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"", 0));
        }
        return counts;
    }

    /** Takes and gives back an exclusive lock: fails when another connection (a running hub) has the file open. */
    static void lockExclusively(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("BEGIN EXCLUSIVE");
            statement.executeUpdate("COMMIT");
        }
    }
}
