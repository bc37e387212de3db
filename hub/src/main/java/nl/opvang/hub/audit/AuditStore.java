package nl.opvang.hub.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import nl.opvang.hub.audit.AuditLog.Entry;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The {@code audit} table: the SQL of the hash chain, run inside the caller's transaction or read. The chain itself (the
 * hashes, what is verified) is {@link AuditLog}'s.
 */
final class AuditStore {
    private static final String SELECT = "SELECT seq, at_ms, actor, action, subject, detail, prev_hash, hash FROM audit";
    static final RowMapper<Entry> ENTRY = row -> new Entry(row.getLong("seq"), row.getLong("at_ms"),
            row.getString("actor"), row.getString("action"), row.getString("subject"), row.getString("detail"),
            row.getString("prev_hash"), row.getString("hash"));

    private AuditStore() {
    }

    /** The latest entry, if any. */
    static Optional<Entry> head(Connection connection) throws SQLException {
        return Sql.first(connection, SELECT + " ORDER BY seq DESC LIMIT 1", ENTRY);
    }

    static void insert(Connection connection, Entry entry) throws SQLException {
        Sql.update(connection, """
                INSERT INTO audit (seq, at_ms, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                entry.seq(), entry.atMs(), entry.actor(), entry.action(), entry.subject(), entry.detail(),
                entry.prevHash(), entry.hash());
    }

    /** The newest entries first, at most {@code limit}; only those of {@code action} unless it is {@code null}. */
    static List<Entry> newest(Connection connection, String action, int limit) throws SQLException {
        return Sql.list(connection, SELECT + " WHERE ? IS NULL OR action = ? ORDER BY seq DESC LIMIT ?", ENTRY,
                action, action, limit);
    }

    /** Every entry from the first on, one at a time (the chain can be long); stops when {@code more} returns false. */
    static void fromStart(Connection connection, Predicate<Entry> more) throws SQLException {
        Sql.each(connection, SELECT + " ORDER BY seq", ENTRY, more);
    }
}
