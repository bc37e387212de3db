package nl.opvang.hub.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.opvang.hub.store.Database;
import nl.opvang.sql.Migrations;
import nl.opvang.sql.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Privacy by default, checked (issue 17, docs/DESIGN.md §5): every column of every table of the hub's and the node's
 * database, as their Flyway migrations make them on a fresh SQLite file, has a line in the {@link RetentionTable}: a
 * rule that says how long it is kept, or {@link RetentionTable#NOT_PERSONAL} with the reason it holds no personal data.
 */
class RetentionColumnsTest {
    private static final RetentionTable TABLE = RetentionTable.of(RetentionPeriods.DEFAULTS);

    @TempDir
    Path folder;

    @Test
    void every_column_of_hub_and_node_has_a_line_in_the_retention_table() throws SQLException {
        List<String> columns = new ArrayList<>(hubColumns());
        columns.addAll(nodeColumns());
        assertTrue(columns.contains("hub:event.token_id") && columns.contains("node:outbox.payload"), columns.toString());

        List<String> missing = columns.stream()
                .filter(column -> TABLE.ruleFor(column).isEmpty() && !RetentionTable.NOT_PERSONAL.containsKey(column))
                .toList();

        assertEquals(List.of(), missing, "These database columns have no line in the retention table. For each, add it"
                + " to the columns of the rule of nl.opvang.hub.retention.RetentionTable whose kind of data it holds (or a"
                + " new rule: how long it is kept, why, and which class or command removes it), or, when it holds no"
                + " personal data at all, to RetentionTable.NOT_PERSONAL with the reason; then update the table in"
                + " docs/DESIGN.md §5.");
    }

    @Test
    void the_retention_table_names_only_columns_that_exist_and_each_once() throws SQLException {
        SortedSet<String> columns = new TreeSet<>(hubColumns());
        columns.addAll(nodeColumns());
        List<String> named = new ArrayList<>(RetentionTable.NOT_PERSONAL.keySet());
        TABLE.rules().forEach(rule -> named.addAll(rule.columns()));

        assertEquals(List.of(), named.stream().filter(column -> !columns.contains(column)).sorted().toList(),
                "the retention table names columns no migration makes: remove or rename them in RetentionTable");
        assertEquals(List.of(), named.stream().collect(Collectors.groupingBy(column -> column, Collectors.counting()))
                .entrySet().stream().filter(entry -> entry.getValue() > 1).map(entry -> entry.getKey()).sorted().toList(),
                "a column belongs to one line of the retention table only");
    }

    /** The retention table is listed in the docs (issue 17 item 2): every kind is a line of the table in docs/DESIGN.md §5. */
    @Test
    void every_kind_of_data_is_a_line_of_the_retention_table_in_the_design() throws IOException {
        String design = Files.readString(Path.of("..", "docs", "DESIGN.md"));
        assertTrue(design.contains("| kind | period (default) | why | enforced by |"), "the table in docs/DESIGN.md §5");

        assertEquals(List.of(), TABLE.rules().stream().map(RetentionRule::kind)
                .filter(kind -> !design.contains("\n| `" + kind + "`")).toList(), "kinds of RetentionTable without a line"
                + " in the retention table of docs/DESIGN.md §5: add one (period, why, enforced by)");
    }

    @Test
    void a_column_added_without_a_line_is_named_in_the_failure() throws SQLException {
        Path file = folder.resolve("hub");
        try (Database database = Database.open(file)) {
            database.transaction(connection -> Sql.update(connection, "ALTER TABLE hold ADD COLUMN client_name TEXT"));
        }
        List<String> columns = columns(file.resolve("hub.db"), "hub");

        assertTrue(columns.stream()
                .filter(column -> TABLE.ruleFor(column).isEmpty() && !RetentionTable.NOT_PERSONAL.containsKey(column))
                .toList().contains("hub:hold.client_name"), "the new column is found without a line");
    }

    private List<String> hubColumns() throws SQLException {
        Path dataDir = folder.resolve("hub-fresh");
        Database.open(dataDir).close();
        return columns(dataDir.resolve("hub.db"), "hub");
    }

    /** The node's migrations (the device module's {@code db/device}, on the hub's classpath) on a fresh file. */
    private List<String> nodeColumns() throws SQLException {
        Path file = folder.resolve("node.db");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        new Migrations("classpath:db/device", new Migrations.LegacyMarker() {
            @Override
            public SortedSet<Integer> applied(Connection connection) {
                return null;
            }

            @Override
            public void record(Connection connection, int version) {
                // A fresh file has no marker before Flyway to keep up to date.
            }
        }).migrate(source);
        return columns(file, "node");
    }

    /** Every column of every table of the SQLite file, as {@code database:table.column}. */
    private static List<String> columns(Path file, String database) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            List<String> tables = Sql.list(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name", row -> row.getString(1));
            for (String table : tables) {
                columns.addAll(Sql.list(connection, "SELECT name FROM pragma_table_info(?)",
                        row -> database + ":" + table + "." + row.getString(1), table));
            }
        }
        return columns;
    }
}
