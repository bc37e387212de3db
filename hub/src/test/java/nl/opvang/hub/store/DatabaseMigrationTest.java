package nl.opvang.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.opvang.sql.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's schema under Flyway (docs/DESIGN.md §1): a new data folder, and a hub.db made by the numbered migrations
 * before Flyway (their files, as they were, are test resources in {@code before-flyway/}, applied the way the old code
 * did) upgraded in place with every row kept.
 */
class DatabaseMigrationTest {
    /** The versions before Flyway, in the order the old code applied them. */
    private static final List<Integer> BEFORE_FLYWAY = List.of(1, 2, 3, 4, 5, 6, 13, 47);
    /** The migrations after those the old code knew, from the hub's own migration files: later issues add more. */
    private static final List<Integer> AFTER_FLYWAY = versions().stream().filter(version -> version > 47).toList();
    private static final int CURRENT = AFTER_FLYWAY.get(AFTER_FLYWAY.size() - 1);
    /** Every table before Flyway. */
    private static final List<String> TABLES = List.of("location", "node", "place", "token", "event", "conflict", "audit",
            "account", "account_session", "login_failure", "hold", "location_contact", "occupancy_night", "stay_count",
            "login_address");

    @TempDir
    Path dataDir;

    @Test
    void a_new_data_folder_gets_the_current_schema() throws Exception {
        Database.open(dataDir).close();

        assertEquals(List.of(Integer.toString(CURRENT)), rows("SELECT MAX(CAST(version AS INTEGER)) FROM "
                + Migrations.HISTORY));
        assertEquals(List.of(Integer.toString(CURRENT)), rows("SELECT version FROM schema_version"),
                "the old marker names the version, so that an older hub refuses this database");
        for (String table : TABLES) {
            assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM " + table), table);
        }
        assertTrue(columns("event").contains("node_ms"));
    }

