package nl.opvang.hub.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.opvang.hub.http.Role;
import nl.opvang.sql.RowMapper;
import nl.opvang.sql.Sql;

/**
 * The {@code account} table, run inside the caller's transaction or read. The TOTP secret is read and written as
 * stored (sealed, or in the clear from an older hub): sealing and opening it is {@link Accounts}' business.
 */
final class AccountStore {
    private static final String SELECT = """
            SELECT id, username, display_name, role, scope, password_hash, totp_secret, disabled, created_ms FROM account""";
    /** An account as stored: {@link Account#totpSecret()} still sealed. */
    static final RowMapper<Account> ACCOUNT = row -> new Account(row.getLong("id"), row.getString("username"),
            row.getString("display_name"), Role.fromWire(row.getString("role")), row.getString("scope"),
            row.getString("password_hash"), row.getString("totp_secret"), row.getInt("disabled") == 1,
            Instant.ofEpochMilli(row.getLong("created_ms")));

    private AccountStore() {
    }

    /** Adds an enabled account with the secret as it is to be stored. */
    static void insert(Connection connection, Account account, String storedSecret) throws SQLException {
        Sql.update(connection, """
                INSERT INTO account (username, display_name, role, scope, password_hash, totp_secret, disabled, created_ms)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?)""", account.username(), account.displayName(), account.role().wire(),
                account.scope(), account.passwordHash(), storedSecret, account.createdAt().toEpochMilli());
    }

    static Optional<Account> find(Connection connection, String username) throws SQLException {
        return Sql.first(connection, SELECT + " WHERE username = ?", ACCOUNT, username);
    }

    static List<Account> all(Connection connection) throws SQLException {
        return Sql.list(connection, SELECT + " ORDER BY username", ACCOUNT);
    }

    /** Accounts whose stored secret does not start with {@code sealedPrefix}. */
    static List<Account> withSecretNotStarting(Connection connection, String sealedPrefix) throws SQLException {
        return Sql.list(connection, SELECT + " WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE ?", ACCOUNT,
                sealedPrefix + "%");
    }

    /** One account whose stored secret starts with {@code sealedPrefix}, if any. */
    static Optional<Account> anyWithSecretStarting(Connection connection, String sealedPrefix) throws SQLException {
        return Sql.first(connection, SELECT + " WHERE totp_secret LIKE ? LIMIT 1", ACCOUNT, sealedPrefix + "%");
    }

    /** Records {@code step} as used if no code of this step or a later one was (RFC 6238 §5.2); true when it was not. */
    static boolean useTotpStep(Connection connection, long accountId, long step) throws SQLException {
        return Sql.update(connection, """
                UPDATE account SET totp_last_step = ?
                WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)""", step, accountId, step) == 1;
    }

    static void storeSecret(Connection connection, long accountId, String storedSecret) throws SQLException {
        Sql.update(connection, "UPDATE account SET totp_secret = ? WHERE id = ?", storedSecret, accountId);
    }

    /** A new secret: codes of the old one, and the step used last, no longer count. */
    static void replaceSecret(Connection connection, long accountId, String storedSecret) throws SQLException {
        Sql.update(connection, "UPDATE account SET totp_secret = ?, totp_last_step = NULL WHERE id = ?", storedSecret,
                accountId);
    }

    static void replacePasswordHash(Connection connection, long accountId, String passwordHash) throws SQLException {
        Sql.update(connection, "UPDATE account SET password_hash = ? WHERE id = ?", passwordHash, accountId);
    }

    static void disable(Connection connection, long accountId) throws SQLException {
        Sql.update(connection, "UPDATE account SET disabled = 1 WHERE id = ?", accountId);
    }
}
