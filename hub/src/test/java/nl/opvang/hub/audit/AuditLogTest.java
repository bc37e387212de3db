package nl.opvang.hub.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.store.StoreException;
import nl.opvang.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;
    Database database;
    AuditLog audit = new AuditLog(new MutableClock(Instant.parse("2026-11-22T22:00:00Z")));

    @BeforeEach
    void open() {
        database = Database.open(dir);
        for (int i = 1; i <= 5; i++) {
            String subject = "hold-" + i;
            database.transaction(connection -> audit.append(connection, "ct", "hold.create", subject, "kind=crisis"));
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void an_untouched_chain_verifies() {
        AuditLog.Verification result = audit.verify(database, null, null);

        assertTrue(result.intact());
        assertEquals(5, result.entries());
    }

    @Test
    void the_database_refuses_to_change_or_delete_an_entry() {
        assertThrows(StoreException.class, () -> database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE audit SET detail = 'x' WHERE seq = 2");
            }
        }));
        assertThrows(StoreException.class, () -> database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("DELETE FROM audit WHERE seq = 5");
            }
        }));
    }

    @Test
    void a_changed_entry_is_named_as_the_first_broken_one() throws Exception {
        tamper("DROP TRIGGER audit_no_update", "UPDATE audit SET detail = 'kind=regular' WHERE seq = 3");

        AuditLog.Verification result = audit.verify(database, null, null);

        assertFalse(result.intact());
        assertEquals(3L, result.firstBroken());
        assertEquals("its content was changed", result.problem());
    }

    @Test
    void a_removed_entry_is_named() throws Exception {
        tamper("DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE seq = 2");

        AuditLog.Verification result = audit.verify(database, null, null);

        assertFalse(result.intact());
        assertEquals(2L, result.firstBroken());
    }

    @Test
    void a_rewrite_of_the_whole_chain_is_caught_by_the_anchor_written_outside_the_database() throws Exception {
        AuditLog.Entry anchored = audit.head(database).orElseThrow();
        tamper("DROP TRIGGER audit_no_delete", "DELETE FROM audit");
        for (int i = 1; i <= 5; i++) {
            String subject = "hold-" + i;
            database.transaction(connection -> audit.append(connection, "ct", "hold.create", subject, "kind=regular"));
        }
        assertTrue(audit.verify(database, null, null).intact(), "the rewritten chain is consistent in itself");

        AuditLog.Verification result = audit.verify(database, anchored.seq(), anchored.hash());

        assertFalse(result.intact());
        assertEquals(5L, result.firstBroken());
    }

    private void tamper(String... statements) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + database.file());
             Statement statement = raw.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }
}