    @Test
    void a_database_made_before_flyway_keeps_every_row_and_gets_the_current_schema() throws Exception {
        beforeFlyway(BEFORE_FLYWAY);
        fill();
        Map<String, List<String>> before = dump();

        try (Database database = Database.open(dataDir)) {
            assertEquals("ok", database.integrityCheck());
            assertEquals("ok", database.ping());
        }

        assertEquals(before, dump(), "every row of every table, node_at aside");
        assertEquals(List.of(
                "1:" + Instant.parse("2026-11-22T22:00:00Z").toEpochMilli(),
                "2:" + Instant.parse("2026-11-22T22:00:00.5Z").toEpochMilli(),
                "3:" + Instant.parse("2026-11-22T22:00:00.123456789Z").toEpochMilli()),
                rows("SELECT seq || ':' || node_ms FROM event ORDER BY seq"));
        assertEquals(List.of("1:", "2:" + Instant.parse("2026-11-22T23:00:00.250Z").toEpochMilli()),
                rows("SELECT seq || ':' || coalesce(node_ms, '') FROM conflict ORDER BY seq"));
        assertFalse(columns("event").contains("node_at"));
        assertFalse(columns("conflict").contains("node_at"));
        assertEquals(history("47:BASELINE"),
                rows("SELECT version || ':' || type FROM " + Migrations.HISTORY + " ORDER BY installed_rank"));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "13", "47", Integer.toString(CURRENT)),
                rows("SELECT version FROM schema_version ORDER BY version"), "the old marker gets the current version");
        assertEquals(List.of("event_linked", "event_privacy_request", "event_refused"),
                rows("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event' AND sql IS NOT NULL "
                        + "ORDER BY name"));
        assertEquals(List.of("audit_no_delete", "audit_no_update", "monitor_stay_forgotten", "monitor_stay_unlinked",
                        "privacy_restriction_with_token"),
                rows("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"));

        try (Database database = Database.open(dataDir)) {
            assertEquals("ok", database.ping(), "a second start has nothing to do");
        }
    }

    @Test
    void a_database_that_got_v47_before_v13_gets_v13_and_keeps_its_rows() throws Exception {
        // On main, the accounts branch (V47) was merged before the refusals branch (V13).
        beforeFlyway(List.of(1, 2, 3, 4, 5, 6, 47));
        execute("INSERT INTO location VALUES ('kw-vo', 'De Kade', 'Kwintes', 'Amersfoort', 'Eemland', '088', 0)",
                "INSERT INTO node (code, site) VALUES ('kw-1', 'kw-vo')",
                "INSERT INTO conflict (node, session, seq, stored_id, other_id, received_ms) VALUES ('kw-1', 's', 1, 'a', 'b', 5)",
                "INSERT INTO login_address VALUES ('admin', '10.0.0.1', 7)");

        Database.open(dataDir).close();

        assertEquals(List.of("kw-1:1:"), rows("SELECT node || ':' || seq || ':' || coalesce(type, '') FROM conflict"));
        assertEquals(List.of("admin:7"), rows("SELECT username || ':' || last_ok_ms FROM login_address"));
        assertEquals(history("6:BASELINE", "13:SQL", "47:SQL"),
                rows("SELECT version || ':' || type FROM " + Migrations.HISTORY + " ORDER BY installed_rank"));
        assertTrue(columns("conflict").containsAll(Set.of("type", "body", "node_ms")));
    }

    @Test
    void a_failing_migration_stops_the_hub_with_its_name_and_changes_nothing() throws Exception {
        beforeFlyway(BEFORE_FLYWAY);
        fill();
        execute("INSERT INTO event (node, session, seq, id, type, node_at, received_ms, body) "
                + "VALUES ('kw-1', 'sessie-1', 9, 'e9', 'check_in', 'gisteravond', 9, '{}')");
        Map<String, List<String>> before = dump();
        List<String> schema = rows("SELECT sql FROM sqlite_master ORDER BY name");

        StoreException failure = assertThrows(StoreException.class, () -> Database.open(dataDir));

        assertTrue(failure.getMessage().contains("V48__node_time_in_ms.sql"), failure.getMessage());
        assertTrue(failure.getMessage().contains("does not start"), failure.getMessage());
        assertTrue(failure.inTheDatabase(), "the start gives no advice about the data folder's permissions");
        assertEquals(before, dump());
        assertEquals(schema, rows("SELECT sql FROM sqlite_master ORDER BY name"), "no table added, none changed");
        assertTrue(columns("event").contains("node_at"));
    }

    @Test
    void a_migration_changed_after_it_was_applied_is_refused() throws Exception {
        Database.open(dataDir).close();
        // What a release with an edited V4__holds.sql would meet: the checksum Flyway stored no longer matches the file.
        execute("UPDATE " + Migrations.HISTORY + " SET checksum = checksum + 1 WHERE version = '4'");

        StoreException failure = assertThrows(StoreException.class, () -> Database.open(dataDir));

        assertTrue(failure.getMessage().contains("changed"), failure.getMessage());
        assertTrue(failure.getMessage().contains("4"), failure.getMessage());
        assertTrue(failure.inTheDatabase());
    }

    @Test
    void a_database_of_a_newer_hub_is_refused() throws Exception {
        Database.open(dataDir).close();
        execute("INSERT INTO " + Migrations.HISTORY + " (installed_rank, version, description, type, script, checksum, "
                + "installed_by, execution_time, success) VALUES (99, '99', 'later', 'SQL', 'V99__later.sql', 1, '', 0, 1)");

        StoreException failure = assertThrows(StoreException.class, () -> Database.open(dataDir));

        assertTrue(failure.getMessage().contains("schema version 99"), failure.getMessage());
        assertTrue(failure.inTheDatabase());
    }

    /** What the hub did before Flyway: each file split at a semicolon ending a line, one transaction per version. */
    private void beforeFlyway(List<Integer> versions) throws Exception {
        Files.createDirectories(dataDir);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            for (int version : versions) {
                connection.setAutoCommit(false);
                for (String sql : oldFile(version).split(";\\s*\n")) {
                    if (!sql.lines().filter(line -> !line.strip().startsWith("--")).reduce("", String::concat).isBlank()) {
                        statement.executeUpdate(sql);
                    }
                }
                statement.executeUpdate("INSERT INTO schema_version (version) VALUES (" + version + ")");
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    private static String oldFile(int version) throws IOException {
        try (InputStream in = DatabaseMigrationTest.class.getResourceAsStream("before-flyway/V" + version + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A row in every table of the schema before Flyway, times as that code wrote them. */
    private void fill() throws Exception {
        execute("INSERT INTO location VALUES ('kw-vo', 'De Kade', 'Kwintes', 'Amersfoort', 'Eemland', '088 000 0200', 1)",
                "INSERT INTO node VALUES ('kw-1', 'kw-vo', 'sessie-1', 3, 30, 1795384800000, 1, 2, '0.1.0', NULL)",
                "INSERT INTO place VALUES ('kw-1', 'B1', 'regular', 0, 1, 1, 1, 'occupied', 1795384800000)",
                "INSERT INTO token VALUES (1, 'pseudoniem-1')",
                "INSERT INTO event VALUES ('kw-1', 'sessie-1', 1, 'e1', 'check_in', '2026-11-22T22:00:00Z', 1795384800100, 1,"
                        + " '{\"bed\":\"B1\"}', NULL)",
                "INSERT INTO event VALUES ('kw-1', 'sessie-1', 2, 'e2', 'heartbeat', '2026-11-22T22:00:00.5Z', 1795384800600,"
                        + " NULL, '{}', NULL)",
                "INSERT INTO event VALUES ('kw-1', 'sessie-1', 3, 'e3', 'invalid', '2026-11-22T22:00:00.123456789Z',"
                        + " 1795384800700, NULL, '{}', 'onleesbaar')",
                "INSERT INTO conflict (id, node, session, seq, stored_id, other_id, received_ms)"
                        + " VALUES (1, 'kw-1', 'sessie-1', 1, 'e1', 'x1', 1795384800800)",
                "INSERT INTO conflict VALUES (2, 'kw-1', 'sessie-1', 2, 'e2', 'x2', 1795384800900, 'check_out',"
                        + " '2026-11-22T23:00:00.250Z', '{\"bed\":\"B1\"}')",
                "INSERT INTO audit VALUES (1, 1795384800000, 'admin', 'account.create', 'ct-1', NULL, '0', 'abc')",
                "INSERT INTO account VALUES (1, 'admin', 'Beheer', 'admin', NULL, 'hash', 'sealed', 0, 1795384800000, 123)",
                "INSERT INTO account_session VALUES ('h1', 1, 'web', 'csrf', 1795384800000, 1795413600000, 1795384800000)",
                "INSERT INTO login_failure VALUES (1, 'admin', 1795384800000)",
                "INSERT INTO hold VALUES ('h-1', 'kw-vo', 'kw-1', 'regular', 'B1', 'accepted', 1, 'Ct', 'ct', 1795384800000,"
                        + " 1795388400000, 1795384900000, 'B1', 'sealed', NULL, NULL, 1795384800000)",
                "INSERT INTO location_contact VALUES ('kw-vo', 'Nachtdienst 088 000 0200', 1795384800000)",
                "INSERT INTO occupancy_night VALUES ('2026-11-22', 'kw-vo', 'regular', 1, 1, 4, 1795384800000)",
                "INSERT INTO stay_count VALUES ('2026-10-01', 'kw-vo', 'regular', 3, 2)",
                "INSERT INTO login_address VALUES ('admin', '10.0.0.1', 1795384800000)");
    }

    /** Every row of every table as text, column by column (node_at and node_ms, converted, are checked apart). */
    private Map<String, List<String>> dump() throws SQLException {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            String name = meta.getColumnName(column);
                            // A column a later migration added is NULL in old rows: NULLs are left out on both sides.
                            if (!name.equals("node_at") && !name.equals("node_ms") && result.getString(column) != null) {
                                row.append(name).append('=').append(result.getString(column)).append(' ');
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                dump.put(table, rows);
            }
        }
        return dump;
    }

    /** The Flyway history: {@code first}, then every migration after the old code's as {@code N:SQL}. */
    private static List<String> history(String... first) {
        List<String> history = new ArrayList<>(List.of(first));
        AFTER_FLYWAY.forEach(version -> history.add(version + ":SQL"));
        return history;
    }

    /** The versions of the hub's migration files, {@code db/hub/V<version>__<name>.sql}, in order. */
    private static List<Integer> versions() {
        try (var files = Files.list(Path.of(DatabaseMigrationTest.class.getResource("/db/hub").toURI()))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).sorted().toList();
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the hub's migrations", e);
        }
    }

    private List<String> columns(String table) throws SQLException {
        return rows("SELECT name FROM pragma_table_info('" + table + "')");
    }

    private List<String> rows(String query) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hub.db"));
    }
}
