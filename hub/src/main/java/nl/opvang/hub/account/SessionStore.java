package nl.opvang.hub.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import nl.opvang.hub.account.Sessions.Active;
import nl.opvang.hub.account.Sessions.Kind;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.http.Role;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/** The {@code account_session} table (only a hash of each token is stored), run inside the caller's transaction or read. */
final class SessionStore {
    /** A session joined with its account. */
    static final RowMapper<Active> ACTIVE = row -> new Active(row.getString("token_hash"),
            new Principal(row.getLong("id"), row.getString("username"), Role.fromWire(row.getString("role")),
                    row.getString("scope")),
            row.getString("display_name"), "web".equals(row.getString("kind")) ? Kind.WEB : Kind.API,
            row.getString("csrf_token"), Instant.ofEpochMilli(row.getLong("expires_ms")),
            Instant.ofEpochMilli(row.getLong("last_used_ms")));

    private SessionStore() {
    }

    static void insert(Connection connection, String tokenHash, long accountId, Kind kind, String csrfToken,
                       Instant created, Instant expires) throws SQLException {
        Sql.update(connection, """
                INSERT INTO account_session (token_hash, account_id, kind, csrf_token, created_ms, expires_ms, last_used_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", tokenHash, accountId, kind.wire(), csrfToken, created.toEpochMilli(),
                expires.toEpochMilli(), created.toEpochMilli());
    }

    /** The session with this token hash, if its account is not disabled. */
    static Optional<Active> find(Connection connection, String tokenHash) throws SQLException {
        return Sql.first(connection, """
                SELECT s.token_hash, s.kind, s.csrf_token, s.expires_ms, s.last_used_ms,
                       a.id, a.username, a.display_name, a.role, a.scope
                FROM account_session s JOIN account a ON a.id = s.account_id
                WHERE s.token_hash = ? AND a.disabled = 0""", ACTIVE, tokenHash);
    }

    static void touch(Connection connection, String tokenHash, Instant lastUsed) throws SQLException {
        Sql.update(connection, "UPDATE account_session SET last_used_ms = ? WHERE token_hash = ?",
                lastUsed.toEpochMilli(), tokenHash);
    }

    static void delete(Connection connection, String tokenHash) throws SQLException {
        Sql.update(connection, "DELETE FROM account_session WHERE token_hash = ?", tokenHash);
    }

    static void deleteOfAccount(Connection connection, long accountId) throws SQLException {
        Sql.update(connection, "DELETE FROM account_session WHERE account_id = ?", accountId);
    }
}
