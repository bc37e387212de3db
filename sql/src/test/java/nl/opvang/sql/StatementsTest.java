package nl.opvang.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementsTest {
    @Test
    void a_statement_used_again_binds_its_new_parameters_and_close_ends_them_all(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            Sql.update(connection, "CREATE TABLE stay (token TEXT, out_ms INTEGER)");
            Statements statements = new Statements(connection);
            String insert = "INSERT INTO stay VALUES (?, ?)";
            assertEquals(1, statements.update(insert, "a", 10));
            assertEquals(1, statements.update(insert, "a", null));
            assertEquals(1, statements.update(insert, "b", 30));

            String last = "SELECT MAX(out_ms) FROM stay WHERE token = ?";
            assertEquals(10, statements.number(last, -1, "a"));
            assertEquals(30, statements.number(last, -1, "b"));
            assertEquals(-1, statements.number(last, -1, "c"), "NULL is orElse");
            assertEquals("b", statements.first("SELECT token FROM stay WHERE out_ms = ?", row -> row.getString(1), 30)
                    .orElseThrow());
            assertTrue(statements.first("SELECT token FROM stay WHERE out_ms = ?", row -> row.getString(1), 99)
                    .isEmpty());

            statements.close();
            assertEquals(3, Sql.number(connection, "SELECT COUNT(*) FROM stay", -1), "the rows stay");
            assertThrows(SQLException.class, () -> statements.update("INSERT INTO nowhere VALUES (1)"),
                    "a statement that cannot be prepared says so");
        }
    }

    @Test
    void kept_statements_serve_every_transaction_of_a_connection_and_are_replaced_with_it(@TempDir Path dir)
            throws Exception {
        KeptStatements kept = new KeptStatements();
        String url = "jdbc:sqlite:" + dir.resolve("t.db");
        try (Connection connection = DriverManager.getConnection(url)) {
            Sql.update(connection, "CREATE TABLE stay (token TEXT)");
            Statements first = kept.on(connection);
            for (String token : new String[] {"a", "b"}) {
                connection.setAutoCommit(false);
                assertEquals(1, kept.on(connection).update("INSERT INTO stay VALUES (?)", token));
                connection.commit();
                connection.setAutoCommit(true);
            }
            connection.setAutoCommit(false);
            kept.on(connection).update("INSERT INTO stay VALUES (?)", "rolled back");
            connection.rollback();
            connection.setAutoCommit(true);
            assertSame(first, kept.on(connection), "one set of statements for the connection's life");
            assertEquals(2, kept.on(connection).number("SELECT COUNT(*) FROM stay WHERE token <> ?", -1, "x"));
        }
        try (Connection reopened = DriverManager.getConnection(url)) {
            Statements again = kept.on(reopened);
            assertEquals(1, again.update("INSERT INTO stay VALUES (?)", "c"), "new statements on the new connection");
            assertEquals(3, Sql.number(reopened, "SELECT COUNT(*) FROM stay", -1));
        }
    }
}
