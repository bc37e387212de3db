package nl.opvang.device.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import nl.opvang.sql.Sql;

/**
 * The node's own bookkeeping in its database: the one {@code meta} row (session, next {@code seq}, connection counter,
 * heartbeat set by the hub) and the ids of {@code processed_command}s. Runs inside the caller's transaction.
 */
final class NodeMeta {
    private NodeMeta() {
    }

    static String session(Connection c) throws SQLException {
        return Sql.first(c, "SELECT session FROM meta", row -> row.getString(1)).orElseThrow();
    }

    /** The {@code seq} the next recorded message gets. */
    static long nextSeq(Connection c) throws SQLException {
        return Sql.number(c, "SELECT next_seq FROM meta", 0);
    }

    static void advanceSeq(Connection c) throws SQLException {
        Sql.update(c, "UPDATE meta SET next_seq = next_seq + 1");
    }

    /** Counts a connect; returns its number. */
    static long countConnection(Connection c) throws SQLException {
        Sql.update(c, "UPDATE meta SET connection = connection + 1");
        return Sql.number(c, "SELECT connection FROM meta", 0);
    }

    /** The heartbeat the hub set, or 0 when it set none. */
    static long heartbeatSeconds(Connection c) throws SQLException {
        return Sql.number(c, "SELECT coalesce(heartbeat_seconds, 0) FROM meta", 0);
    }

    static void heartbeatSeconds(Connection c, int seconds) throws SQLException {
        Sql.update(c, "UPDATE meta SET heartbeat_seconds = ?", seconds);
    }

    /** Records the command id as processed; false when it already was. */
    static boolean markProcessed(Connection c, UUID commandId, String type, long received) throws SQLException {
        return Sql.update(c, "INSERT OR IGNORE INTO processed_command (id, type, received_ms) VALUES (?, ?, ?)",
                commandId.toString(), type, received) > 0;
    }
}
