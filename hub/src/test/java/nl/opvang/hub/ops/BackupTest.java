package nl.opvang.hub.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.hub.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    private static final int ROWS_PER_COMMIT = 10;

    @TempDir
    Path dataDir;
    @TempDir
    Path backups;
    Database database;
    final AtomicBoolean writing = new AtomicBoolean(true);
    final AtomicLong commits = new AtomicLong();
    Thread writer;

    @BeforeEach
    void open() {
        database = Database.open(dataDir);
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TABLE probe (id INTEGER PRIMARY KEY, commit_no INTEGER NOT NULL)");
                statement.executeUpdate("CREATE TABLE probe_commit (commit_no INTEGER PRIMARY KEY)");
            }
            return null;
        });
    }

    @AfterEach
    void close() throws InterruptedException {
        stopWriting();
        database.close();
    }

    /** Commits {@value #ROWS_PER_COMMIT} probe rows and one commit row per transaction, as fast as it can. */
    private void startWriting() {
        writer = new Thread(() -> {
            while (writing.get()) {
                long next = commits.get() + 1;
                database.transaction(connection -> {
                    try (PreparedStatement probe = connection.prepareStatement("INSERT INTO probe (commit_no) VALUES (?)");
                         PreparedStatement commit = connection.prepareStatement("INSERT INTO probe_commit VALUES (?)")) {
                        for (int i = 0; i < ROWS_PER_COMMIT; i++) {
                            probe.setLong(1, next);
                            probe.executeUpdate();
                        }
                        commit.setLong(1, next);
                        commit.executeUpdate();
                    }
                    return null;
                });
                commits.set(next);
            }
        }, "writer");
        writer.start();
    }

    private void stopWriting() throws InterruptedException {
        writing.set(false);
        if (writer != null) {
            writer.join(10_000);
        }
    }

    @Test
    void a_backup_under_concurrent_writes_is_a_consistent_snapshot_that_restores() throws Exception {
        startWriting();
        await().atMost(Duration.ofSeconds(20)).until(() -> commits.get() >= 50);

        long committedBefore = commits.get();
        Backup.Report backup = Backup.create(database.file(), backups.resolve("hub-backup.db"));
        long committedAfter = commits.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> commits.get() > committedAfter + 20);
        stopWriting();
        database.close();

        long snapshotCommits = backup.rows().get("probe_commit");
        assertEquals("ok", backup.integrity());
        assertTrue(snapshotCommits >= committedBefore && snapshotCommits <= committedAfter + 1,
                snapshotCommits + " commits in the backup, " + committedBefore + ".." + committedAfter + " around it");
        assertEquals(snapshotCommits * ROWS_PER_COMMIT, backup.rows().get("probe"), "no half transaction in the backup");
        assertTrue(Backup.inspect(database.file()).rows().get("probe_commit") > snapshotCommits, "the hub wrote on meanwhile");
        try (var files = Files.list(backups)) {
            assertEquals(1, files.count(), "no temporary file left beside the backup");
        }

        Path aside = Backup.restore(backup.file(), dataDir, Clock.systemUTC());
        Backup.Report restored = Backup.inspect(dataDir.resolve("hub.db"));

        assertEquals("ok", restored.integrity());
        assertEquals(backup.rows(), restored.rows());
        assertTrue(Files.exists(aside.resolve("hub.db")), "the replaced database is kept");
        assertFalse(Files.exists(dataDir.resolve("hub.db-wal")), "no WAL of the old database beside the restored one");
        database = Database.open(dataDir);
        assertEquals("ok", database.integrityCheck());
    }

    @Test
    void a_restore_is_refused_while_the_hub_has_the_database_open() {
        Backup.Report backup = Backup.create(database.file(), backups.resolve("hub-backup.db"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Backup.restore(backup.file(), dataDir, Clock.systemUTC()));

        assertTrue(refused.getMessage().contains("stop the hub"), refused.getMessage());
        assertEquals("ok", database.integrityCheck());
    }

    @Test
    void a_file_that_is_not_a_sound_hub_database_is_not_restored() throws Exception {
        Path junk = backups.resolve("junk.db");
        Files.writeString(junk, "not a database at all, just text that is long enough to look like a header");

        assertThrows(RuntimeException.class, () -> Backup.restore(junk, dataDir, Clock.systemUTC()));
        assertTrue(Files.exists(dataDir.resolve("hub.db")));
    }
}
