package nl.opvang.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The runner against real SQLite files, with migration files written per test into a folder of their own. */
class MigrationsTest {
    @TempDir
    Path dir;

    /** The old scheme of the tests: one row per applied version, as the hub's {@code schema_version}. */
    private static final Migrations.LegacyMarker OLD_TABLE = new Migrations.LegacyMarker() {
        @Override
        public SortedSet<Integer> applied(Connection connection) throws SQLException {
            if (Sql.number(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'old_version'", 0) == 0) {
                return null;
            }
            return new TreeSet<>(Sql.list(connection, "SELECT version FROM old_version", row -> row.getInt(1)));
        }

        @Override
        public void record(Connection connection, int version) throws SQLException {
            Sql.update(connection, "CREATE TABLE IF NOT EXISTS old_version (version INTEGER NOT NULL)");
            Sql.update(connection, "INSERT INTO old_version SELECT ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM old_version WHERE version >= ?)", version, version);
        }
    };

    @Test
    void a_new_database_gets_every_file_in_order() throws Exception {
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);");
        file("V2__bed_kind.sql", "ALTER TABLE bed ADD COLUMN kind TEXT;\nINSERT INTO bed VALUES ('B1', 'man');");
        SQLiteDataSource database = database();

        Migrations.Result result = migrations().migrate(database);

        assertEquals(new Migrations.Result(2, List.of("V1__bed.sql", "V2__bed_kind.sql"), true), result);
        assertEquals(List.of("B1:man"), rows(database, "SELECT code || ':' || kind FROM bed"));
        assertEquals(List.of("2"), rows(database, "SELECT version FROM old_version"), "the old marker kept for older software");
        assertEquals(new Migrations.Result(2, List.of(), false), migrations().migrate(database), "a second run has nothing to do");
    }

    @Test
    void a_database_of_the_old_scheme_is_taken_over_at_its_version_and_keeps_its_rows() throws Exception {
        SQLiteDataSource database = database();
        execute(database, "CREATE TABLE bed (code TEXT PRIMARY KEY)", "ALTER TABLE bed ADD COLUMN kind TEXT",
                "CREATE TABLE old_version (version INTEGER NOT NULL)", "INSERT INTO old_version VALUES (1), (2)",
                "INSERT INTO bed VALUES ('B1', 'man'), ('B2', 'vrouw')");
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);");
        file("V2__bed_kind.sql", "ALTER TABLE bed ADD COLUMN kind TEXT;");
        file("V3__bed_note.sql", "ALTER TABLE bed ADD COLUMN note TEXT;\nUPDATE bed SET note = 'nieuw';");

        Migrations.Result result = migrations().migrate(database);

