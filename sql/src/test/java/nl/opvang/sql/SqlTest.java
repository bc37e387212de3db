package nl.opvang.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlTest {
    record Bed(String code, int free) {
        static final RowMapper<Bed> ROW = row -> new Bed(row.getString("code"), row.getInt("free"));
    }

    @Test
    void binds_parameters_in_order_and_maps_rows(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            Sql.update(connection, "CREATE TABLE bed (code TEXT PRIMARY KEY, free INTEGER NOT NULL)");
            assertEquals(1, Sql.update(connection, "INSERT INTO bed VALUES (?, ?)", "B1", 1));
            assertEquals(1, Sql.update(connection, "INSERT INTO bed VALUES (?, ?)", "B2", 0));

            assertEquals(List.of(new Bed("B1", 1), new Bed("B2", 0)),
                    Sql.list(connection, "SELECT code, free FROM bed ORDER BY code", Bed.ROW));
            assertEquals(new Bed("B2", 0),
                    Sql.first(connection, "SELECT code, free FROM bed WHERE free = ?", Bed.ROW, 0).orElseThrow());
            assertTrue(Sql.first(connection, "SELECT code, free FROM bed WHERE code = ?", Bed.ROW, "B9").isEmpty());
            assertEquals(1, Sql.number(connection, "SELECT SUM(free) FROM bed", -1));
            assertEquals(-1, Sql.number(connection, "SELECT MAX(free) FROM bed WHERE code = ?", -1, "B9"));
        }
    }

    @Test
    void a_batch_binds_each_item_and_counts_the_rows_it_changed(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            Sql.update(connection, "CREATE TABLE bed (code TEXT PRIMARY KEY, free INTEGER NOT NULL)");
            RowBinder<Bed> insert = (statement, bed) -> {
                statement.setString(1, bed.code());
                statement.setInt(2, bed.free());
            };

            assertEquals(2, Sql.batch(connection, "INSERT INTO bed VALUES (?, ?)",
                    List.of(new Bed("B1", 1), new Bed("B2", 0)), insert));
            assertEquals(1, Sql.batch(connection, "UPDATE bed SET free = ? WHERE code = ?",
                    List.of(new Bed("B2", 1), new Bed("B9", 1)), (statement, bed) -> {
                        statement.setInt(1, bed.free());
                        statement.setString(2, bed.code());
                    }), "B9 is no row: only B2 changes");
            assertEquals(0, Sql.batch(connection, "no statement is prepared for no items", List.<Bed>of(), insert));

            assertEquals(List.of(new Bed("B1", 1), new Bed("B2", 1)),
                    Sql.list(connection, "SELECT code, free FROM bed ORDER BY code", Bed.ROW));
        }
    }

    @Test
    void batch_runs_one_statement_per_row_and_counts_the_rows_changed(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            Sql.update(connection, "CREATE TABLE bed (code TEXT PRIMARY KEY, free INTEGER NOT NULL)");
            assertEquals(0, Sql.batch(connection, "INSERT INTO bed VALUES (?, ?)", List.<Object[]>of(), Sql.VALUES));
            assertEquals(3, Sql.batch(connection, "INSERT INTO bed VALUES (?, ?)",
                    List.of(new Object[] {"B1", 1}, new Object[] {"B2", 0}, new Object[] {"B3", 1}), Sql.VALUES));
            assertEquals(1, Sql.batch(connection, "INSERT OR IGNORE INTO bed VALUES (?, ?)",
                    List.of(new Object[] {"B1", 0}, new Object[] {"B4", 0}), Sql.VALUES));
            assertEquals(4, Sql.number(connection, "SELECT COUNT(*) FROM bed", -1));
        }
    }

    @Test
    void each_hands_rows_over_one_at_a_time_and_stops_when_told(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            Sql.update(connection, "CREATE TABLE bed (code TEXT PRIMARY KEY, free INTEGER NOT NULL)");
            Sql.batch(connection, "INSERT INTO bed VALUES (?, ?)",
                    List.of(new Object[] {"B1", 1}, new Object[] {"B2", 0}, new Object[] {"B3", 1}), Sql.VALUES);
            List<Bed> seen = new ArrayList<>();
            Sql.each(connection, "SELECT code, free FROM bed WHERE code > ? ORDER BY code", Bed.ROW,
                    bed -> seen.add(bed) && bed.free() == 1, "A");
            assertEquals(List.of(new Bed("B1", 1), new Bed("B2", 0)), seen);
        }
    }
}
