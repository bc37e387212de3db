package nl.opvang.device.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * Owns the node's one SQLite connection, its pragmas and the numbered migrations (DESIGN §1). One connection is
 * enough for a node: every write is short, and serialising them is what keeps {@code seq} gap-free.
 */
final class NodeDatabase implements AutoCloseable {
    /** Numbered migrations; index + 1 is the {@code user_version} after applying it. Never edit one that shipped. */
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE meta (
                id                INTEGER PRIMARY KEY CHECK (id = 1),
                session           TEXT    NOT NULL,
                next_seq          INTEGER NOT NULL,
                connection        INTEGER NOT NULL,
                heartbeat_seconds INTEGER,
                created           TEXT    NOT NULL
            );
            CREATE TABLE outbox (
                seq     INTEGER PRIMARY KEY,
                id      TEXT    NOT NULL UNIQUE,
                type    TEXT    NOT NULL,
                payload TEXT    NOT NULL,
                created TEXT    NOT NULL
            );
            CREATE TABLE bed (
                bed    TEXT PRIMARY KEY,
                kind   TEXT NOT NULL,
                status TEXT NOT NULL,
                token  TEXT
            );
            CREATE TABLE count_place (
                kind     TEXT PRIMARY KEY,
                capacity INTEGER NOT NULL,
                open     INTEGER NOT NULL,
                occupied INTEGER NOT NULL
            );
            CREATE TABLE processed_command (
                id       TEXT PRIMARY KEY,
                type     TEXT NOT NULL,
                received TEXT NOT NULL
            );
            CREATE TABLE rejection (
                session  TEXT    NOT NULL,
                seq      INTEGER NOT NULL,
                type     TEXT,
                reason   TEXT    NOT NULL,
                received TEXT    NOT NULL,
                PRIMARY KEY (session, seq)
            );
            CREATE TABLE incoming_hold (
                hold         TEXT PRIMARY KEY,
                kind         TEXT    NOT NULL,
                bed          TEXT,
                expires_at   TEXT    NOT NULL,
                requested_by TEXT    NOT NULL,
                accepted     INTEGER NOT NULL DEFAULT 0,
                received     TEXT    NOT NULL
            );
            """, """
            -- The outbox becomes the journal (DESIGN §11): an acked row is marked (epoch ms of its ack), not deleted, and kept for the
            -- configured period, so that a hub restored from a backup can ask for it again with resend.
            ALTER TABLE outbox ADD COLUMN acked_ms INTEGER;
            CREATE INDEX outbox_acked ON outbox (acked_ms);
            """, """
            ALTER TABLE rejection ADD COLUMN id TEXT;
            ALTER TABLE rejection ADD COLUMN payload TEXT;
            """);

    private final Connection connection;
    private int depth;

    private NodeDatabase(Connection connection) {
        this.connection = connection;
    }

    /** Opens (or creates) the database at {@code file}; a new database gets a new random session. */
    static NodeDatabase open(Path file, String createdAt) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: the kiosk says "bewaard" after commit, so the commit must survive a power cut (DESIGN §9).
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(5_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            NodeDatabase database = new NodeDatabase(connection);
            database.migrate(createdAt);
            return database;
        } catch (SQLException | java.io.IOException e) {
            throw new NodeStoreException("cannot open the node database " + file + ": " + e.getMessage(), e);
        }
    }

    private void migrate(String createdAt) throws SQLException {
        int version;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            version = rows.getInt(1);
        }
        if (version > MIGRATIONS.size()) {
            throw new NodeStoreException("the node database is newer (version " + version + ") than this software", null);
        }
        for (int next = version; next < MIGRATIONS.size(); next++) {
            int number = next + 1;
            inTransaction(c -> {
                try (Statement statement = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(number - 1).split(";")) {
                        if (!sql.isBlank()) {
                            statement.execute(sql);
                        }
                    }
                    if (number == 1) {
                        // The session names this database: created once with it, never again (DESIGN §3).
                        statement.execute("INSERT INTO meta (id, session, next_seq, connection, created) VALUES (1, '"
                                + UUID.randomUUID() + "', 1, 0, '" + createdAt + "')");
                    }
                    statement.execute("PRAGMA user_version = " + number);
                }
                return null;
            });
        }
    }

    /**
     * Runs {@code work} in one transaction and commits, or rolls back on any exception and rethrows it. A call from
     * inside {@code work} joins the outer transaction, so a command's effects and its de-duplication commit together.
     */
    synchronized <T> T inTransaction(SqlWork<T> work) {
        if (depth > 0) {
            depth++;
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new NodeStoreException("node database: " + e.getMessage(), e);
            } finally {
                depth--;
            }
        }
        depth = 1;
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw new NodeStoreException("node database: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        } finally {
            depth = 0;
            restoreAutoCommit();
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what matters; SQLite rolls back on its own when the connection closes.
        }
    }

    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // Only fails when the connection is already broken, which the next call reports.
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new NodeStoreException("cannot close the node database: " + e.getMessage(), e);
        }
    }

    /** Work on the connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
