package nl.opvang.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The disk floor (docs/PERFORMANCE.md): durable inserts into a fresh SQLite file on the data disk, WAL and
 * {@code synchronous=FULL}, one prepared statement; batched 1000 rows per transaction, and one commit per row.
 */
public final class SqliteFloor {
    private final Path dir;
    private int files;

    public SqliteFloor(Path dir) {
        this.dir = dir;
    }

    /** Figures: batched rows/s, per-row rows/s, and the latency of one durable commit (p50, p99). */
    public List<Figure> measure(Plan plan) throws Exception {
        List<double[]> batched = plan.measure(run -> insert(plan.sqliteBatched(), 1000));
        List<double[]> perRow = plan.measure(run -> insert(plan.sqlitePerRow(), 1));
        return List.of(
                Figure.info("floor: SQLite durable, 1000 rows/txn", "rows/s", Plan.column(batched, 0),
                        "WAL, synchronous=FULL, " + plan.sqliteBatched() + " rows/run"),
                Figure.info("floor: SQLite durable, 1 commit/row", "rows/s", Plan.column(perRow, 0),
                        "WAL, synchronous=FULL, " + plan.sqlitePerRow() + " rows/run"),
                Figure.info("floor: SQLite durable commit p50", "ms", Plan.column(perRow, 1), "one row, one commit (fsync)"),
                Figure.info("floor: SQLite durable commit p99", "ms", Plan.column(perRow, 2), "one row, one commit (fsync)"));
    }

    /**
     * Inserts {@code rows} rows, {@code perTransaction} per commit, into a fresh file: rows per second, and with one
     * row per commit the p50 and p99 of a commit in ms (NaN otherwise).
     */
    double[] insert(int rows, int perTransaction) throws SQLException, java.io.IOException {
        Path file = dir.resolve("floor-" + (++files) + ".db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TABLE checkin (id INTEGER PRIMARY KEY, node TEXT, bed TEXT, occupied INT, "
                        + "ts INT, note TEXT)");
            }
            connection.setAutoCommit(perTransaction == 1);
            long[] commits = new long[perTransaction == 1 ? rows : 0];
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO checkin (node, bed, occupied, ts, note) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    insert.setString(1, "node-" + (i % 50));
                    insert.setString(2, "B" + (i % 10));
                    insert.setInt(3, i % 2);
                    insert.setLong(4, 1_795_000_000_000L + i);
                    insert.setString(5, "check_in regular k1:3q2x7abcdefgh");
                    if (perTransaction == 1) {
                        long before = System.nanoTime();
                        insert.executeUpdate();
                        commits[i - 1] = System.nanoTime() - before;
                    } else {
                        insert.addBatch();
                        if (i % perTransaction == 0 || i == rows) {
                            insert.executeBatch();
                            connection.commit();
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (commits.length == 0) {
                return new double[] {rows / seconds, Double.NaN, Double.NaN};
            }
            return new double[] {rows / seconds, Stats.millis(Stats.percentile(commits, 0.5)),
                Stats.millis(Stats.percentile(commits, 0.99))};
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
        }
    }
}