        assertEquals(new Migrations.Result(3, List.of("V3__bed_note.sql"), false), result);
        assertEquals(List.of("B1:man:nieuw", "B2:vrouw:nieuw"),
                rows(database, "SELECT code || ':' || kind || ':' || note FROM bed ORDER BY code"));
        assertEquals(List.of("2:BASELINE", "3:SQL"),
                rows(database, "SELECT version || ':' || type FROM " + Migrations.HISTORY + " ORDER BY installed_rank"));
    }

    @Test
    void an_old_marker_without_versions_is_taken_as_a_new_database() throws Exception {
        SQLiteDataSource database = database();
        // The old scheme created its marker table, then stopped before its first file committed.
        execute(database, "CREATE TABLE old_version (version INTEGER NOT NULL)");
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);");

        assertEquals(new Migrations.Result(1, List.of("V1__bed.sql"), false), migrations().migrate(database));
        assertEquals(List.of("0:BASELINE", "1:SQL"),
                rows(database, "SELECT version || ':' || type FROM " + Migrations.HISTORY + " ORDER BY installed_rank"));
    }

    @Test
    void a_file_the_old_scheme_skipped_runs_and_one_it_applied_out_of_order_does_not_run_again() throws Exception {
        SQLiteDataSource database = database();
        // The old scheme applied V1 and V3, not V2 (merged later with a lower number).
        execute(database, "CREATE TABLE bed (code TEXT PRIMARY KEY)", "CREATE TABLE kiosk (id INTEGER PRIMARY KEY)",
                "CREATE TABLE old_version (version INTEGER NOT NULL)", "INSERT INTO old_version VALUES (1), (3)",
                "INSERT INTO bed VALUES ('B1')", "INSERT INTO kiosk VALUES (7)");
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);");
        file("V2__hold.sql", "CREATE TABLE hold (id TEXT PRIMARY KEY);");
        file("V3__kiosk.sql", "CREATE TABLE kiosk (id INTEGER PRIMARY KEY);");
        file("V4__hold_bed.sql", "ALTER TABLE hold ADD COLUMN bed TEXT;");

        Migrations.Result result = migrations().migrate(database);

        assertEquals(new Migrations.Result(4, List.of("V2__hold.sql", "V4__hold_bed.sql"), false), result);
        assertEquals(List.of("B1"), rows(database, "SELECT code FROM bed"));
        assertEquals(List.of("7"), rows(database, "SELECT id FROM kiosk"));
        assertEquals(List.of("1", "2", "3", "4"), rows(database, "SELECT version FROM " + Migrations.HISTORY
                + " WHERE success = 1 ORDER BY installed_rank"));
    }

    @Test
    void a_failing_file_leaves_the_database_as_it_was_and_is_named() throws Exception {
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);\nINSERT INTO bed VALUES ('B1');");
        SQLiteDataSource database = database();
        migrations().migrate(database);
        file("V2__hold.sql", "CREATE TABLE hold (id TEXT PRIMARY KEY);\nDELETE FROM bed;");
        file("V3__broken.sql", "ALTER TABLE nothing ADD COLUMN x TEXT;");

        Migrations.MigrationException failure = assertThrows(Migrations.MigrationException.class,
                () -> migrations().migrate(database));

        assertTrue(failure.getMessage().contains("V3__broken.sql"), failure.getMessage());
        assertEquals(List.of("B1"), rows(database, "SELECT code FROM bed"), "V2's delete rolled back with V3");
        assertEquals(List.of(), rows(database, "SELECT name FROM sqlite_master WHERE name = 'hold'"));
        assertEquals(List.of("1"), rows(database, "SELECT version FROM " + Migrations.HISTORY));
    }

    @Test
    void a_failing_first_run_on_an_old_database_leaves_its_old_marker_alone() throws Exception {
        SQLiteDataSource database = database();
        execute(database, "CREATE TABLE bed (code TEXT PRIMARY KEY)", "CREATE TABLE old_version (version INTEGER NOT NULL)",
                "INSERT INTO old_version VALUES (1)", "INSERT INTO bed VALUES ('B1')");
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);");
        file("V2__broken.sql", "DELETE FROM bed;\nALTER TABLE nothing ADD COLUMN x TEXT;");

        assertThrows(Migrations.MigrationException.class, () -> migrations().migrate(database));

        assertEquals(List.of("B1"), rows(database, "SELECT code FROM bed"));
        assertEquals(List.of(), rows(database, "SELECT name FROM sqlite_master WHERE name = '" + Migrations.HISTORY + "'"));
        assertEquals(List.of("1"), rows(database, "SELECT version FROM old_version"));
    }

    @Test
    void a_file_changed_after_it_was_applied_is_refused() throws Exception {
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);");
        SQLiteDataSource database = database();
        migrations().migrate(database);
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY, kind TEXT);");
        file("V2__hold.sql", "CREATE TABLE hold (id TEXT PRIMARY KEY);");

        Migrations.MigrationException failure = assertThrows(Migrations.MigrationException.class,
                () -> migrations().migrate(database));

        assertTrue(failure.getMessage().contains("has been changed"), failure.getMessage());
        assertTrue(failure.getMessage().contains("1"), failure.getMessage());
        assertEquals(List.of(), rows(database, "SELECT name FROM sqlite_master WHERE name = 'hold'"));
    }

    @Test
    void a_database_newer_than_the_files_is_refused() throws Exception {
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);");
        file("V2__hold.sql", "CREATE TABLE hold (id TEXT PRIMARY KEY);");
        SQLiteDataSource database = database();
        migrations().migrate(database);
        Files.delete(dir.resolve("migrations/V2__hold.sql"));

        Migrations.MigrationException failure = assertThrows(Migrations.MigrationException.class,
                () -> migrations().migrate(database));

        assertTrue(failure.getMessage().contains("schema version 2"), failure.getMessage());
    }

    @Test
    void an_old_database_newer_than_the_files_is_refused() throws Exception {
        SQLiteDataSource database = database();
        execute(database, "CREATE TABLE old_version (version INTEGER NOT NULL)", "INSERT INTO old_version VALUES (1), (2)");
        file("V1__bed.sql", "CREATE TABLE bed (code TEXT PRIMARY KEY);");

        Migrations.MigrationException failure = assertThrows(Migrations.MigrationException.class,
                () -> migrations().migrate(database));

        assertTrue(failure.getMessage().contains("schema version 2"), failure.getMessage());
        assertFalse(rows(database, "SELECT name FROM sqlite_master").contains(Migrations.HISTORY));
    }

    private Migrations migrations() {
        return new Migrations("filesystem:" + dir.resolve("migrations"), OLD_TABLE);
    }

    private void file(String name, String sql) throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations").resolve(name), sql);
    }

    private SQLiteDataSource database() {
        SQLiteDataSource database = new SQLiteDataSource();
        database.setUrl("jdbc:sqlite:" + dir.resolve("test.db"));
        return database;
    }

    private static void execute(SQLiteDataSource database, String... statements) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    private static List<String> rows(SQLiteDataSource database, String query) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return Sql.list(connection, query, (ResultSet row) -> row.getString(1));
        }
    }
}
