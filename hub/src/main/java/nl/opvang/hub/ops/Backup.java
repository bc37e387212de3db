package nl.opvang.hub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * Online backup and offline restore of the hub's SQLite file ({@code hub.db}).
 *
 * <p>Backup uses {@code VACUUM INTO} on a connection of its own, not the online-backup API ({@code backup to} in
 * sqlite-jdbc): {@code VACUUM INTO} copies one read transaction, so the copy is a consistent snapshot taken at one
 * moment, and in WAL mode the hub's writer goes on committing meanwhile. The backup API instead copies pages in steps
 * and starts over whenever another connection writes, which under steady ingest may never finish. The copy is also
 * compacted and has no {@code -wal} file: one self-contained file. SQLite does not fsync a {@code VACUUM INTO} target,
 * so it goes into a temporary file that is checked ({@code PRAGMA integrity_check}), flushed and then renamed over the
 * target: a crash leaves the previous backup, never a half one.
 *
 * <p>Restore is offline: stop the hub, restore, start it. The current {@code hub.db} moves aside together with its
 * {@code -wal} and {@code -shm} files (a WAL left beside a restored file would be replayed into it and corrupt it).
 */
public final class Backup {
    public static final String DATABASE_FILE = "hub.db";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Backup() {
    }

    /** Backs up {@code database} (the live {@code hub.db}) to {@code target}, replacing an older backup there. */
    public static Report create(Path database, Path target) {
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("no database at " + database);
        }
        Path temporary = AtomicFile.temporaryBeside(target);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (Connection connection = connect(database)) {
                BackupStore.vacuumInto(connection, temporary);
            }
            Report report = inspect(temporary);
            if (!report.integrity().equals("ok")) {
                throw new IllegalStateException("the backup copy failed its integrity check: " + report.integrity());
            }
            AtomicFile.moveIntoPlace(temporary, target);
            return new Report(target, Files.size(target), report.integrity(), report.rows());
        } catch (SQLException e) {
            throw new IllegalStateException("backup of " + database + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("backup to " + target + " failed", e);
        } finally {
            AtomicFile.deleteQuietly(temporary);
        }
    }

    /** Integrity and row counts per table of a database file (a backup, or a restored {@code hub.db}). */
    public static Report inspect(Path file) {
        try (Connection connection = connect(file)) {
            String integrity = BackupStore.integrityCheck(connection);
            Map<String, Long> counts = BackupStore.rowCounts(connection);
            return new Report(file, Files.size(file), integrity, counts);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Restores {@code backup} as the {@code hub.db} in {@code dataDir}; the hub must be stopped. Returns the folder
     * where the replaced database files were moved, or {@code null} when there were none.
     */
    public static Path restore(Path backup, Path dataDir, Clock clock) {
        Report report = inspect(backup);
        if (!report.integrity().equals("ok") || !report.rows().containsKey("schema_version")) {
            throw new IllegalArgumentException(backup + " is not a sound hub database (integrity: " + report.integrity() + ")");
        }
        Path database = dataDir.resolve(DATABASE_FILE);
        Path temporary = AtomicFile.temporaryBeside(database);
        try {
            Files.createDirectories(dataDir);
            refuseWhileInUse(database);
            Path aside = null;
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path file = dataDir.resolve(DATABASE_FILE + suffix);
                if (Files.exists(file)) {
                    if (aside == null) {
                        aside = Files.createDirectories(dataDir.resolve("before-restore-" + STAMP.format(clock.instant())));
                    }
                    Files.move(file, aside.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.copy(backup, temporary);
            AtomicFile.moveIntoPlace(temporary, database);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("restore into " + dataDir + " failed", e);
        } finally {
            AtomicFile.deleteQuietly(temporary);
        }
    }

    /**
     * Every open connection to a WAL database holds a shared lock on it; an exclusive lock is only granted when no
     * other process (a running hub) has the file open. So a restore under a running hub is refused, not attempted.
     */
    private static void refuseWhileInUse(Path database) {
        if (!Files.exists(database)) {
            return;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        config.setBusyTimeout(0);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath(), config.toProperties())) {
            BackupStore.lockExclusively(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the database " + database + " is in use; stop the hub before restoring ("
                    + e.getMessage() + ")", e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    /**
     * A backup file, or a database inspected.
     *
     * @param integrity {@code PRAGMA integrity_check}: "ok" when sound
     * @param rows      row count per table
     */
    public record Report(Path file, long bytes, String integrity, Map<String, Long> rows) {
        public Report {
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }
    }
}
