package nl.opvang.hub.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import nl.opvang.sql.Migrations;
import nl.opvang.sql.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The hub's one SQLite database: owns the connections, the pragmas and the schema, migrated by Flyway from the files
 * in {@code db/hub} (docs/DESIGN.md §1).
 * WAL with {@code synchronous=FULL}: a commit is on disk before the hub acks anything. One writer connection, used
 * under a lock; reads that must not wait for the writer use their own connection.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Migrations MIGRATIONS = new Migrations("classpath:db/hub", new SchemaVersionTable());

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<TransactionListener> listeners = new CopyOnWriteArrayList<>();

    private Database(Path file) throws SQLException {
        this.file = file;
        this.writer = connect(file);
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date. A damaged file
     * ({@code PRAGMA quick_check} not ok, or not a database at all) is refused before anything is written to it.
     */
    public static Database open(Path dataDir) {
        Path file = dataDir.resolve("hub.db");
        try {
            Files.createDirectories(dataDir);
            Database database = new Database(file);
            try {
                database.requireSound();
                database.migrate();
            } catch (SQLException | RuntimeException e) {
                database.writer.close();
                throw e;
            }
            return database;
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            if (damagedFile(e)) {
                throw damaged(file, e.getMessage(), e);
            }
            throw new StoreException("cannot open the database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean damagedFile(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT");
    }

    private static StoreException damaged(Path file, String detail, Throwable cause) {
        return StoreException.damaged("the database file " + file + " is damaged (" + detail + "); the hub does not start "
                + "on it and has not changed it: restore the last backup (docs/PRODUCTION.md §6), or move the file away", cause);
    }

    /** {@code PRAGMA quick_check} at start: a damaged file is refused, never written to. */
    private void requireSound() throws SQLException {
        try (Statement statement = writer.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
            String result = rows.next() ? rows.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw damaged(file, "quick_check: " + result.lines().findFirst().orElse(result), null);
            }
        }
    }

    private static Connection connect(Path file) throws SQLException {
        return connect(file, false);
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        return DriverManager.getConnection(url(file), config(readOnly).toProperties());
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static SQLiteConfig config(boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        // A removed token link or the instructions of an ended hold must not linger in free pages of the file (or of
        // a backup made from it): SQLite then overwrites deleted content with zeros (docs/DESIGN.md §5).
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        // No code here reads generated keys; with the default (on) the driver runs an extra SELECT last_insert_rowid()
        // after every INSERT, which was 8% of the ingest thread's samples (docs/PERFORMANCE.md).
        config.setGetGeneratedKeys(false);
        return config;
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction on the writer connection; commits, or rolls back on any exception. */
    public <T> T transaction(Work<T> work) {
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            boolean committed = false;
            try {
                T result = work.run(writer);
                writer.commit();
                committed = true;
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
                ended(committed);
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Calls {@code listener} after every transaction of {@link #transaction}, committed or rolled back, on the writing
     * thread and still under the write lock (so listeners see transactions one at a time and in commit order). The
     * audit anchors use it to write the new head outside the database only once it is durably committed. Listeners
     * run on every write, event ingest included: they must be cheap when there is nothing for them to do.
     */
    public void onTransactionEnd(TransactionListener listener) {
        listeners.add(listener);
    }

    private void ended(boolean committed) {
        for (TransactionListener listener : listeners) {
            listener.ended(writer, committed);
        }
    }

    /** Told when a write transaction has ended. */
    @FunctionalInterface
    public interface TransactionListener {
        /**
         * {@code connection} is the writer the transaction ran on; {@code committed} whether it was committed. A
         * listener must not throw: the transaction's outcome is already decided.
         */
        void ended(Connection connection, boolean committed);
    }

    /** Runs a read on a fresh connection of its own, so that it never waits for the writer (WAL readers don't block). */
    public <T> T read(Work<T> work) {
        try (Connection reader = connect(file, true)) {
            return work.run(reader);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    /** A cheap liveness probe for {@code /health}: "ok" when the file answers a query, else the problem. */
    public String ping() {
        try {
            return read(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT MAX(installed_rank) FROM " + Migrations.HISTORY)) {
                    return rows.next() ? "ok" : "no schema";
                }
            });
        } catch (StoreException e) {
            return e.getMessage();
        }
    }

    /**
     * Copies the write-ahead log into the file and empties it ({@code PRAGMA wal_checkpoint(TRUNCATE)}): after a change
     * whose old content must not stay readable in the log or in the file's old pages (a secret sealed in place).
     */
    public void checkpoint() {
        writeLock.lock();
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new StoreException("database checkpoint failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** {@code PRAGMA integrity_check}: "ok" when the file is sound. */
    public String integrityCheck() {
        return read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                return rows.next() ? rows.getString(1) : "no answer";
            }
        });
    }

    /**
     * Brings the schema up to date with the files in {@code db/hub} (docs/DESIGN.md §1), on connections of its own. A
     * database made before Flyway is taken over at the versions its {@code schema_version} table lists; that table is
     * kept up to date, so that an older hub refuses a database newer than itself.
     */
    private void migrate() {
        SQLiteDataSource source = new SQLiteDataSource(config(false));
        source.setUrl(url(file));
        Migrations.Result result;
        try {
            result = MIGRATIONS.migrate(source);
        } catch (Migrations.MigrationException e) {
            throw StoreException.schema("the hub does not start: " + e.getMessage(), e);
        }
        // An upgrade is worth a line in the log; a new data folder's schema is not (a refused start prints one line).
        if (result.created()) {
            LOG.debug("New database, schema version {}", result.version());
        } else if (!result.applied().isEmpty()) {
            LOG.info("Database schema now at version {}: applied {}", result.version(), String.join(", ", result.applied()));
        }
    }

    /** The marker of the numbered migrations before Flyway: one row per applied version in {@code schema_version}. */
    private static final class SchemaVersionTable implements Migrations.LegacyMarker {
        @Override
        public SortedSet<Integer> applied(Connection connection) throws SQLException {
            if (Sql.number(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
                    0) == 0) {
                return null;
            }
            return new TreeSet<>(Sql.list(connection, "SELECT version FROM schema_version", row -> row.getInt(1)));
        }

        @Override
        public void record(Connection connection, int version) throws SQLException {
            Sql.update(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            Sql.update(connection, "INSERT INTO schema_version (version) SELECT ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM schema_version WHERE version = ?)", version, version);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("closing the database failed: " + e.getMessage(), e);
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
