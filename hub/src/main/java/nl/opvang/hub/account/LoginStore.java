package nl.opvang.hub.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The tables of {@link LoginThrottle}: {@code login_failure} (one row per failed login and key it counts against) and
 * {@code login_address} (addresses that logged in to an account), run inside the caller's transaction or read.
 */
final class LoginStore {
    /** How many failures of one key since a time, and when the latest was (0 when none). */
    record Failures(long count, long latestMs) {
        static final RowMapper<Failures> ROW = row -> new Failures(row.getLong(1), row.getLong(2));
    }

    private LoginStore() {
    }

    static Failures failures(Connection connection, String subject, long sinceMs) throws SQLException {
        return Sql.first(connection, "SELECT COUNT(*), MAX(at_ms) FROM login_failure WHERE subject = ? AND at_ms >= ?",
                Failures.ROW, subject, sinceMs).orElseThrow();
    }

    /** Forgets failures older than {@code beforeMs}, then records one failure at {@code atMs} for each key. */
    static void fail(Connection connection, List<String> subjects, long atMs, long beforeMs) throws SQLException {
        Sql.update(connection, "DELETE FROM login_failure WHERE at_ms < ?", beforeMs);
        for (String subject : subjects) {
            Sql.update(connection, "INSERT INTO login_failure (subject, at_ms) VALUES (?, ?)", subject, atMs);
        }
    }

    static void clearFailures(Connection connection, String subject) throws SQLException {
        Sql.update(connection, "DELETE FROM login_failure WHERE subject = ?", subject);
    }

    static boolean known(Connection connection, String username, String address, long sinceMs) throws SQLException {
        return Sql.number(connection, "SELECT 1 FROM login_address WHERE username = ? AND address = ? AND last_ok_ms >= ?",
                0, username, address, sinceMs) == 1;
    }

    /** Forgets addresses whose last success is older than {@code beforeMs}, then remembers this one's at {@code atMs}. */
    static void remember(Connection connection, String username, String address, long atMs, long beforeMs)
            throws SQLException {
        Sql.update(connection, "DELETE FROM login_address WHERE last_ok_ms < ?", beforeMs);
        Sql.update(connection, """
                INSERT INTO login_address (username, address, last_ok_ms) VALUES (?, ?, ?)
                ON CONFLICT (username, address) DO UPDATE SET last_ok_ms = excluded.last_ok_ms""", username, address, atMs);
    }
}
