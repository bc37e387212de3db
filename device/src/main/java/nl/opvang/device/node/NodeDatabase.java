package nl.opvang.device.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import nl.opvang.sql.Migrations;
import nl.opvang.sql.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Owns the node's one SQLite connection, its pragmas and its schema, migrated by Flyway from the files in
 * {@code db/device} (docs/DESIGN.md §1). One connection is
 * enough for a node: every write is short, and serialising them is what keeps {@code seq} gap-free.
 */
final class NodeDatabase implements AutoCloseable {
    /** The migration files (docs/DESIGN.md §1); a database from before Flyway carries its version in user_version. */
    private static final Logger LOG = LoggerFactory.getLogger(NodeDatabase.class);
    private static final Migrations MIGRATIONS = new Migrations("classpath:db/device", new UserVersion());

    private final Connection connection;
    private int depth;

    private NodeDatabase(Connection connection) {
        this.connection = connection;
    }

    /** Opens (or creates) the database at {@code file}; a new database gets a new random session. */
    static NodeDatabase open(Path file, Instant createdAt) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: the kiosk says "bewaard" after commit, so the commit must survive a power cut (docs/DESIGN.md §9).
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(5_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource source = new SQLiteDataSource(config);
            source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            Migrations.Result migrated = MIGRATIONS.migrate(source);
            if (migrated.created()) {
                LOG.debug("New node database, schema version {}", migrated.version());
            } else if (!migrated.applied().isEmpty()) {
                LOG.info("Node database schema now at version {}: applied {}", migrated.version(),
                        String.join(", ", migrated.applied()));
            }
            NodeDatabase database = new NodeDatabase(source.getConnection());
            try {
                database.transaction(c -> Sql.update(c, """
                        INSERT INTO meta (id, session, next_seq, connection, created_ms)
                        SELECT 1, ?, 1, 0, ? WHERE NOT EXISTS (SELECT 1 FROM meta)""",
                        // The session names this database: created once with it, never again (docs/DESIGN.md §3).
                        UUID.randomUUID().toString(), createdAt.toEpochMilli()));
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
            return database;
        } catch (SQLException | java.io.IOException | Migrations.MigrationException e) {
            throw new NodeStoreException("cannot open the node database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The marker before Flyway: {@code PRAGMA user_version} was the number of migrations applied (0: a new file). */
    private static final class UserVersion implements Migrations.LegacyMarker {
        @Override
        public SortedSet<Integer> applied(Connection connection) throws SQLException {
            long version = Sql.number(connection, "PRAGMA user_version", 0);
            if (version == 0) {
                return null;
            }
            SortedSet<Integer> applied = new TreeSet<>();
            for (int number = 1; number <= version; number++) {
                applied.add(number);
            }
            return applied;
        }

        @Override
        public void record(Connection connection, int version) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA user_version = " + version);
            }
        }
    }

    /**
     * Runs {@code work} in one transaction and commits, or rolls back on any exception and rethrows it (an
     * {@link SQLException} as {@link NodeStoreException}); the same shape as the hub's {@code Database.transaction}. A
     * call from inside {@code work} joins the outer transaction, so a command's effects and its de-duplication commit
     * together.
     */
    synchronized <T> T transaction(Work<T> work) {
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

    /** A unit of JDBC work inside a transaction, as the hub's {@code Database.Work}. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
